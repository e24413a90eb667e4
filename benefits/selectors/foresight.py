"""The benefit foresight of workers: their earnings, benefits and rules, loaded for any number of
workers with a constant number of queries; the arithmetic is `benefits.foresight`'s.

Every euro of pay comes from `billing.pricing`: the hourly pay of each gig's date and the gig's pay
rounded half up to cents, in Python (gig by gig) or in the database (summed for the proposal page),
so the foresight counts the same euros as the worker's earnings page and the fee statement.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Case,
    DecimalField,
    F,
    IntegerField,
    Sum,
    Value,
    When,
)

from benefits.foresight import (
    YEL_APPROACHING_SHARE,
    ZERO,
    BenefitReceived,
    Earning,
    Foresight,
    earnings_window,
    foresee,
    period_bounds,
)
from benefits.models import (
    BenefitRule,
    ReceivedBenefit,
    RulePeriod,
)
from billing.models import YelLowerLimit
from billing.pricing import MONEY_FIELD as MONEY
from billing.pricing import RateBook, counted_hours, counted_hours_sql, round_cents, worker_pay, worker_pay_sql
from billing.selectors_product_sales import delivered_compensation
from orders.models import Assignment, AssignmentStatus, ContractType, Gig
from workers.models import Worker

# Assignments whose pay counts in the foresight.
EARNING_STATES = (
    AssignmentStatus.OFFERED,
    AssignmentStatus.ACCEPTED,
    AssignmentStatus.DONE,
    AssignmentStatus.APPROVED,
)


def _earnings_by_worker(
    worker_ids: list[int], start: dt.date, end: dt.date, rates: RateBook
) -> dict[int, list[Earning]]:
    """Each counted assignment's pay between `start` and `end`, gig by gig (the order page's few workers).

    Two index-driven queries: the workers' assignments (by worker), then those gigs (by key) that fall
    in the window. Joined in one query, PostgreSQL prefers to read every gig of the window instead."""
    assignments = list(
        Assignment.objects.filter(worker_id__in=worker_ids, status__in=EARNING_STATES)
        .values("worker_id", "gig_id", "status", "reported_hours", "approved_hours")
        .order_by()
    )
    gigs = {
        row["pk"]: row
        for row in Gig.objects.filter(pk__in={a["gig_id"] for a in assignments}, date__range=(start, end))
        .values("pk", "date", "planned_hours", "order__contract_type")
        .order_by()
    }
    found: dict[int, list[Earning]] = defaultdict(list)
    for row in assignments:
        gig = gigs.get(row["gig_id"])
        if gig is None:
            continue  # outside the window
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
            )
        )
    return found


def _segments(day: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The window of `day`'s periods (month, four weeks, year) cut at every period boundary into
    disjoint pieces: each piece lies wholly inside or wholly outside each period."""
    bounds = [period_bounds(period, day) for period in (RulePeriod.MONTH, RulePeriod.FOUR_WEEKS, RulePeriod.YEAR)]
    one_day = dt.timedelta(days=1)
    points = sorted({start for start, _end in bounds} | {end + one_day for _start, end in bounds})
    return [(points[i], points[i + 1] - one_day) for i in range(len(points) - 1)]


def _earnings_by_worker_summed(
    worker_ids: list[int], day: dt.date, rates: RateBook, *, exclude_gig_id: int | None
) -> dict[int, list[Earning]]:
    """The same earnings as `_earnings_by_worker`, summed in the database: one row per worker with a
    sum per (piece of the window, approved or not, contract type), each pay rounded to cents as a
    payout row is. The sums come back as one `Earning` per piece, dated at its first day, which
    every period check counts exactly as it would count the separate gigs. For one day and hundreds
    of workers (the proposal page) this moves tens of thousands of rows out of Python."""
    money = DecimalField(max_digits=12, decimal_places=2)
    amount = worker_pay_sql(
        counted_hours_sql(), rates=rates, date="gig__date", contract_type="gig__order__contract_type"
    )
    segments = _segments(day)
    segment = Case(
        *[When(gig__date__range=(start, end), then=Value(index)) for index, (start, end) in enumerate(segments)],
        output_field=IntegerField(),
    )
    approved = Case(
        When(status=AssignmentStatus.APPROVED, then=Value(True)), default=Value(False), output_field=BooleanField()
    )
    rows = Assignment.objects.filter(
        worker_id__in=worker_ids,
        status__in=EARNING_STATES,
        gig__date__range=(segments[0][0], segments[-1][1]),
    )
    if exclude_gig_id is not None:
        rows = rows.exclude(gig_id=exclude_gig_id)
    rows = (
        rows.annotate(segment=segment, approved=approved, contract=F("gig__order__contract_type"))
        .values("worker_id", "segment", "approved", "contract")
        .annotate(total=Sum(amount, output_field=money))
        .order_by()
    )
    found: dict[int, list[Earning]] = defaultdict(list)
    for row in rows:
        if row["total"]:
            found[row["worker_id"]].append(
                Earning(
                    gig_id=0,
                    day=segments[row["segment"]][0],
                    amount=round_cents(row["total"]),
                    approved=bool(row["approved"]),
                    contract_type=row["contract"],
                )
            )
    return found


def _add_product_compensation(
    earnings: dict[int, list[Earning]], worker_ids: list[int], start: dt.date, end: dt.date
) -> None:
    """Delivered product compensation counts as earned (approved) commission income on the delivery
    date; an agreement with nothing delivered yet is not counted, not even as planned. One query."""
    for worker_id, rows in delivered_compensation(worker_ids=worker_ids, start=start, end=end).items():
        earnings.setdefault(worker_id, []).extend(
            Earning(gig_id=0, day=row.day, amount=row.amount, approved=True, contract_type=ContractType.COMMISSION)
            for row in rows
        )


