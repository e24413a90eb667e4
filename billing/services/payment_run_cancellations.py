"""The cancellation part of a payment run: each worker's minimum pay for a commission gig that the
client cancelled late after she took it becomes a line of her payout, next to her work.

The minimum is frozen on the assignment at the cancellation (`Assignment.cancellation_pay*`). It is
unpaid while the assignment is on no live payout line; the line's source is the assignment, so the
partial unique constraint "one live line per assignment" pays it once, as approved hours are. It
is a fee for the commission like the work's (the worker had kept the time for it), so it is
withheld by the same tax card and reported in the same Incomes Register report (the payout's gross).

One query whatever the number of workers.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils.translation import gettext as _
from django.utils.translation import override

from billing.models import PayoutLine
from orders.models import Assignment, AssignmentStatus, ContractType


def unpaid_cancellation_pay(*, cutoff_date: dt.date, worker_id: int | None = None):
    """Minimums of cancelled commission gigs dated up to the cut-off, on no live payout line."""
    qs = Assignment.objects.filter(
        status=AssignmentStatus.WITHDRAWN,
        cancellation_pay__gt=0,
        gig__order__contract_type=ContractType.COMMISSION,
        gig__date__lte=cutoff_date,
    ).exclude(payout_lines__released=False)
    if worker_id is not None:
        qs = qs.filter(worker_id=worker_id)
    return qs


def unpaid_cancellation_workers(*, cutoff_date: dt.date):
    """The workers with an unpaid minimum, as a subquery of worker ids."""
    return unpaid_cancellation_pay(cutoff_date=cutoff_date).values("worker_id")


def cancellation_line_task(day: dt.date, language: str) -> str:
    with override(language):
        return _("Minimum pay, gig of %(date)s cancelled late by the client") % {"date": f"{day:%d.%m.%Y}"}


def cancellation_lines_up_to(cutoff_date: dt.date) -> dict[int, list[PayoutLine]]:
    """Each worker's unpaid minimums up to the cut-off as payout lines (not saved), by worker id:
    the minimum's hours, pay per hour and amount as frozen on the assignment."""
    rows = (
        unpaid_cancellation_pay(cutoff_date=cutoff_date)
        .values_list(
            "pk",
            "worker_id",
            "worker__user__language",
            "gig__date",
            "cancellation_pay_hours",
            "cancellation_pay_rate",
            "cancellation_pay",
        )
        .order_by("worker_id", "gig__date", "pk")
    )
    lines: dict[int, list[PayoutLine]] = defaultdict(list)
    for pk, worker_id, language, day, hours, rate, amount in rows:
        lines[worker_id].append(
            PayoutLine(
                assignment_id=pk,
                is_cancellation_pay=True,
                date=day,
                task=cancellation_line_task(day, language or "fi")[:300],
                hours=hours,
                rate=rate,
                amount=amount,
            )
        )
    return dict(lines)
