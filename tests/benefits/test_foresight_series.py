"""A repeating gig in the benefit foresight: a worker offered six dates of a gig every second week
has each of them counted as planned work, in the month each date falls in (offered gigs count,
`benefits.selectors.earnings.EARNING_STATES`)."""

from __future__ import annotations

import datetime as dt

import pytest
from freezegun import freeze_time

from benefits.selectors.foresight import foresight_for_workers
from orders.models import AssignmentStatus, ContractType, OrderStatus, OrderUnitNotice
from orders.services import series as series_services
from orders.services.assignments import assignment_offer, assignment_propose
from tests.factories import CoordinatorFactory, UnitFactory, UnitStaffFactory, WorkerFactory
from tests.factories.benefits import ReceivedBenefitFactory
from tests.factories.states import order_in

pytestmark = pytest.mark.django_db


@freeze_time("2027-02-20 10:00:00")
def test_a_worker_offered_six_dates_every_second_week_has_each_counted_in_its_month():
    coordinator = CoordinatorFactory()
    unit = UnitFactory()
    order = order_in(OrderStatus.STAFFING, contract_type=ContractType.COMMISSION)
    OrderUnitNotice.objects.create(order=order, unit=unit, informed_by=coordinator)
    staff = UnitStaffFactory(unit=unit)
    worker = WorkerFactory(home_unit=unit)
    ReceivedBenefitFactory(worker=worker, benefit="unemployment_benefit")
    series = series_services.series_create(
        order_id=order.pk,
        by=coordinator,
        first_date=dt.date(2027, 3, 2),
        interval_weeks=2,
        weekdays=[1],
        start_time=dt.time(9),
        planned_hours="2",
        count=6,
    )
    gigs = list(series.gigs.order_by("date"))
    for gig in gigs:
        assignment = assignment_propose(
            gig_id=gig.pk, worker_id=worker.pk, by=staff, support="phone", commission_explained=True
        )
        assignment_offer(assignment_id=assignment.pk, by=coordinator)
    assert {a.status for a in worker.assignments.all()} == {AssignmentStatus.OFFERED}

    pay = {
        gig.pk: foresight_for_workers(worker_ids=[worker.pk], day=gig.date, gig=gig)[worker.pk].gig_amount
        for gig in gigs
    }
    assert all(amount > 0 for amount in pay.values())
    for month, dates in {3: [2, 16, 30], 4: [13, 27], 5: [11]}.items():
        foresight = foresight_for_workers(worker_ids=[worker.pk], day=dt.date(2027, month, 1))[worker.pk]
        expected = sum(pay[g.pk] for g in gigs if g.date.month == month)
        assert [g.date.day for g in gigs if g.date.month == month] == dates
        assert foresight.monthly["planned"] == expected, month
    # The benefit's monthly check counts each date by its payment day: over the months from March
    # to June, all six are counted, each once.
    counted = []
    for month in (3, 4, 5, 6):
        foresight = foresight_for_workers(worker_ids=[worker.pk], day=dt.date(2027, month, 1))[worker.pk]
        check = next(c for c in foresight.checks if c.benefit == "unemployment_benefit" and c.period == "month")
        counted.append(check.planned)
    assert sum(counted) == sum(pay.values()) and counted[0] > 0
