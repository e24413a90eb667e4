"""The coordinator's pages of a repeating gig, through the Django test client: making one from the
order (the dates shown before saving, nothing saved by the preview), its page with every date and
its staffing, a change from a date on (what changes and who is told before saving), skipping a date
with a reason, offering the same workers; the order page's summary and link. Coordinators only.

Pages are read in English (`/en/…`); the `coordinator` fixture (this directory's conftest.py) logs a
coordinator in."""

from __future__ import annotations

import datetime as dt

import pytest
from freezegun import freeze_time

from orders.models import Assignment, AssignmentStatus, ContractType, GigSeries, OrderStatus, OrderUnitNotice
from orders.services import series as series_services
from orders.services.assignments import assignment_accept, assignment_offer, assignment_propose
from tests.factories import UnitFactory, UnitStaffFactory, WorkerFactory
from tests.factories.states import order_in
from tests.support.coordinator_pages import page, post, url

pytestmark = pytest.mark.django_db

FORM = {
    "first_date": "2031-03-04",
    "interval_weeks": "2",
    "weekdays": ["1"],
    "ends": "count",
    "count": "6",
    "until_date": "",
    "start_time": "09:00",
    "planned_hours": "2",
    "workers_needed": "1",
    "notes": "Avain isännöitsijältä.",
}


@pytest.fixture(autouse=True)
def _today():
    with freeze_time("2031-03-03 08:00:00+02:00"):
        yield


@pytest.fixture
def order():
    return order_in(OrderStatus.STAFFING, contract_type=ContractType.COMMISSION)


@pytest.fixture
def series(order, coordinator):
    return series_services.series_create(
        order_id=order.pk,
        by=coordinator,
        first_date=dt.date(2031, 3, 4),
        interval_weeks=2,
        weekdays=[1],
        start_time=dt.time(9),
        planned_hours="2",
        count=6,
    )


def test_the_order_page_links_to_adding_a_repeating_gig(client, coordinator, order):
    html = page(client, url("order", order.pk))
    assert url("series-add", order.pk) in html and "Add a repeating gig" in html


def test_add__the_preview_lists_the_dates_and_saves_nothing(client, coordinator, order):
    response = client.post(url("series-add", order.pk), {**FORM, "action": "preview"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "It makes 6 dates" in html
    assert "Tue 4.3.2031" in html and "Tue 13.5.2031" in html
    assert 'value="save"' in html
    assert not GigSeries.objects.exists() and not order.gigs.exists()


def test_add__saves_and_shows_the_series_page_with_every_date(client, coordinator, order):
    html = post(client, url("series-add", order.pk), {**FORM, "action": "save"})

    series = GigSeries.objects.get()
    assert "A repeating gig of 6 dates was added" in html
    assert "Every 2 weeks, Tuesday, 09:00" in html
    assert html.count("0/1") == 6
    assert [g.notes for g in series.gigs.all()] == ["Avain isännöitsijältä."] * 6
    order_html = page(client, url("order", order.pk))
    assert url("series", series.pk) in order_html and "6 dates" in order_html


def test_add__a_rule_over_the_cap_says_so(client, coordinator, order):
    response = client.post(url("series-add", order.pk), {**FORM, "interval_weeks": "1", "count": "61"})
    assert "Ensure this value is less than or equal to 60" in response.content.decode()
    response = client.post(
        url("series-add", order.pk), {**FORM, "interval_weeks": "1", "ends": "until", "until_date": "2032-12-31"}
    )
    assert "at most 60 dates within a year" in response.content.decode()


def test_change__the_preview_says_what_changes_and_who_is_told(client, coordinator, order, series):
    unit = UnitFactory()
    OrderUnitNotice.objects.create(order=order, unit=unit, informed_by=coordinator)
    staff = UnitStaffFactory(unit=unit)
    aino = WorkerFactory(home_unit=unit, user__first_name="Aino", user__last_name="Virtanen")
    gig = series.gigs.get(date=dt.date(2031, 4, 1))
    assignment = assignment_propose(gig_id=gig.pk, worker_id=aino.pk, by=staff, support="phone")
    data = {
        "from_date": "2031-04-01",
        "interval_weeks": "2",
        "weekdays": ["1"],
        "ends": "count",
        "count": "2",
        "start_time": "10:00",
        "planned_hours": "2",
        "workers_needed": "1",
        "reason": "",
    }

    html = client.post(url("series-change", series.pk), {**data, "action": "preview"}).content.decode()

    assert "What changes" in html and "Removed dates (cancelled)" in html
    assert "Tue 1.4.2031 09:00 → Tue 1.4.2031 10:00" in html
    assert aino.display_name in html
    assert series.gigs.live().count() == 6
    html = client.post(url("series-change", series.pk), {**data, "action": "save"}).content.decode()
    assert "Some dates are removed. Write why" in html
    html = post(client, url("series-change", series.pk), {**data, "action": "save", "reason": "Kevät tauolla."})
    assert "The repeating gig was changed from Tue 1.4.2031 on." in html
    assert series.gigs.live().count() == 4
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.PROPOSED and assignment.gig.start_time == dt.time(10)


def test_skip__asks_the_reason_and_cancels_that_date(client, coordinator, series):
    skip = url("series-skip", series.pk)
    html = page(client, skip, date="2031-03-18")
    assert "Skip this date" in html and 'name="reason"' in html

    html = post(client, skip, {"date": "2031-03-18", "reason": "Pääsiäinen"})

    assert "The date Tue 18.3.2031 was skipped." in html
    assert "Skipped or cancelled" in html
    assert not series.gigs.live().filter(date=dt.date(2031, 3, 18)).exists()
    assert client.get(skip, {"date": "2031-03-19"}).status_code == 404


def test_offer_same_workers__offers_the_proposed_ones_and_reports_the_rest(client, coordinator, order, series):
    unit = UnitFactory()
    OrderUnitNotice.objects.create(order=order, unit=unit, informed_by=coordinator)
    staff = UnitStaffFactory(unit=unit)
    aino = WorkerFactory(home_unit=unit)
    first = series.gigs.order_by("date").first()
    assignment = assignment_propose(gig_id=first.pk, worker_id=aino.pk, by=staff, support="phone")
    assignment_offer(assignment_id=assignment.pk, by=coordinator)
    assignment_accept(assignment_id=assignment.pk, by=aino.user)
    second = series.gigs.order_by("date")[1]
    assignment_propose(gig_id=second.pk, worker_id=aino.pk, by=staff, support="phone")

    html = post(client, url("series-offer-same", series.pk))

    assert "Offered: 1. Each worker still accepts or declines each date." in html
    assert "Not proposed by the unit yet." in html
    assert Assignment.objects.get(gig=second, worker=aino).status == AssignmentStatus.OFFERED


@pytest.mark.parametrize("name", ["series", "series-change"])
def test_only_coordinators(client, series, name):
    client.force_login(UnitStaffFactory())
    assert client.get(url(name, series.pk)).status_code in (302, 403)
    assert client.post(url("series-offer-same", series.pk)).status_code in (302, 403)
