"""The unit's week page in Chromium at 1280 px, as a staff member at a shared desktop computer: a
table per day with its caption, no sideways scrolling of the page, and axe-core finds no serious or
critical problem."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from orders.models import AssignmentStatus
from tests.factories import AssignmentFactory, GigFactory, OrderFactory, UnitFactory, UnitStaffFactory
from tests.support.browser import log_in
from tests.support.unit_pages import worker_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_week_page_at_1280(page, live_server, axe, client):
    unit = UnitFactory(name="Vallila")
    staff = UnitStaffFactory(unit=unit, first_name="Maija", last_name="Ohjaaja", phone="050 111 2222")
    order = OrderFactory(staffing=True, street_address="Hämeentie 33")
    gig = GigFactory(order=order, date=dt.date(2026, 12, 10), start_time=dt.time(10))
    aino = worker_in(unit, "Aino", "Laine", user__phone="040 555 0101")
    AssignmentFactory(gig=gig, worker=aino, status=AssignmentStatus.ACCEPTED, support_person=staff)
    AssignmentFactory(gig=gig, worker=worker_in(unit, "Eero", "Virta"), status=AssignmentStatus.CANT_COME)
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, client, live_server, staff)

    page.goto(live_server.url + "/unit/week/?week=2026-W50")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Vallila – viikko 50")
    expect(page.get_by_role("table", name="torstai 10.12.: 2 työntekijää keikoilla")).to_be_visible()
    expect(page.get_by_text("Ei pääse")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    axe.assert_clean(page)
    page.get_by_role("link", name="Seuraava viikko").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("viikko 51")
