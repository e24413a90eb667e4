"""The day an earning is (or will be) paid, shared by the foresight's earnings loaders: the payout
line a payment run made for the work (its run's date), or the payment schedule's next run that takes
the work's day. A payout line that the bank rejected is released, and the work waits again."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, FilteredRelation, Q

from billing.payment_schedule import PaymentCalendar
from orders.models import ContractType

Window = tuple[dt.date, dt.date]


def _live_line() -> FilteredRelation:
    """The assignment's (or delivery's) payout line that is not released: at most one (a constraint)."""
    return FilteredRelation("payout_lines", condition=Q(payout_lines__released=False))


# The payment date of the line's payout: a payment run copies its date to each of its payouts (a
# payout made before payment runs existed has none), so the run itself need not be joined.
RUN_DATE = F("live_line__payout__payment_date")


def waits_for_run(*, contract: str, on_line: bool, done: bool) -> bool:
    """Whether unpaid work waits for the Jobcenter's next payment run: work done (reported or
    approved) that the Jobcenter pays and no run has taken. A gig still ahead (offered, accepted) is
    paid as the schedule says; one whose day has passed without a report is not guessed at."""
    return done and not on_line and contract != ContractType.EMPLOYMENT


def _paid_on(
    calendar: PaymentCalendar, *, work_day: dt.date, contract: str, on_line: bool, done: bool, run_date
) -> dt.date:
    if run_date is not None:
        return run_date
    return calendar.paid_on(work_day, waits_for_run=waits_for_run(contract=contract, on_line=on_line, done=done))


def _work_days_paid_in(calendar: PaymentCalendar, window: Window, *, waits: bool) -> tuple[dt.date | None, dt.date]:
    """The first (None: since ever) and last work day whose expected payment date can fall in `window`."""
    lows, highs = [], []
    for low, high, paid in calendar.pieces(waits_for_run=waits):
        if paid is not None:
            if not window[0] <= paid <= window[1]:
                continue
        else:  # paid on the day of the work: the piece's days inside the window
            low = window[0] if low is None else max(low, window[0])
            high = window[1] if high is None else min(high, window[1])
            if low > high:
                continue
        lows.append(low)
        highs.append(high if high is not None else window[1])
    if not highs:
        return window[0], window[0] - dt.timedelta(days=1)  # no day: an empty range
    return (None if None in lows else min(lows)), max(highs)


def _date_range_q(field: str, low: dt.date | None, high: dt.date) -> Q:
    return Q(**{f"{field}__lte": high}) if low is None else Q(**{f"{field}__range": (low, high)})
