"""What a worker has earned, for the worker's own earnings page (`/me/earnings/`).

Built on the worker's own gigs (`orders.selectors.gig_list_for_worker`, scoped to one worker) with
billing's pay of each gig's date (`billing.pricing`), so the page shows the same euros as the gig
page, the fee statement and the benefit foresight.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from billing.pricing import ZERO, gig_worker_pay, with_worker_hourly_pay
from orders.models import AssignmentStatus, Gig
from orders.selectors import gig_list_for_worker

NO_HOURS = Decimal("0")


@dataclass
class MonthEarnings:
    month: dt.date  # the first day of the month
    gigs: list[Gig] = field(default_factory=list)
    hours: Decimal = NO_HOURS
    money: Decimal = ZERO
    price_missing: bool = False


@dataclass
class Earnings:
    months: list[MonthEarnings]  # approved work, newest month first
    waiting: list[Gig]  # reported done, not yet approved
    waiting_hours: Decimal
    waiting_money: Decimal
    waiting_price_missing: bool

    @property
    def is_empty(self) -> bool:
        return not (self.months or self.waiting)


def _gigs(worker, status: str) -> list[Gig]:
    gigs = gig_list_for_worker(worker=worker, statuses=[status]).order_by("-date", "-start_time", "-pk")
    return list(with_worker_hourly_pay(gigs))


def earnings_for_worker(*, worker) -> Earnings:
    """What the worker has earned (before tax), in two queries.

    Approved work is summed by month of the gig's date, at the worker's hourly pay in force on that
    date; each gig's pay is rounded half up to cents, then summed (as a fee statement line is).
    Work reported but not yet approved is listed apart, with the reported hours.
    Each gig gets `pay` (a Decimal, or None when no price was in force on its date).
    """
    months: dict[tuple[int, int], MonthEarnings] = {}
    for gig in _gigs(worker, AssignmentStatus.APPROVED):
        gig.pay = gig_worker_pay(gig)
        month = months.setdefault((gig.date.year, gig.date.month), MonthEarnings(month=gig.date.replace(day=1)))
        month.gigs.append(gig)
        month.hours += gig.approved_hours or NO_HOURS
        if gig.pay is None:
            month.price_missing = True
        else:
            month.money += gig.pay
    waiting = _gigs(worker, AssignmentStatus.DONE)
    waiting_hours, waiting_money, waiting_price_missing = NO_HOURS, ZERO, False
    for gig in waiting:
        gig.pay = gig_worker_pay(gig)
        waiting_hours += gig.reported_hours or NO_HOURS
        if gig.pay is None:
            waiting_price_missing = True
        else:
            waiting_money += gig.pay
    return Earnings(
        months=list(months.values()),
        waiting=waiting,
        waiting_hours=waiting_hours,
        waiting_money=waiting_money,
        waiting_price_missing=waiting_price_missing,
    )
