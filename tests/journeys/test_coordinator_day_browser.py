"""The coordinator's day in Chromium at 1280x800 (the English pages): she logs in with her password and
authenticator code and lands on Today, approves a worker's hours from its list, and opens the order
list, where every row's action is on the screen without sideways scrolling. axe-core finds no serious
or critical problem on any page she opens."""

import datetime as dt

import pytest
from django.utils import timezone

from orders.models import AssignmentStatus, OrderStatus
from tests.factories import AssignmentFactory, CoordinatorFactory, GigFactory, OrderFactory
from tests.factories.auth import give_totp, totp_code
from tests.factories.states import order_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"  # the factories' password
WIDTH, HEIGHT = 1280, 800

# Each row of the order list's table: is its last cell's first link, button or menu on the screen?
ROW_ACTIONS_OFF_SCREEN = """(width) => [...document.querySelectorAll('main table tbody tr')]
    .map((row) => [row.id || row.textContent.trim().slice(0, 40),
        row.querySelector('td:last-child a, td:last-child button, td:last-child summary')])
    .filter(([, control]) => control)
    .map(([name, control]) => [name, control.getBoundingClientRect(), control.offsetParent !== null])
    .filter(([, box, shown]) => !shown || box.width === 0 || box.left < 0 || box.right > width)
    .map(([name, box]) => `${name}: ${Math.round(box.left)}-${Math.round(box.right)}`)"""
SCROLL_WIDTH = "() => document.documentElement.scrollWidth"


def _a_day_of_work():
    """Something in each of the first four sections, and a few orders for the order list."""
    today = timezone.localdate()
    done = AssignmentFactory(done=True)
    short = GigFactory(date=today + dt.timedelta(days=1), workers_needed=2)
    AssignmentFactory(gig=short, status=AssignmentStatus.ACCEPTED)
    waiting = order_in(OrderStatus.TERMS_SENT)
    type(waiting).objects.filter(pk=waiting.pk).update(terms_sent_at=timezone.now() - dt.timedelta(days=9))
    for _n in range(3):
        OrderFactory()
    return done, short, waiting


def _assert_fits(page) -> None:
    assert page.evaluate(SCROLL_WIDTH) <= WIDTH, f"{page.url} scrolls sideways"


def test_coordinator_day__today_approve_from_the_list_and_the_order_list_at_1280(page, live_server, axe):
    done, short, waiting = _a_day_of_work()
    coordinator = CoordinatorFactory()
    give_totp(coordinator)
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})

    # Log in: password, then the authenticator's code; the start page is Today.
    page.goto(live_server.url + "/en/accounts/login/")
    page.fill("input[name=login]", coordinator.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator('form[action="/en/accounts/login/"] button[type=submit]').click()
    page.wait_for_load_state()
    page.fill("input[name=code]", totp_code())
    page.locator("form:has(input[name=code]) button[type=submit]").first.click()
    page.wait_for_load_state()

    assert page.url == live_server.url + "/en/coordinator/today/"
    assert page.get_by_role("heading", name="Today", exact=True).is_visible()
    nav = page.get_by_role("navigation", name="Coordinator")
    assert nav.get_by_role("link").first.inner_text().startswith("Today")
    main = page.locator("main")
    assert main.locator(f"#today-gig-{short.pk}").is_visible()
    assert main.locator(f"#today-terms-{waiting.pk}").is_visible()
    assert main.locator(f"#today-assignment-{done.pk}").is_visible()
    _assert_fits(page)
    axe.assert_clean(page)

    # Approve the worker's hours as reported, from the list.
    page.get_by_role("button", name=f"Approve – {done.worker.display_name}").click()
    page.wait_for_load_state()
    assert f"{done.worker.display_name}: 3.00 hours approved." in page.locator(".messages").inner_text()
    assert main.locator(f"#today-assignment-{done.pk}").count() == 0
    done.refresh_from_db()
    assert done.status == AssignmentStatus.APPROVED
    _assert_fits(page)
    axe.assert_clean(page)

    # The order list: no sideways scrolling, each row's action on the screen.
    nav.get_by_role("link", name="Orders", exact=True).click()
    page.wait_for_load_state()
    assert page.url == live_server.url + "/en/coordinator/"
    _assert_fits(page)
    assert page.evaluate(ROW_ACTIONS_OFF_SCREEN, WIDTH) == [], "an order's action is off the screen"
    axe.assert_clean(page)
