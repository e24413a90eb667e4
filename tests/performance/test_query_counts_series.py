"""A repeating gig's pages make the same number of queries for a few dates as for many, each date
with its workers: the coordinator's series page, the preview of a change from a date on, the unit's
series page, and the order page's summary of its repeating gigs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from orders.models import AssignmentStatus, ContractType, Gig, GigSeries, OrderStatus, OrderUnitNotice
from tests.factories import AssignmentFactory, UnitFactory, UnitStaffFactory, WorkerFactory
from tests.factories.states import order_in
from tests.support.queries import assert_constant

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(coordinator):
    unit = UnitFactory(name="Vallila")
    order = order_in(OrderStatus.STAFFING, contract_type=ContractType.COMMISSION)
    OrderUnitNotice.objects.create(order=order, unit=unit, informed_by=coordinator)
    first = timezone.localdate() + dt.timedelta(days=1)
    series = GigSeries.objects.create(
        order=order,
        interval_weeks=2,
        weekdays=str(first.weekday()),
        first_date=first,
        rule_from=first,
        count=60,
        start_time=dt.time(9),
        planned_hours=2,
        workers_needed=2,
        created_by=coordinator,
    )
    _dates(series, unit, range(0, 3))
    return unit, order, series


def _dates(series, unit, weeks, *, other=None) -> None:
    """A date every second week, each with two workers of the unit (one accepted, one proposed), or
    with `other`, one of the unit and one of the other unit (both accepted)."""
    for n in weeks:
        gig = Gig.objects.create(
            order=series.order,
            series=series,
            date=series.first_date + dt.timedelta(weeks=2 * n),
            start_time=dt.time(9),
            planned_hours=2,
            workers_needed=2,
        )
        AssignmentFactory(gig=gig, worker=WorkerFactory(home_unit=unit), unit=unit, status=AssignmentStatus.ACCEPTED)
        if other is None:
            AssignmentFactory(gig=gig, worker=WorkerFactory(home_unit=unit), unit=unit)
        else:
            worker = WorkerFactory(home_unit=other)
            AssignmentFactory(gig=gig, worker=worker, unit=other, status=AssignmentStatus.ACCEPTED)


def _grow(unit, series, warm, *, other=None):
    def grow():
        _dates(series, unit, range(3, 20), other=other)
        warm()

    return grow


def test_coordinator_series_page(coordinator_client, world, django_assert_max_num_queries):
    unit, _order, series = world
    url = reverse("coordinator:series", args=[series.pk])
    grow = _grow(unit, series, lambda: coordinator_client.get(url))
    assert_constant(
        coordinator_client, url, grow, ceiling=25, django_assert_max_num_queries=django_assert_max_num_queries
    )


def test_change_preview(coordinator_client, world, django_assert_max_num_queries):
    unit, _order, series = world
    url = reverse("coordinator:series-change", args=[series.pk])
    data = {
        "from_date": series.first_date.isoformat(),
        "interval_weeks": "2",
        "weekdays": [str(series.first_date.weekday())],
        "ends": "count",
        "count": "30",
        "start_time": "10:00",
        "planned_hours": "2",
        "workers_needed": "2",
        "action": "preview",
    }
    grow = _grow(unit, series, lambda: coordinator_client.post(url, data))
    assert_constant(
        coordinator_client,
        url,
        grow,
        ceiling=25,
        django_assert_max_num_queries=django_assert_max_num_queries,
        method="post",
        data=data,
    )


def test_unit_series_page(client, world, django_assert_max_num_queries):
    unit, order, series = world
    client.force_login(UnitStaffFactory(unit=unit))
    url = reverse("units:series", args=[order.pk, series.pk])
    grow = _grow(unit, series, lambda: client.get(url))
    assert_constant(client, url, grow, ceiling=25, django_assert_max_num_queries=django_assert_max_num_queries)


def test_order_page_with_its_series_summary(coordinator_client, world, django_assert_max_num_queries):
    unit, order, series = world
    with translation.override("en"):
        url = reverse("coordinator:order", args=[order.pk])
    assert "3 dates" in coordinator_client.get(url).content.decode()

    def grow():
        _dates(series, unit, range(3, 20))
        coordinator_client.get(url)

    assert_constant(
        coordinator_client, url, grow, ceiling=80, django_assert_max_num_queries=django_assert_max_num_queries
    )
    assert "20 dates" in coordinator_client.get(url).content.decode()


# --- The unit changing or skipping dates: other units' workers on the dates are counted, not named
@pytest.fixture
def staff_client(client, world):
    unit, _order, _series = world
    client.force_login(UnitStaffFactory(unit=unit))
    return client


def test_unit_change_preview(staff_client, world, django_assert_max_num_queries):
    unit, order, series = world
    url = reverse("units:series-change", args=[order.pk, series.pk])
    data = {
        "from_date": series.first_date.isoformat(),
        "interval_weeks": "2",
        "weekdays": [str(series.first_date.weekday())],
        "ends": "count",
        "count": "30",
        "start_time": "10:00",
        "planned_hours": "2",
        "workers_needed": "2",
        "action": "preview",
    }
    grow = _grow(unit, series, lambda: staff_client.post(url, data), other=UnitFactory())
    assert_constant(
        staff_client,
        url,
        grow,
        ceiling=25,
        django_assert_max_num_queries=django_assert_max_num_queries,
        method="post",
        data=data,
    )


def test_unit_skip_confirmation(staff_client, world, django_assert_max_num_queries):
    unit, order, series = world
    url = reverse("units:series-skip", args=[order.pk, series.pk]) + f"?date={series.first_date.isoformat()}"
    grow = _grow(unit, series, lambda: staff_client.get(url), other=UnitFactory())
    assert_constant(staff_client, url, grow, ceiling=25, django_assert_max_num_queries=django_assert_max_num_queries)
