"""The front page and the login pages in a real browser: axe-core finds no serious problems, the
layout fits a 360 px phone, and buttons are big enough to tap."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.factories import AssignmentFactory, CoordinatorFactory, GigFactory, OrderFactory, WorkerFactory
from tests.support.browser import log_in as _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SMALL_TAP_TARGETS = """() => [...document.querySelectorAll(
    'button, a.button, .skip-link:focus, .link-target')]
    .filter((el) => el.offsetParent !== null)
    .map((el) => [el.textContent.trim(), el.getBoundingClientRect()])
    .filter(([, box]) => box.width < 44 || box.height < 44)
    .map(([text, box]) => `${text}: ${Math.round(box.width)}x${Math.round(box.height)}`)"""
OVERFLOWS = "() => document.documentElement.scrollWidth > window.innerWidth"


def _check(page, axe) -> None:
    axe.assert_clean(page)
    assert page.evaluate(SMALL_TAP_TARGETS) == []
    assert not page.evaluate(OVERFLOWS)


@pytest.mark.parametrize("path", ["/", "/en/", "/accounts/login/", "/accounts/login/code/"])
def test_home_browser__public_pages_are_accessible_on_a_phone(mobile_page, live_server, axe, path):
    response = mobile_page.goto(live_server.url + path)

    assert response.status == 200
    _check(mobile_page, axe)


def test_home_browser__skip_link_is_first_and_moves_focus_to_main(page, live_server):
    page.goto(live_server.url + "/")

    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Siirry pääsisältöön"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_home_browser__worker_page_is_accessible_on_a_phone(mobile_page, live_server, axe, client):
    worker = WorkerFactory()
    gig = GigFactory(
        date=timezone.localdate() + dt.timedelta(days=2), start_time=dt.time(10), planned_hours=Decimal("3")
    )
    AssignmentFactory(gig=gig, worker=worker, offered=True)
    _log_in(mobile_page, client, live_server, worker.user)

    mobile_page.goto(live_server.url + "/")

    assert mobile_page.get_by_role("heading", name="Sinulle tarjotut keikat").is_visible()
    _check(mobile_page, axe)


def test_home_browser__coordinator_page_is_accessible_on_desktop_and_phone(page, mobile_page, live_server, axe, client):
    OrderFactory.create_batch(3, staffing=True)
    coordinator = CoordinatorFactory()
    for browser_page in (page, mobile_page):
        _log_in(browser_page, client, live_server, coordinator)

        browser_page.goto(live_server.url + "/")

        assert browser_page.get_by_role("heading", name="Uusimmat tilaukset").is_visible()
        _check(browser_page, axe)


def test_home_browser__language_switcher_changes_the_page_language(page, live_server):
    page.goto(live_server.url + "/")

    page.get_by_role("button", name="English").click()

    assert page.url == live_server.url + "/en/"
    assert page.evaluate("() => document.documentElement.lang") == "en"
