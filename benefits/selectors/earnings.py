"""The earnings the foresight counts, loaded for many workers with a constant number of queries:
gig by gig (`earnings_by_worker`) or summed in the database per piece of the window
(`earnings_by_worker_summed`, the proposal page), and delivered product compensation.

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
    FilteredRelation,
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
from billing.models import ProductDelivery
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
    return found


def add_product_compensation(
    earnings: dict[int, list[Earning]],
    worker_ids: list[int],
    start: dt.date,
    end: dt.date,
    *,
    calendar: PaymentCalendar,
    paid_window: Window,
) -> None:
    """Delivered product compensation counts as earned (approved) commission income on the delivery
    date, and is paid through the payment runs like commission work (its run's date, or the next
    run that takes it); an agreement with nothing delivered yet is not counted, not even as
    planned. One query."""
    on_time = _work_days_paid_in(calendar, paid_window, waits=False)
    late = _work_days_paid_in(calendar, paid_window, waits=True)
    rows = (
        ProductDelivery.objects.annotate(live_line=_live_line())
        .annotate(line_id=F("live_line__id"), run_date=RUN_DATE)
        .filter(
            Q(date__range=(start, end))
            | Q(run_date__range=paid_window)
            | (Q(line_id__isnull=False, run_date__isnull=True) & _date_range_q("date", *on_time))
            | (Q(line_id__isnull=True) & _date_range_q("date", *late)),
            product__maker_id__in=worker_ids,
        )
        .values_list("product__maker_id", "date", "amount", "line_id", "run_date")
        .order_by("date", "pk")
    )
    for worker_id, day, amount, line, run_date in rows:
        paid_on = _paid_on(
            calendar,
            work_day=day,
            contract=ContractType.COMMISSION,
            on_line=line is not None,
            done=True,  # delivered
            run_date=run_date,
        )
        earnings.setdefault(worker_id, []).append(
            Earning(
                gig_id=0, day=day, amount=amount, approved=True, contract_type=ContractType.COMMISSION, paid_on=paid_on
            )
        )
