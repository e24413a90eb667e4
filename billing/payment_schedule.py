"""Payment dates from the payment schedule: pure functions over the schedule's rows, no queries.

The schedule (`billing.models.PaymentSchedule`, dated data) says on which days of the month the
payment runs pay, and how many days before a payment date the work must be done to be in that run
(the approval lag). A payment date on a Saturday, a Sunday or a Finnish public holiday moves to the
working day before, as a bank pays only on a banking day.

A day of work is paid in the first payment run whose cut-off (payment date minus the lag) is on or
after it. Work already done but not yet paid waits for a run: it is never expected before the next
payment date on or after today. So the expected payment date is a non-decreasing step function of
the work date, which `PaymentCalendar.pieces` spells out for the database (`benefits.selectors`).
"""

from __future__ import annotations

import bisect
import calendar as calendar_module
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

import holidays

ONE_DAY = dt.timedelta(days=1)
# How far ahead the next payment date is looked for (a schedule paying less than once a year is
# not a payment schedule).
NEXT_RUN_HORIZON = dt.timedelta(days=400)


class ScheduleRow(Protocol):
    """What the functions read of a `PaymentSchedule` row."""

    valid_from: dt.date
    valid_to: dt.date | None
    days: tuple[int, ...]
    last_working_day: bool
    approval_lag_days: int


@lru_cache(maxsize=64)
def _holidays_of(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.Finland(years=year))


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not a Finnish public holiday (Midsummer Eve and Christmas Eve included)."""
    return day.weekday() < 5 and day not in _holidays_of(day.year)


def working_day_on_or_before(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day -= ONE_DAY
    return day


def _valid_on(row: ScheduleRow, day: dt.date) -> bool:
    return row.valid_from <= day and (row.valid_to is None or row.valid_to >= day)


def _months(start: dt.date, end: dt.date) -> Iterable[tuple[int, int]]:
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _runs(start: dt.date, end: dt.date, schedule: Sequence[ScheduleRow]) -> list[tuple[dt.date, dt.date]]:
    """(payment date, cut-off) of every scheduled payment between `start` and `end`, by date. A row
    holds for the payment dates in its validity; the cut-off is the date minus that row's lag."""
    found: dict[dt.date, dt.date] = {}
    # A payment day on the 1st can move back into the previous month: read one month more.
    last_month = end + dt.timedelta(days=31)
    for year, month in _months(start, last_month):
        month_end = calendar_module.monthrange(year, month)[1]
        for row in schedule:
            nominal = [dt.date(year, month, min(day, month_end)) for day in row.days]
            if row.last_working_day:
                nominal.append(dt.date(year, month, month_end))
            for day in nominal:
                paid = working_day_on_or_before(day)
                if start <= paid <= end and _valid_on(row, paid) and paid not in found:
                    found[paid] = paid - dt.timedelta(days=row.approval_lag_days)
    return sorted(found.items())


def scheduled_payment_dates(start: dt.date, end: dt.date, *, schedule: Sequence[ScheduleRow]) -> list[dt.date]:
    """The scheduled payment dates from `start` to `end` (both included), moved to working days."""
    return [paid for paid, _cutoff in _runs(start, end, schedule)]


def next_payment_date(today: dt.date, *, schedule: Sequence[ScheduleRow]) -> dt.date | None:
    """The first scheduled payment date on or after `today` (None when no schedule is in force)."""
    dates = scheduled_payment_dates(today, today + NEXT_RUN_HORIZON, schedule=schedule)
    return dates[0] if dates else None


# A piece of the work-date axis: (first work day or None for "since ever", last work day or None
# for "from then on", the payment date of that work, or None: paid on the day of the work).
Piece = tuple[dt.date | None, dt.date | None, dt.date | None]


@dataclass(frozen=True)
class PaymentCalendar:
    """The schedule's payment runs from `start` to `end`, ready to answer for many work days.

    Exact for work days from `start` until the last cut-off before `end`; outside that the payment
    date is taken to be the day of the work (callers choose the range wide enough for it not to
    matter, see `calendar_for`). `next_run` is the first payment date on or after today."""

    start: dt.date
    end: dt.date
    cutoffs: tuple[dt.date, ...]  # strictly increasing; work up to cutoffs[i] is paid on dates[i]
    dates: tuple[dt.date, ...]
    next_run: dt.date | None

    def on_schedule(self, work_day: dt.date) -> dt.date:
        """The payment date of the run that work of `work_day` is in, when paid on time."""
        if work_day < self.start:
            return work_day
        index = bisect.bisect_left(self.cutoffs, work_day)
        return self.dates[index] if index < len(self.dates) else work_day

    def paid_on(self, work_day: dt.date, *, waits_for_run: bool) -> dt.date:
        """The expected payment date; `waits_for_run` for work the Jobcenter pays that is not yet in a
        run: then never before the next payment date on or after today."""
        paid = self.on_schedule(work_day)
        if waits_for_run and self.next_run is not None and paid < self.next_run:
            return self.next_run
        return paid

    def pieces(self, *, waits_for_run: bool) -> list[Piece]:
        """`paid_on` as pieces of the work-date axis, in order, together covering every day."""
        base: list[Piece] = [(None, self.start - ONE_DAY, None)]
        low = self.start
        for cutoff, paid in zip(self.cutoffs, self.dates, strict=True):
            base.append((low, cutoff, paid))
            low = cutoff + ONE_DAY
        base.append((low, None, None))
        if waits_for_run and self.next_run is not None:
            base = self._waiting(base, self.next_run)
        return [(low, high, paid) for low, high, paid in base if low is None or high is None or low <= high]

    @staticmethod
    def _waiting(base: list[Piece], first: dt.date) -> list[Piece]:
        pieces: list[Piece] = []
        for low, high, paid in base:
            if paid is not None:
                pieces.append((low, high, max(paid, first)))
                continue
            # Paid on the day of the work, but not before the next run.
            if low is None or low < first:
                pieces.append((low, first - ONE_DAY if high is None else min(high, first - ONE_DAY), first))
            if high is None or high >= first:
                pieces.append((first if low is None else max(low, first), high, None))
        return pieces


def payment_calendar(
    schedule: Sequence[ScheduleRow], *, start: dt.date, end: dt.date, today: dt.date
) -> PaymentCalendar:
    cutoffs: list[dt.date] = []
    dates: list[dt.date] = []
    for paid, cutoff in _runs(start, end, schedule):
        # With a lag that changes between rows, a later run could have an earlier cut-off; work
        # then goes to the first run that still takes it, so such a run takes no new work.
        if not cutoffs or cutoff > cutoffs[-1]:
            cutoffs.append(cutoff)
            dates.append(paid)
    return PaymentCalendar(
        start=start,
        end=end,
        cutoffs=tuple(cutoffs),
        dates=tuple(dates),
        next_run=next_payment_date(today, schedule=schedule),
    )


def expected_payment_date(work_day: dt.date, *, today: dt.date, schedule: Sequence[ScheduleRow]) -> dt.date:
    """The day the pay of work on `work_day`, not yet paid, is expected in the worker's account:
    the first run whose cut-off takes it, and never before the next payment date on or after today
    (work already done waits for a run). With no schedule in force, the day of the work."""
    start = min(work_day, today)
    calendar = payment_calendar(schedule, start=start, end=max(work_day, today) + NEXT_RUN_HORIZON, today=today)
    return calendar.paid_on(work_day, waits_for_run=True)
