"""A test bank: approved payment runs with their payments at the bank, and the bank's status reports.

`status_report_for(pain001, rejected={end_to_end_id: reason_code}, ...)` is the simulated bank of
`billing.bank_files.simulated` (the demo uses it too): a pain.002 valid against the German banks'
SEPA profile that the upload checks. `approved_run(...)` builds an approved run directly, each
payment with a worker, a valid account and one approved commission assignment on a live line, as
`payment_run_approve` leaves them.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from billing.bank_files.simulated import status_report_for  # noqa: F401 - the test bank's answer
from billing.models import PaymentRun, PaymentRunStatus, Payout, PayoutLine, PayoutStatus
from tests.factories import CoordinatorFactory, WorkerFactory
from tests.factories.payments import approved_commission_work, payer_user, payment_details

PAYMENT_DATE = dt.date(2026, 12, 15)
WORK_DATE = dt.date(2026, 11, 20)
_runs = itertools.count(1)


@dataclass(frozen=True)
class Payment:
    """One worker's payment in a run: net + tax = gross, all in euros."""

    first_name: str = "Aino"
    last_name: str = "Virtanen"
    net: str = "40.00"
    tax: str = "60.00"
    bic: str = ""
    language: str = "fi"


def approved_run(*payments: Payment, payment_date: dt.date = PAYMENT_DATE, **run_fields) -> PaymentRun:
    """An approved run (made by a coordinator, approved by a payer) with `payments` sent to the bank."""
    n = next(_runs)
    now = timezone.now()
    run = PaymentRun.objects.create(
        payment_date=payment_date,
        cutoff_date=WORK_DATE,
        status=PaymentRunStatus.APPROVED,
        created_by=CoordinatorFactory(),
        approved_by=payer_user(),
        approved_at=now,
        message_id=run_fields.pop("message_id", f"JC{n}-{timezone.localtime(now):%Y%m%d%H%M%S}"),
        payer_name=run_fields.pop("payer_name", settings.JOBCENTER_PAYER_NAME),
        payer_business_id=run_fields.pop("payer_business_id", settings.JOBCENTER_PAYER_BUSINESS_ID),
        payer_iban=run_fields.pop("payer_iban", settings.JOBCENTER_PAYER_IBAN),
        payer_bic=run_fields.pop("payer_bic", settings.JOBCENTER_PAYER_BIC),
        **run_fields,
    )
    for payment in payments or (Payment(),):
        _payout(run, payment)
    totals = run.payouts.all()
    run.payment_count = len(totals)
    run.gross = sum((p.gross for p in totals), Decimal(0))
    run.tax_withheld = sum((p.tax_withheld for p in totals), Decimal(0))
    run.net = sum((p.net for p in totals), Decimal(0))
    run.save(update_fields=["payment_count", "gross", "tax_withheld", "net"])
    return run


def _payout(run: PaymentRun, payment: Payment) -> Payout:
    worker = WorkerFactory(
        user__first_name=payment.first_name, user__last_name=payment.last_name, user__language=payment.language
    )
    details = payment_details(worker, bic=payment.bic)
    assignment = approved_commission_work(worker, WORK_DATE, "1.00")
    net, tax = Decimal(payment.net), Decimal(payment.tax)
    payout = Payout.objects.create(
        worker=worker,
        worker_name=worker.display_name,
        worker_email=worker.user.email,
        language=payment.language,
        period_start=WORK_DATE,
        period_end=WORK_DATE,
        hours=Decimal("1.00"),
        gross=net + tax,
        withholding_percent=(Decimal(100) * tax / (net + tax)).quantize(Decimal("0.01")) if net + tax else Decimal(0),
        tax_withheld=tax,
        net=net,
        created_by=run.created_by,
        run=run,
        status=PayoutStatus.IN_PAYMENT,
        payment_date=run.payment_date,
        iban=details.iban,
        bic=payment.bic,
    )
    payout.end_to_end_id = f"JC{run.pk}-{payout.pk}"
    payout.save(update_fields=["end_to_end_id"])
    PayoutLine.objects.create(
        payout=payout,
        assignment=assignment,
        date=WORK_DATE,
        task="Siivous",
        hours=Decimal("1.00"),
        rate=net + tax,
        amount=net + tax,
    )
    return payout
