"""The benefit foresight of workers: their earnings, benefits and rules, loaded for any number of
workers with a constant number of queries; the arithmetic is `benefits.foresight`'s.

The earnings themselves, with the day each is paid, are loaded by `benefits.selectors.earnings`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import (
    Sum,
)
from django.utils import timezone

from benefits.foresight import (
    YEL_APPROACHING_SHARE,
    ZERO,
    BenefitReceived,
    Foresight,
    earnings_window,
    foresee,
)
from benefits.models import (
    BenefitRule,
    ReceivedBenefit,
)
from benefits.selectors.earnings import (
    CALENDAR_AFTER,
    CALENDAR_BEFORE,
    EARNING_STATES,
    add_product_compensation,
    earnings_by_worker,
    earnings_by_worker_summed,
    waits_for_run,
)
from billing.models import YelLowerLimit
from billing.payment_schedule import PaymentCalendar
from billing.pricing import MONEY_FIELD as MONEY
from billing.pricing import RateBook, counted_hours_sql, round_cents, worker_pay, worker_pay_sql
from billing.selectors_payment_schedule import payment_calendar_for
from orders.models import Assignment, ContractType, Gig
from workers.models import Worker


def foresight_calendar(*, start: dt.date, end: dt.date, today: dt.date) -> PaymentCalendar:
    """The payment runs around the work window `start`..`end`, wide enough for every payment window."""
    return payment_calendar_for(
        start=min(start, today) - CALENDAR_BEFORE, end=max(end, today) + CALENDAR_AFTER, today=today
    )


def gig_paid_on(calendar: PaymentCalendar, gig: Gig) -> dt.date:
    """The day the pay of `gig` is expected, for a worker not yet paid for it."""
    contract = gig.order.contract_type
    return calendar.paid_on(gig.date, waits_for_run=waits_for_run(contract=contract, on_line=False, done=False))


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

    Seven queries whatever the number of workers and gigs: the payment schedule, earnings (gigs,
    and delivered products) over the union of the periods, benefits, rules, prices and YEL limits
    are loaded once and matched in memory. Keyed by (worker id, gig id or None)."""
    pairs = list(dict.fromkeys((worker_id, gig) for worker_id, gig in pairs))
    if not pairs:
        return {}
    days = {gig.date if gig is not None else day for _worker, gig in pairs}
    if None in days:
        raise ValueError("A pair without a gig needs `day`.")
    windows = [earnings_window(d) for d in days]
    start, end = min(w[0] for w in windows), max(w[1] for w in windows)
    today = timezone.localdate()
    calendar = foresight_calendar(start=start, end=end, today=today)
    paid_days = {gig.pk: gig_paid_on(calendar, gig) for _worker, gig in pairs if gig is not None}
    paid_windows = [earnings_window(paid_days[gig.pk] if gig is not None else day) for _worker, gig in pairs]
    paid_window = (min(w[0] for w in paid_windows), max(w[1] for w in paid_windows))
    worker_ids = list({worker_id for worker_id, _gig in pairs})
    rates = RateBook()
    gigs = {gig.pk if gig is not None else None for _worker, gig in pairs}
    if len(days) == 1 and len(gigs) == 1:
        # One date and one gig for everyone (the proposal page): sum in the database.
        only_day, only_gig = next(iter(days)), next(iter(gigs))
        earnings = earnings_by_worker_summed(
            worker_ids,
            only_day,
            rates,
            exclude_gig_id=only_gig,
            calendar=calendar,
            paid_day=paid_days.get(only_gig, only_day),
        )
    else:
        earnings = earnings_by_worker(worker_ids, start, end, rates, calendar=calendar, paid_window=paid_window)
    add_product_compensation(earnings, worker_ids, start, end, calendar=calendar, paid_window=paid_window)
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
            gig_paid_on=paid_days.get(gig.pk) if gig is not None else None,
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
