"""A repeating gig in Chromium: the coordinator (1280 px) makes a gig every second week from an order,
sees its dates before saving and saves; the unit proposes the workers of the first date for the
coming ones and the coordinator offers them; the worker takes a coming date on her phone (360 px);
the coordinator changes the series from a date on (the page says who is told) and skips one date.
axe-core finds no serious or critical problem on any page (the staff pages in English)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from jobcenter.models import OutboundEmail
from orders.models import Assignment, AssignmentStatus, ContractType, GigSeries, OrderStatus, OrderUnitNotice
from orders.services.assignments import assignment_accept, assignment_offer, assignment_propose
from tests.factories import CoordinatorFactory, UnitFactory, UnitStaffFactory, WorkerFactory
from tests.factories.states import order_in
from tests.support.browser import check_phone_screen, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _en(name, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def _day(day: dt.date) -> str:
    with translation.override("en"):
        return date_format(day, "D j.n.Y")


def _wait(page) -> None:
    page.wait_for_load_state()


def test_a_gig_every_second_week_made_staffed_changed_and_skipped(page, mobile_page, live_server, axe, client):
    coordinator = CoordinatorFactory()
    unit = UnitFactory(name="Vallilan työpaja")
    order = order_in(OrderStatus.STAFFING, contract_type=ContractType.COMMISSION, title="Kerhohuoneen siivous")
    OrderUnitNotice.objects.create(order=order, unit=unit, informed_by=coordinator)
    staff = UnitStaffFactory(unit=unit)
    aino = WorkerFactory(home_unit=unit, user__first_name="Aino", user__last_name="Laine")
    today = timezone.localdate()
    first = today + dt.timedelta(days=(1 - today.weekday()) % 7 or 7)  # the next Tuesday
    dates = [first + dt.timedelta(weeks=2 * n) for n in range(6)]

    # 1. The coordinator makes the series from the order's page; the dates first, then saved.
    log_in(page, client, live_server, coordinator)
    page.goto(live_server.url + _en("coordinator:order", order.pk))
    page.get_by_role("link", name="Add a repeating gig").click()
    _wait(page)
    assert page.get_by_role("heading", name="Add a repeating gig", level=1).is_visible()
    axe.assert_clean(page)
    page.get_by_label("First date").fill(first.isoformat())
    page.get_by_label("Repeats").select_option(label="Every 2 weeks")
    page.get_by_label("Tuesday").check()
    page.get_by_label("A number of times").check()
    page.get_by_label("Number of times", exact=True).fill("6")
    page.get_by_label("Start time").fill("09:00")
    page.get_by_label("Planned hours").fill("2")
    page.get_by_role("button", name="Show the dates").click()
    _wait(page)
    assert page.get_by_role("heading", name="It makes 6 dates").is_visible()
    preview = page.locator(".series-dates").inner_text()
    assert all(_day(day) in preview for day in dates)
    assert not GigSeries.objects.exists()
    axe.assert_clean(page)
    page.get_by_role("button", name="Save the repeating gig").click()
    _wait(page)
    series = GigSeries.objects.get()
    assert page.get_by_role("heading", name="Repeating gig", level=1).is_visible()
    assert "A repeating gig of 6 dates was added" in page.locator(".messages").inner_text()
    axe.assert_clean(page)

    # 2. The first date is staffed as any gig is (another journey): proposed, offered, taken.
    gigs = list(series.gigs.order_by("date"))
    first_assignment = assignment_propose(gig_id=gigs[0].pk, worker_id=aino.pk, by=staff, support="phone")
    assignment_offer(assignment_id=first_assignment.pk, by=coordinator)
    assignment_accept(assignment_id=first_assignment.pk, by=aino.user)

    # 3. The unit proposes her for the coming dates from its series page.
    log_in(page, client, live_server, staff)
    page.goto(live_server.url + _en("units:needs"))
    page.get_by_role("link", name=re.compile("repeats")).first.click()
    _wait(page)
    axe.assert_clean(page)
    page.get_by_role("button", name="Propose the same workers for the coming dates").click()
    _wait(page)
    assert "Proposed: 5." in page.locator("body").inner_text()
    axe.assert_clean(page)

    # 4. The coordinator offers them; nobody is accepted by it.
    log_in(page, client, live_server, coordinator)
    page.goto(live_server.url + _en("coordinator:series", series.pk))
    page.get_by_role("button", name="Offer the same workers for the coming dates").click()
    _wait(page)
    assert "Offered: 5." in page.locator(".messages").inner_text()
    coming = Assignment.objects.filter(worker=aino).exclude(pk=first_assignment.pk).order_by("gig__date")
    assert {a.status for a in coming} == {AssignmentStatus.OFFERED}
    axe.assert_clean(page)

    # 5. Aino takes the second date on her phone.
    second = coming[0]
    log_in(mobile_page, client, live_server, aino.user)
    mobile_page.goto(live_server.url + f"/me/gigs/{second.pk}/")
    check_phone_screen(mobile_page, axe)
    mobile_page.get_by_role("button", name="Otan keikan").click()
    mobile_page.wait_for_url(f"**/me/gigs/{second.pk}/accepted/")
    check_phone_screen(mobile_page, axe)
    second.refresh_from_db()
    assert second.status == AssignmentStatus.ACCEPTED

    # 6. The coordinator changes the series from the fourth date on: 10 o'clock. The page says
    # what changes and who is told before saving.
    log_in(page, client, live_server, coordinator)  # (the test client's login for Aino ended the session)
    page.goto(live_server.url + _en("coordinator:series", series.pk))
    page.get_by_role("link", name="Change from a date on").click()
    _wait(page)
    page.get_by_label("Change from this date on").select_option(dates[3].isoformat())
    page.get_by_label("Number of times", exact=True).fill("3")
    page.get_by_label("Start time").fill("10:00")
    page.get_by_role("button", name="Show what changes").click()
    _wait(page)
    plan = page.locator(".series-preview").inner_text()
    assert "What changes" in plan and aino.display_name in plan
    assert f"{_day(dates[3])} 09:00 → {_day(dates[3])} 10:00" in plan
    axe.assert_clean(page)
    OutboundEmail.objects.all().delete()
    page.get_by_role("button", name="Save the change").click()
    _wait(page)
    assert f"The repeating gig was changed from {_day(dates[3])} on." in page.locator(".messages").inner_text()
    assert [g.start_time.hour for g in series.gigs.live().order_by("date")] == [9, 9, 9, 10, 10, 10]
    assert OutboundEmail.objects.filter(code="gig_changed_worker", to=aino.user.email).count() == 3

    # 7. One date skipped, with the reason.
    with translation.override("en"):
        short = date_format(dates[4], "SHORT_DATE_FORMAT")
    page.get_by_role("link", name=f"Skip this date – {short}").click()
    _wait(page)
    assert aino.display_name in page.locator("main").inner_text()
    axe.assert_clean(page)
    page.get_by_label("Why this date is skipped").fill("Kerhohuone on remontissa.")
    page.get_by_role("button", name="Skip this date").click()
    _wait(page)
    assert f"The date {_day(dates[4])} was skipped." in page.locator(".messages").inner_text()
    assert not series.gigs.live().filter(date=dates[4]).exists()
    axe.assert_clean(page)
