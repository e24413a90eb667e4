"""Work for the results report's tests: a gig of the 2025 test period on which a unit's new workers
did approved work."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from orders.models import AssignmentStatus
from tests.factories.orders import AssignmentFactory, GigFactory, OrderFactory
from tests.factories.workers import WorkerFactory

WORK_DAY = dt.date(2025, 3, 10)


def approved_work(unit, people: int, hours: str = "3.00") -> None:
    """`people` new workers of `unit` each did `hours` of approved work on one gig on WORK_DAY."""
    gig = GigFactory(order=OrderFactory(), date=WORK_DAY, workers_needed=people)
    for _ in range(people):
        AssignmentFactory(
            gig=gig,
            worker=WorkerFactory(home_unit=unit),
            status=AssignmentStatus.APPROVED,
            reported_hours=Decimal(hours),
            approved_hours=Decimal(hours),
        )
