"""The coordinator's order list in Chromium at 1280x800, in Finnish (the longest language): orders in
every state with long titles and client names fit the screen one line each, every row's actions are
reachable by keyboard (the primary one as a button, the others in the row's menu), and axe-core finds
no serious or critical problem, with a menu closed or open."""

import re

import pytest

from orders.models import OrderStatus
from tests.factories import ClientOrganisationFactory, CoordinatorFactory, OrderFactory
from tests.factories.states import order_in
from tests.support.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH, HEIGHT = 1280, 800
LONG_TITLE = "Kevätsiivous ja ikkunanpesu kolmessa kerroksessa sekä pihan haravointi ja lehtien kuljetus pois"
LONG_CLIENT = "Asunto-osakeyhtiö Helsingin Vallilan Mäkelänkadun Rinnetalot ja Pihapiirin Huoltoyhtiö"

ROW_HEIGHTS = (
    "() => [...document.querySelectorAll('main table tbody tr')].map((row) => row.getBoundingClientRect().height)"
)
SCROLL_WIDTH = "() => document.documentElement.scrollWidth"
# Each row's controls in its last cell (the primary button and the menu's button): on the screen?
OFF_SCREEN = """(width) => [...document.querySelectorAll('main table tbody tr td:last-child')]
    .flatMap((cell) => [...cell.querySelectorAll('.order-list__buttons > a, .order-list__buttons > button, summary')])
    .map((control) => control.getBoundingClientRect())
    .filter((box) => box.width === 0 || box.left < 0 || box.right > width)
    .map((box) => `${Math.round(box.left)}-${Math.round(box.right)}`)"""


@pytest.fixture
def orders():
    """One order in each state, with long titles and client names; one client waits for its check."""
    found = {}
    for status in OrderStatus.values:
        client = ClientOrganisationFactory(name=f"{LONG_CLIENT} {status}")
        found[status] = order_in(status, title=f"{LONG_TITLE} ({status})", client=client)
    matched = ClientOrganisationFactory(name=LONG_CLIENT, business_id="1572860-0")
    waiting = ClientOrganisationFactory(
        name=f"{LONG_CLIENT} uusi", business_id="1572860-0", match_candidate=matched, match_reason="business_id"
    )
    found["check"] = OrderFactory(title=LONG_TITLE, client=waiting)
    return found


def _open_menu_and_press(page, order, label: str) -> None:
    """From the row's first control, by keyboard only: Tab to the menu, open it, Tab to `label`, Enter."""
    row = page.locator("main table tbody tr", has=page.get_by_role("link", name=f"{LONG_TITLE} ({order.status})"))
    row.locator("td:last-child").locator("a, button, summary").first.focus()
    summary = row.locator("summary")
    if not summary.evaluate("(element) => element === document.activeElement"):
        page.keyboard.press("Tab")
    assert summary.evaluate("(element) => element === document.activeElement"), "the menu is not the next stop"
    page.keyboard.press("Enter")
    menu = row.locator(".row-menu__list")
    assert menu.is_visible()
    for _ in range(menu.locator("a, button").count()):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent.trim()") == label:
            break
    else:
        pytest.fail(f"{label} is not in the menu of order {order.number}")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state()


def test_order_list_1280__one_line_per_order_every_action_in_reach(page, live_server, axe, client, orders):
    log_in(page, client, live_server, CoordinatorFactory())
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    page.goto(live_server.url + "/coordinator/")
    assert page.get_by_role("heading", name="Tilaukset", exact=True).is_visible()
    assert page.locator("main table tbody tr").count() == len(orders)

    # No sideways scrolling; each row one line; every row's buttons on the screen.
    assert page.evaluate(SCROLL_WIDTH) <= WIDTH
    heights = page.evaluate(ROW_HEIGHTS)
    assert max(heights) <= 60, heights
    assert page.evaluate(OFF_SCREEN, WIDTH) == []
    # A truncated title keeps its full text for the link's name and on hover; the waiting client is marked.
    link = page.get_by_role("link", name=f"{LONG_TITLE} ({OrderStatus.SUBMITTED})")
    assert link.get_attribute("title").startswith(LONG_TITLE)
    assert page.locator("main table tbody .mark", has_text="Asiakas tarkistettava").is_visible()
    # The primary action is a button of its own; buttons do not break inside words.
    submitted = page.locator("main table tbody tr", has=link)
    send = submitted.get_by_role("button", name=re.compile(rf"^Lähetä ehdot – tilaus {orders['submitted'].number}$"))
    assert send.is_visible()
    assert send.evaluate("(element) => element.getBoundingClientRect().height") <= 48
    axe.assert_clean(page)

    # A menu open by keyboard: still no sideways scrolling, and axe is content.
    row = page.locator("main table tbody tr", has=link)
    row.locator("summary").focus()
    page.keyboard.press("Enter")
    assert row.get_by_role("link", name="Hylkää…").is_visible()
    assert page.evaluate(SCROLL_WIDTH) <= WIDTH
    axe.assert_clean(page)
    page.keyboard.press("Enter")  # the focus is still on the menu's button: it closes
    assert not row.get_by_role("link", name="Hylkää…").is_visible()

    # A link of the menu: the confirmation page of rejecting, which comes back to the list.
    _open_menu_and_press(page, orders["submitted"], "Hylkää…")
    assert re.search(rf"/coordinator/orders/{orders['submitted'].pk}/reject/\?next=%2Fcoordinator%2F", page.url)
    page.go_back()
    page.wait_for_load_state()

    # A POST of the menu (the page's one form): the terms are sent again and the list comes back.
    _open_menu_and_press(page, orders["terms_sent"], "Lähetä ehdot uudelleen")
    assert page.url == live_server.url + "/coordinator/"
    assert page.locator(".messages").is_visible()
    assert page.evaluate(SCROLL_WIDTH) <= WIDTH
    axe.assert_clean(page)
