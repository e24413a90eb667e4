"""The unit's pages of a repeating gig: making one on an order the unit was told of (the dates shown
before saving), its page with the dates and the unit's own workers on them, and proposing the
workers of the last staffed date for the coming ones. Read in English."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation
from freezegun import freeze_time

from orders.models import Assignment, AssignmentStatus, ContractType, GigSeries, OrderStatus, OrderUnitNotice
from orders.services import series as series_services
from orders.services.assignments import assignment_accept, assignment_offer, assignment_propose
from tests.factories import CoordinatorFactory, UnitFactory, UnitStaffFactory, WorkerFactory
from tests.factories.states import order_in

pytestmark = pytest.mark.django_db

FORM = {
    "first_date": "2031-03-04",
    "interval_weeks": "2",
    "weekdays": ["1"],
    "ends": "until",
    "until_date": "2031-04-15",
    "start_time": "09:00",
    "planned_hours": "2",
    "workers_needed": "1",
}


def _url(name, *args):
    with translation.override("en"):
        return reverse(f"units:{name}", args=args)


@pytest.fixture(autouse=True)
def _today():
    with freeze_time("2031-03-03 08:00:00+02:00"):
        yield


@pytest.fixture
def world(client):
    coordinator = CoordinatorFactory()
    unit = UnitFactory()
    order = order_in(OrderStatus.STAFFING, contract_type=ContractType.COMMISSION)
    OrderUnitNotice.objects.create(order=order, unit=unit, informed_by=coordinator)
    staff = UnitStaffFactory(unit=unit)
    client.force_login(staff)
    return coordinator, unit, order, staff


def test_the_needs_page_links_to_adding_repeating_dates(client, world):
    _coordinator, _unit, order, _staff = world
    html = client.get(_url("needs")).content.decode()
    assert _url("series-add", order.pk) in html


def test_add__preview_then_save(client, world):
    _coordinator, _unit, order, _staff = world
    html = client.post(_url("series-add", order.pk), {**FORM, "action": "preview"}).content.decode()
    assert "It makes 4 dates" in html and "Tue 15.4.2031" in html
    assert not GigSeries.objects.exists()

    response = client.post(_url("series-add", order.pk), {**FORM, "action": "save"}, follow=True)

    series = GigSeries.objects.get()
    assert response.redirect_chain[-1][0] == _url("series", order.pk, series.pk)
    html = response.content.decode()
    assert "The dates were added" in html and html.count("0 of 1") == 4


def test_propose_same_workers_for_the_coming_dates(client, world):
    coordinator, unit, order, staff = world
    series = series_services.series_create(
        order_id=order.pk,
        by=staff,
        first_date=dt.date(2031, 3, 4),
        interval_weeks=2,
        weekdays=[1],
        start_time=dt.time(9),
        planned_hours="2",
        count=3,
    )
    aino = WorkerFactory(home_unit=unit, user__first_name="Aino", user__last_name="Laine")
    first = series.gigs.order_by("date").first()
    assignment = assignment_propose(gig_id=first.pk, worker_id=aino.pk, by=staff, support="phone")
    assignment_offer(assignment_id=assignment.pk, by=coordinator)
    assignment_accept(assignment_id=assignment.pk, by=aino.user)

    response = client.post(_url("series-propose-same", order.pk, series.pk), follow=True)

    html = response.content.decode()
    assert "Proposed: 2." in html and "Aino Laine (proposed)" in html
    coming = Assignment.objects.filter(worker=aino).exclude(gig=first)
    assert {a.status for a in coming} == {AssignmentStatus.PROPOSED} and coming.count() == 2


def test_another_units_staff_get_404(client, world):
    _coordinator, _unit, order, staff = world
    series = series_services.series_create(
        order_id=order.pk,
        by=staff,
        first_date=dt.date(2031, 3, 4),
        interval_weeks=1,
        weekdays=[1],
        start_time=dt.time(9),
        planned_hours="2",
        count=1,
    )
    client.force_login(UnitStaffFactory())
    assert client.get(_url("series", order.pk, series.pk)).status_code == 404
    assert client.get(_url("series-add", order.pk)).status_code == 404