def foresight_for_workers(*, worker_ids: Iterable[int], day: dt.date, gig: Gig | None = None) -> dict[int, Foresight]:
    """The foresight of each worker for `day` (and `gig`, whose pay counts as "this gig"). No
    permission check and no log: callers do both."""
    worker_ids = list(dict.fromkeys(worker_ids))
    found = foresight_for_pairs(pairs=[(worker_id, gig) for worker_id in worker_ids], day=day)
    return {worker_id: found[(worker_id, gig.pk if gig else None)] for worker_id in worker_ids}


def foresight_for_pairs(
    *, pairs: Iterable[tuple[int, Gig | None]], day: dt.date | None = None
) -> dict[tuple[int, int | None], Foresight]:
    """The foresight of each (worker, gig) pair, for the gig's date (or `day` when there is no gig).

    Six queries whatever the number of workers and gigs: earnings (gigs, and delivered products)
    over the union of the periods, benefits, rules, prices and YEL limits are loaded once and
    matched in memory. Keyed by (worker id, gig id or None)."""
    pairs = list(dict.fromkeys((worker_id, gig) for worker_id, gig in pairs))
    if not pairs:
        return {}
    days = {gig.date if gig is not None else day for _worker, gig in pairs}
    if None in days:
        raise ValueError("A pair without a gig needs `day`.")
    windows = [earnings_window(d) for d in days]
    start, end = min(w[0] for w in windows), max(w[1] for w in windows)
    worker_ids = list({worker_id for worker_id, _gig in pairs})
    rates = RateBook()
    gigs = {gig.pk if gig is not None else None for _worker, gig in pairs}
    if len(days) == 1 and len(gigs) == 1:
        # One date and one gig for everyone (the proposal page): sum in the database.
        earnings = _earnings_by_worker_summed(worker_ids, next(iter(days)), rates, exclude_gig_id=next(iter(gigs)))
    else:
        earnings = _earnings_by_worker(worker_ids, start, end, rates)
    _add_product_compensation(earnings, worker_ids, start, end)
    received_rows: dict[int, list[dict]] = defaultdict(list)
    for row in (
        ReceivedBenefit.objects.filter(worker_id__in=worker_ids)
        .values("worker_id", "benefit", "payment_period", "started_on", "ended_on")
        .order_by("benefit")
    ):
        received_rows[row["worker_id"]].append(row)
    rules = list(BenefitRule.objects.all())
    yel_limits = dict(YelLowerLimit.objects.filter(year__in={d.year for d in days}).values_list("year", "amount"))

    result = {}
    for worker_id, gig in pairs:
        on = gig.date if gig is not None else day
        received = [
            BenefitReceived(row["benefit"], row["payment_period"])
            for row in received_rows.get(worker_id, [])
            if (row["started_on"] is None or row["started_on"] <= on)
            and (row["ended_on"] is None or row["ended_on"] >= on)
        ]
        own = earnings.get(worker_id, [])
        gig_amount, gig_contract, hourly = ZERO, None, None
        if gig is not None:
            gig_contract = gig.order.contract_type
            hourly = rates.worker_hourly_pay(contract_type=gig_contract, day=gig.date)
            gig_amount = worker_pay(gig.planned_hours, hourly or ZERO)
            # The gig being decided on counts once, as "this gig", even if it is already offered.
            own = [earning for earning in own if earning.gig_id != gig.pk]
        result[(worker_id, gig.pk if gig is not None else None)] = foresee(
            day=on,
            received=received,
            rules=rules,
            earnings=own,
            gig_amount=gig_amount,
            gig_contract=gig_contract,
            hourly_pay=hourly,
            yel_limit=yel_limits.get(on.year),
        )
    return result


def yel_flags(*, year: int) -> list[tuple[Worker, Decimal, Decimal]]:
    """Workers whose commission income of the year (approved, reported and planned work) has reached
    80 % of the YEL lower limit: (worker, income, limit), largest first. For the coordinator.

    Summed in the database per worker, each assignment's pay rounded as the worker's earnings page
    rounds it, so the cost does not grow with the number of gigs: three queries (the limit, the
    price list, the sums)."""
    limit = YelLowerLimit.objects.filter(year=year).values_list("amount", flat=True).first()
    if limit is None:
        return []
    pay = worker_pay_sql(
        counted_hours_sql(), rates=RateBook(), date="gig__date", contract_type="gig__order__contract_type"
    )
    rows = (
        Assignment.objects.filter(
            status__in=EARNING_STATES,
            gig__order__contract_type=ContractType.COMMISSION,
            gig__date__range=(dt.date(year, 1, 1), dt.date(year, 12, 31)),
        )
        .values("worker_id")
        .annotate(total=Sum(pay, output_field=MONEY))
        .order_by()
    )
    totals = {row["worker_id"]: round_cents(row["total"]) for row in rows if row["total"]}
    flagged = {worker_id: total for worker_id, total in totals.items() if total >= limit * YEL_APPROACHING_SHARE}
    workers = Worker.objects.select_related("user").defer("support_needs").in_bulk(list(flagged))
    return sorted(
        ((workers[worker_id], total, limit) for worker_id, total in flagged.items() if worker_id in workers),
        key=lambda row: -row[1],
    )
