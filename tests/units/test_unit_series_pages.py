"""The unit's pages of a repeating gig: making one on an order the unit was told of (the dates shown
before saving), its page with the dates and the unit's own workers on them, and proposing the
workers of the last staffed date for the coming ones; changing it from a date on and skipping one
date, with who is told shown first. Read in English."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation
from freezegun import freeze_time

from orders.models import (
    Assignment,
    AssignmentStatus,
    ContractType,
    Gig,
    GigSeries,
    OrderEvent,
    OrderStatus,
    OrderUnitNotice,
)
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


def _weekly(order, staff, count=3):
    return series_services.series_create(
        order_id=order.pk,
        by=staff,
        first_date=dt.date(2031, 3, 4),
        interval_weeks=1,
        weekdays=[1],
        start_time=dt.time(9),
        planned_hours="2",
        count=count,
    )


def _accepted(coordinator, staff, gig, worker):
    assignment = assignment_propose(gig_id=gig.pk, worker_id=worker.pk, by=staff, support="phone")
    assignment_offer(assignment_id=assignment.pk, by=coordinator)
    assignment_accept(assignment_id=assignment.pk, by=worker.user)
    return assignment


def test_detail_links_to_changing_and_skipping(client, world):
    _coordinator, _unit, order, staff = world
    series = _weekly(order, staff)
    html = client.get(_url("series", order.pk, series.pk)).content.decode()
    assert _url("series-change", order.pk, series.pk) in html
    assert f"{_url('series-skip', order.pk, series.pk)}?date=2031-03-11" in html
    assert "Skip this date" in html and "Change from a date on" in html


def test_change__preview_names_my_workers_counts_the_others_then_save(client, world):
    coordinator, unit, order, staff = world
    series = _weekly(order, staff)
    gigs = list(series.gigs.order_by("date"))
    Gig.objects.filter(pk=gigs[2].pk).update(workers_needed=2)
    aino = WorkerFactory(home_unit=unit, user__first_name="Aino", user__last_name="Laine")
    _accepted(coordinator, staff, gigs[2], aino)
    other_unit = UnitFactory()
    OrderUnitNotice.objects.create(order=order, unit=other_unit, informed_by=coordinator)
    other = WorkerFactory(home_unit=other_unit, user__first_name="Eero", user__last_name="Muu")
    _accepted(coordinator, UnitStaffFactory(unit=other_unit), gigs[2], other)
    form = {
        "from_date": "2031-03-11",
        "interval_weeks": "1",
        "weekdays": ["3"],
        "ends": "count",
        "count": "2",
        "start_time": "10:00",
        "planned_hours": "2",
        "workers_needed": "2",
    }

    assert "Change from this date on" in client.get(_url("series-change", order.pk, series.pk)).content.decode()
    html = client.post(_url("series-change", order.pk, series.pk), {**form, "action": "preview"}).content.decode()

    assert "What changes" in html and "Aino Laine" in html and "1 worker of another unit" in html
    assert "Eero" not in html
    response = client.post(_url("series-change", order.pk, series.pk), {**form, "action": "save"}, follow=True)
    assert "The repeating gig was changed from Tue 11.3.2031 on." in response.content.decode()
    assert [g.date for g in series.gigs.live().order_by("date")] == [dt.date(2031, 3, d) for d in (4, 13, 20)]
    assert order.status_changes.get(kind=OrderEvent.SERIES_CHANGED).by == staff


def test_skip__confirm_shows_who_is_told_then_skips(client, world):
    coordinator, unit, order, staff = world
    series = _weekly(order, staff)
    gig = series.gigs.order_by("date")[1]
    aino = WorkerFactory(home_unit=unit, user__first_name="Aino", user__last_name="Laine")
    _accepted(coordinator, staff, gig, aino)
    url = _url("series-skip", order.pk, series.pk)

    html = client.get(url, {"date": "2031-03-11"}).content.decode()
    assert "Who is told" in html and "Worker: Aino Laine" in html and "Client" in html
    html = client.post(url, {"date": "2031-03-11", "reason": " "}).content.decode()
    assert "hds-text-input--invalid" in html and not series.gigs.cancelled().exists()
    response = client.post(url, {"date": "2031-03-11", "reason": "Pääsiäinen"}, follow=True)

    assert "The date Tue 11.3.2031 was skipped." in response.content.decode()
    gig.refresh_from_db()
    assert gig.is_cancelled and gig.cancelled_by == staff
    assert client.get(url, {"date": "2031-03-11"}).status_code == 404  # already skipped


def test_change_and_skip__another_units_staff_get_404(client, world):
    _coordinator, _unit, order, staff = world
    series = _weekly(order, staff)
    client.force_login(UnitStaffFactory())
    assert client.get(_url("series-change", order.pk, series.pk)).status_code == 404
    response = client.post(_url("series-skip", order.pk, series.pk), {"date": "2031-03-11", "reason": "x"})
    assert response.status_code == 404
    assert not series.gigs.cancelled().exists()
