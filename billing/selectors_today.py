"""Reads of billing for the coordinator's "Today" page: e-invoices whose dispatch failed, and the
payment runs that are due (a draft waiting for approval, or the next payment date with no run yet).

A fixed number of queries whatever the number of invoices or runs. Coordinators only: anyone else
gets nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from billing.models import DispatchStatus, EInvoiceDispatch, PaymentRun, PaymentRunStatus, PaymentSchedule
from billing.payment_schedule import next_payment_date
from orders.permissions import can_coordinate

# The next payment date is due on the Today page from this many days before it.
PAYMENT_RUN_WARN_DAYS = 7


def einvoices_failed_for(*, user, limit: int) -> tuple[int, list[EInvoiceDispatch]]:
    """How many e-invoices failed to be sent, and the newest `limit` of them with their invoice."""
    if not can_coordinate(user):
        return 0, []
    failed = EInvoiceDispatch.objects.filter(status=DispatchStatus.FAILED)
    rows = list(
        failed.select_related("invoice__series").defer("invoice__credit_reason").order_by("-updated_at", "-pk")[:limit]
    )
    count = failed.order_by().count()
    return count, rows


@dataclass(frozen=True)
class PaymentRunsDue:
    """Draft runs waiting for the paying role's approval, and the next payment date without a run
    when it is within `PAYMENT_RUN_WARN_DAYS` (else None)."""

    drafts: list[PaymentRun]
    next_date_without_run: dt.date | None

    @property
    def count(self) -> int:
        return len(self.drafts) + (1 if self.next_date_without_run else 0)


def payment_runs_due_for(*, user, today: dt.date, limit: int = 20) -> PaymentRunsDue:
    """At most three queries: the drafts, the schedule, whether the next payment date has a run."""
    if not can_coordinate(user):
        return PaymentRunsDue(drafts=[], next_date_without_run=None)
    drafts = list(
        PaymentRun.objects.filter(status=PaymentRunStatus.DRAFT)
        .order_by("payment_date", "pk")
        .only("pk", "payment_date", "status", "payment_count", "net")[:limit]
    )
    upcoming = next_payment_date(today, schedule=list(PaymentSchedule.objects.all()))
    missing = None
    if upcoming and (upcoming - today).days <= PAYMENT_RUN_WARN_DAYS:
        has_run = PaymentRun.objects.exclude(status=PaymentRunStatus.DISCARDED).filter(payment_date=upcoming).exists()
        missing = None if has_run else upcoming
    return PaymentRunsDue(drafts=drafts, next_date_without_run=missing)
