"""The worker's own payments, for the worker's money page (`/me/money/`) and the pay on `/me/`.

Only a payment that has left a payment run is shown: one sent to the bank, paid, or rejected by the
bank. A draft run's payment is not, because it may still change or go. The payouts made before
payment runs existed were paid outside the system; they are paid and have no payment date, so the
page names their period instead. Every read is scoped to one worker: another worker's payment, or a
draft, is a 404.

The account is shown masked only (`mask_iban`), and the identity code is never read here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, DateField, F, IntegerField, Prefetch, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from billing.models import Payout, PayoutLine, PayoutStatus, mask_iban

SHOWN_STATUSES = (PayoutStatus.IN_PAYMENT, PayoutStatus.PAID, PayoutStatus.REJECTED)


class PaymentState:
    """Where a payment stands, as the worker's page tells it."""

    COMING = "coming"  # in the bank, the payment date today or later
    SENT = "sent"  # in the bank, the payment date passed, the bank has not yet reported back
    PAID = "paid"  # the bank paid it
    PAID_BEFORE_RUNS = "paid_before_runs"  # paid outside the system, before payment runs
    REJECTED = "rejected"  # the bank returned it; the work goes to the next run


@dataclass(frozen=True)
class WorkerPayment:
    payout: Payout
    state: str
    payment_date: dt.date | None
    period_start: dt.date
    period_end: dt.date
    gross: Decimal
    withholding_percent: Decimal
    tax_withheld: Decimal
    net: Decimal
    masked_iban: str
    bank_reason_code: str
    lines: list[PayoutLine]


def _state(payout: Payout, today: dt.date) -> str:
    if payout.status == PayoutStatus.REJECTED:
        return PaymentState.REJECTED
    if payout.status == PayoutStatus.PAID:
        return PaymentState.PAID if payout.payment_date else PaymentState.PAID_BEFORE_RUNS
    if payout.payment_date and payout.payment_date < today:
        return PaymentState.SENT
    return PaymentState.COMING


def _payment(payout: Payout, today: dt.date, *, with_lines: bool = True) -> WorkerPayment:
    return WorkerPayment(
        payout=payout,
        state=_state(payout, today),
        payment_date=payout.payment_date,
        period_start=payout.period_start,
        period_end=payout.period_end,
        gross=payout.gross,
        withholding_percent=payout.withholding_percent,
        tax_withheld=payout.tax_withheld,
        net=payout.net,
        masked_iban=mask_iban(payout.iban),
        bank_reason_code=payout.bank_reason_code,
        lines=list(payout.lines.all()) if with_lines else [],
    )


def _shown_payouts(worker) -> QuerySet[Payout]:
    """The worker's payouts that have left a run (only the fields the worker's pages show)."""
    return Payout.objects.filter(worker=worker, status__in=SHOWN_STATUSES).only(
        "pk",
        "worker_id",
        "status",
        "payment_date",
        "period_start",
        "period_end",
        "gross",
        "withholding_percent",
        "tax_withheld",
        "net",
        "iban",
        "bank_reason_code",
    )


def _newest_first(qs: QuerySet[Payout]) -> QuerySet[Payout]:
    # Payouts from before the runs have no payment date and are older than every run's payment.
    return qs.order_by(F("payment_date").desc(nulls_last=True), "-period_end", "-pk")


def worker_payments_for(*, worker, today: dt.date) -> list[WorkerPayment]:
    """The worker's payments, newest first, each with its rows: two queries however many there are."""
    payouts = _newest_first(_shown_payouts(worker)).prefetch_related(
        Prefetch("lines", queryset=PayoutLine.objects.order_by("date", "pk"))
    )
    return [_payment(payout, today) for payout in payouts]


def worker_next_payment_for(*, worker, today: dt.date) -> WorkerPayment | None:
    """The payment the worker most needs to know of: the next one in the bank (the earliest payment
    date still to come), otherwise the latest one."""
    coming = (
        _shown_payouts(worker)
        .annotate(
            coming=Case(
                When(status=PayoutStatus.IN_PAYMENT, payment_date__gte=today, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by(
            "coming",
            Case(When(coming=0, then=F("payment_date")), output_field=DateField()).asc(nulls_last=True),
            F("payment_date").desc(nulls_last=True),
            "-period_end",
            "-pk",
        )
    )
    payout = coming.first()
    return _payment(payout, today, with_lines=False) if payout is not None else None


def worker_payout_get(*, worker, pk: int) -> Payout:
    """One of the worker's shown payouts for its statement PDF; another's, or a draft, is a 404."""
    return get_object_or_404(
        Payout.objects.select_related("run").filter(worker=worker, status__in=SHOWN_STATUSES), pk=pk
    )
