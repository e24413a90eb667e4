"""The earnings the foresight counts, loaded for many workers with a constant number of queries:
gig by gig (`earnings_by_worker`) or summed in the database per piece of the window
(`earnings_by_worker_summed`, the proposal page). Product compensation and a late cancellation's
minimum pay are loaded beside them (`earnings_other`), the payment day by `paid_on`.

Every euro of pay comes from `billing.pricing`: the hourly pay of each gig's date and the gig's pay
rounded half up to cents, in Python (gig by gig) or in the database (summed for the proposal page),
so the foresight counts the same euros as the worker's earnings page and the fee statement.

Each earning also gets the day it is (or will be) paid, because most benefits count income by
that day (`billing.payment_schedule`):
- work on a live payout line (in a payment run, not rejected by the bank): the run's payment date;
- a gig still ahead (offered, accepted): the first run whose cut-off takes its day;
- work done (reported or approved) that the Jobcenter pays and no run has taken yet (never paid,
  or rejected by the bank): the same, but never before the next payment date on or after today
  (work done long ago waits for the next run);
- the minimum paid for a gig the client cancelled late: as work done, on the gig's date;
- employment-contract work: the partner employer pays the wages, on the same schedule (we see none
  of its payments, so the work is taken to be paid on time); and work on a payout made before
  payment runs existed (paid outside the system, on time as far as we know): the same.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import (
    BooleanField,
    Case,
    DecimalField,
    F,
    IntegerField,
    Q,
    Sum,
    Value,
    When,
)

from benefits.foresight import (
    ZERO,
    Earning,
    period_bounds,
)
from benefits.models import (
    RulePeriod,
)
from benefits.selectors.earnings_other import add_cancellation_pay, add_product_compensation  # noqa: F401 (re-exported)
from benefits.selectors.paid_on import (  # noqa: F401 (re-exported)
    RUN_DATE,
    Window,
    _date_range_q,
    _live_line,
    _paid_on,
    _work_days_paid_in,
    waits_for_run,
)
from billing.payment_schedule import PaymentCalendar
from billing.pricing import RateBook, counted_hours, counted_hours_sql, round_cents, worker_pay, worker_pay_sql
from orders.models import Assignment, AssignmentStatus, ContractType, Gig

# Assignments whose pay counts in the foresight.
EARNING_STATES = (
    AssignmentStatus.OFFERED,
    AssignmentStatus.ACCEPTED,
    AssignmentStatus.DONE,
    AssignmentStatus.APPROVED,
)
# Work done: paid at the next run that takes it, once reported or approved.
DONE_STATES = (AssignmentStatus.DONE, AssignmentStatus.APPROVED)
# An earning outside every period of the foresight (a sum's work or payment day that no check counts).
NOWHERE = dt.date.min
# How far before the earliest period and after the latest the payment runs are worked out: work a
# few weeks outside a period is paid inside it, and a period's pay can come a year after the date.
CALENDAR_BEFORE = dt.timedelta(days=62)
CALENDAR_AFTER = dt.timedelta(days=450)


def earnings_by_worker(
    worker_ids: list[int],
    start: dt.date,
    end: dt.date,
    rates: RateBook,
    *,
    calendar: PaymentCalendar,
    paid_window: Window,
) -> dict[int, list[Earning]]:
    """Each counted assignment's pay worked between `start` and `end`, or paid in `paid_window`, gig by
    gig (the order page's few workers), each with its payment day.

    Two index-driven queries: the workers' assignments (by worker) with their live payout line's
    payment date, then those gigs (by key) that fall in a window. Joined in one query, PostgreSQL
    prefers to read every gig of the window instead."""
    assignments = list(
        Assignment.objects.filter(worker_id__in=worker_ids, status__in=EARNING_STATES)
        .annotate(live_line=_live_line())
        .values("worker_id", "gig_id", "status", "reported_hours", "approved_hours")
        .annotate(line=F("live_line__id"), run_date=RUN_DATE)
        .order_by()
    )
    paid_in_window = {
        a["gig_id"] for a in assignments if a["run_date"] and paid_window[0] <= a["run_date"] <= paid_window[1]
    }
    waiting = {a["gig_id"] for a in assignments if a["line"] is None and a["status"] in DONE_STATES}
    on_time = _work_days_paid_in(calendar, paid_window, waits=False)
    late = _work_days_paid_in(calendar, paid_window, waits=True)
    in_windows = (
        Q(date__range=(start, end))
        | Q(pk__in=paid_in_window)
        | _date_range_q("date", *on_time)
        | (Q(pk__in=waiting) & _date_range_q("date", *late))
    )
    gigs = {
        row["pk"]: row
        for row in Gig.objects.filter(in_windows, pk__in={a["gig_id"] for a in assignments})
        .values("pk", "date", "planned_hours", "order__contract_type")
        .order_by()
    }
    found: dict[int, list[Earning]] = defaultdict(list)
    for row in assignments:
        gig = gigs.get(row["gig_id"])
        if gig is None:
            continue  # outside the windows
        hours = {
            "approved_hours": row["approved_hours"],
            "reported_hours": row["reported_hours"],
            "planned_hours": gig["planned_hours"],
        }
        contract = gig["order__contract_type"]
        rate = rates.worker_hourly_pay(contract_type=contract, day=gig["date"]) or ZERO
        found[row["worker_id"]].append(
            Earning(
                gig_id=row["gig_id"],
                day=gig["date"],
                amount=worker_pay(counted_hours(status=row["status"], **hours), rate) or ZERO,
                approved=row["status"] == AssignmentStatus.APPROVED,
                contract_type=contract,
                paid_on=_paid_on(
                    calendar,
                    work_day=gig["date"],
                    contract=contract,
                    on_line=row["line"] is not None,
                    done=row["status"] in DONE_STATES,
                    run_date=row["run_date"],
                ),
            )
        )
    add_cancellation_pay(found, worker_ids, calendar=calendar)
    return found


def _segments(day: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The window of `day`'s periods (month, four weeks, year, and the day itself for a rule with no
    period) cut at every period boundary into disjoint pieces: each piece lies wholly inside or
    wholly outside each period."""
    periods = (RulePeriod.MONTH, RulePeriod.FOUR_WEEKS, RulePeriod.YEAR, RulePeriod.NONE)
    bounds = [period_bounds(period, day) for period in periods]
    one_day = dt.timedelta(days=1)
    points = sorted({start for start, _end in bounds} | {end + one_day for _start, end in bounds})
    return [(points[i], points[i + 1] - one_day) for i in range(len(points) - 1)]


def _segment_of(segments: list[tuple[dt.date, dt.date]], day: dt.date) -> int:
    return next((index for index, (start, end) in enumerate(segments) if start <= day <= end), -1)


def _work_ranges_by_segment(
    calendar: PaymentCalendar, segments: list[tuple[dt.date, dt.date]], *, waits: bool
) -> list[tuple[dt.date | None, dt.date | None, int]]:
    """The expected payment date as ranges of work days, each with the payment segment its pay falls
    in: the calendar's pieces (a step function of the work day) cut at the segments' bounds and
    merged where neighbours share a segment. Ranges paid outside every segment are left out."""
    ranges: list[list] = []

    def add(low, high, index):
        if ranges and ranges[-1][2] == index:
            ranges[-1][1] = high
        else:
            ranges.append([low, high, index])

    for low, high, paid in calendar.pieces(waits_for_run=waits):
        if paid is not None:
            add(low, high, _segment_of(segments, paid))
            continue
        # Paid on the day of the work: cut the piece at the segments' bounds.
        cuts = [low]
        for start, end in segments:
            for point in (start, end + dt.timedelta(days=1)):
                if (low is None or point > low) and (high is None or point <= high):
                    cuts.append(point)
        cuts = sorted(set(cuts), key=lambda d: d or dt.date.min)
        for i, cut in enumerate(cuts):
            last = cuts[i + 1] - dt.timedelta(days=1) if i + 1 < len(cuts) else high
            add(cut, last, -1 if cut is None else _segment_of(segments, cut))
    return [(low, high, index) for low, high, index in ranges if index >= 0]


def _range_q(field: str, low: dt.date | None, high: dt.date | None) -> Q:
    q = Q()
    if low is not None:
        q &= Q(**{f"{field}__gte": low})
    if high is not None:
        q &= Q(**{f"{field}__lte": high})
    return q


def earnings_by_worker_summed(
    worker_ids: list[int],
    day: dt.date,
    rates: RateBook,
    *,
    exclude_gig_id: int | None,
    calendar: PaymentCalendar,
    paid_day: dt.date,
) -> dict[int, list[Earning]]:
    """The same earnings as `earnings_by_worker`, summed in the database: one row per worker with a
    sum per (piece of the work window, piece of the payment window, approved or not, contract type),
    each pay rounded to cents as a payout row is. The sums come back as one `Earning` per group,
    worked on its work piece's first day and paid on its payment piece's first day, which every
    period check counts exactly as it would count the separate gigs. For one day and hundreds of
    workers (the proposal page) this moves tens of thousands of rows out of Python.

    The payment windows are the periods holding `paid_day` (the gig's expected payment date). A
    paid assignment's payment piece is its run's date's; an unpaid one's follows from its work day,
    because the schedule makes the payment date a step function of it (`_work_ranges_by_segment`):
    a few more CASE branches on the gig's date, no per-row Python."""
    money = DecimalField(max_digits=12, decimal_places=2)
    amount = worker_pay_sql(
        counted_hours_sql(), rates=rates, date="gig__date", contract_type="gig__order__contract_type"
    )
    work_segments = _segments(day)
    paid_segments = _segments(paid_day)
    work_window = (work_segments[0][0], work_segments[-1][1])
    paid_window = (paid_segments[0][0], paid_segments[-1][1])
    work_segment = Case(
        *[When(gig__date__range=(start, end), then=Value(index)) for index, (start, end) in enumerate(work_segments)],
        default=Value(-1),
        output_field=IntegerField(),
    )
    on_line = Q(line_id__isnull=False)
    employment = Q(gig__order__contract_type=ContractType.EMPLOYMENT)
    # After the paid ones (their run's date), the unpaid: on time (employment, and the lines of
    # payouts made before payment runs, and gigs still ahead) or done and waiting for the next run.
    # (No negation of the payout-line join: Django would turn it into a subquery over every line.)
    waiting = Q(line_id__isnull=True) & ~employment & Q(status__in=DONE_STATES)
    on_time = on_line | employment | ~Q(status__in=DONE_STATES)
    branches = [
        When(run_date__range=(start, end), then=Value(index)) for index, (start, end) in enumerate(paid_segments)
    ]
    branches.append(When(run_date__isnull=False, then=Value(-1)))
    for condition, waits in ((on_time, False), (waiting, True)):
        for low, high, index in _work_ranges_by_segment(calendar, paid_segments, waits=waits):
            branches.append(When(condition & _range_q("gig__date", low, high), then=Value(index)))
    paid_segment = Case(*branches, default=Value(-1), output_field=IntegerField())
    approved = Case(
        When(status=AssignmentStatus.APPROVED, then=Value(True)), default=Value(False), output_field=BooleanField()
    )
    # Which rows can count: worked in a window or paid on time in the payment window (from one
    # lower bound on), paid by a run in the payment window, or done and waiting for the next run.
    # Anything else read here falls in no piece (-1) and is dropped below.
    on_time_low, _high = _work_days_paid_in(calendar, paid_window, waits=False)
    late_low, late_high = _work_days_paid_in(calendar, paid_window, waits=True)
    low = min(work_window[0], on_time_low)  # never "since ever": on time, pay follows the work within weeks
    rows = (
        Assignment.objects.annotate(live_line=_live_line())
        .annotate(line_id=F("live_line__id"), run_date=RUN_DATE)
        .filter(
            Q(gig__date__gte=low)
            | Q(run_date__range=paid_window)
            | (waiting & _date_range_q("gig__date", late_low, late_high)),
            worker_id__in=worker_ids,
            status__in=EARNING_STATES,
            # The same rows again, as the gigs' keys: PostgreSQL then reads a page of candidates'
            # gigs by key instead of hashing every gig (25 workers at city scale: about 30 ms without
            # it, 17 ms with it); for hundreds of workers it still hashes, as before.
            gig_id__in=Assignment.objects.filter(worker_id__in=worker_ids, status__in=EARNING_STATES).values("gig_id"),
        )
    )
    if exclude_gig_id is not None:
        rows = rows.exclude(gig_id=exclude_gig_id)
    rows = (
        rows.annotate(
            work_segment=work_segment,
            paid_segment=paid_segment,
            approved=approved,
            contract=F("gig__order__contract_type"),
        )
        .values("worker_id", "work_segment", "paid_segment", "approved", "contract")
        .annotate(total=Sum(amount, output_field=money))
        .order_by()
    )
    found: dict[int, list[Earning]] = defaultdict(list)
    for row in rows:
        work, paid = row["work_segment"], row["paid_segment"]
        if row["total"] and (work >= 0 or paid >= 0):
            found[row["worker_id"]].append(
                Earning(
                    gig_id=0,
                    day=work_segments[work][0] if work >= 0 else NOWHERE,
                    amount=round_cents(row["total"]),
                    approved=bool(row["approved"]),
                    contract_type=row["contract"],
                    paid_on=paid_segments[paid][0] if paid >= 0 else NOWHERE,
                )
            )
    add_cancellation_pay(found, worker_ids, calendar=calendar)
    return found
