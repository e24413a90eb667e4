"""The order list's rows at city scale and the order page's history: the rows' POST actions are buttons
of the page's one form (no CSRF token per row), the primary action is a button of its own and the
others sit in the row's menu; a busy order's page shows its newest changes, the whole history on
request."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from orders.models import OrderStatus, OrderStatusChange
from tests.factories import OrderFactory
from tests.factories.states import order_in
from tests.support.coordinator_pages import page, post, url
from tests.support.pages import visible

pytestmark = pytest.mark.django_db


def _table(html: str) -> str:
    return html[html.index('<div class="hds-table-container order-list"') : html.index("</table>")]


def test_order_list__one_csrf_form_for_every_row(client, coordinator):
    for status in (OrderStatus.SUBMITTED, OrderStatus.TERMS_SENT, OrderStatus.APPROVED, OrderStatus.STAFFING):
        order_in(status)
    html = page(client, url("dashboard"))
    table = _table(html)
    assert "csrfmiddlewaretoken" not in table
    assert html.count('id="order-row-actions"') == 1
    assert 'name="next" value="/en/coordinator/"' in html or 'name="next" value="/coordinator/"' in html
    # Each POST button names the one form and its own address.
    assert re.search(r'<button type="submit" form="order-row-actions" formaction="/[^"]*/send-terms/"', table)


def test_order_list__primary_action_as_a_button_the_others_in_the_menu(client, coordinator):
    submitted = order_in(OrderStatus.SUBMITTED)
    table = _table(page(client, url("dashboard")))
    row = table[table.index(f">{submitted.number}<") :]
    button, menu = row.split('<details class="row-menu">', 1)
    assert "Send terms" in button
    assert "Reject…" in menu and "Cancel…" in menu
    assert f'aria-label="More actions – order {submitted.number}"' in menu
    # A link of the menu comes back to the list.
    assert f"/orders/{submitted.pk}/reject/?next=%2Fen%2Fcoordinator%2F" in menu or (
        f"/orders/{submitted.pk}/reject/?next=%2Fcoordinator%2F" in menu
    )


def test_order_list__a_post_of_the_page_form_comes_back_to_the_list(client, coordinator):
    submitted = order_in(OrderStatus.SUBMITTED)
    html = post(client, url("order-send-terms", submitted.pk), {"next": url("dashboard")})
    submitted.refresh_from_db()
    assert submitted.status == OrderStatus.TERMS_SENT
    assert "Orders" in visible_heading(html)


def visible_heading(html: str) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)


def test_order_page__a_busy_order_shows_its_newest_changes_and_the_whole_history_on_request(client, coordinator):
    order = OrderFactory()
    start = timezone.now() - dt.timedelta(days=40)
    for day in range(40):
        change = OrderStatusChange.objects.create(
            order=order, from_status="", to_status=OrderStatus.SUBMITTED, note=f"Muistiinpano {day:02d}"
        )
        OrderStatusChange.objects.filter(pk=change.pk).update(at=start + dt.timedelta(days=day))
    text = visible(client.get(url("order", order.pk)))
    assert "The latest 30 changes, oldest first." in text
    assert "Muistiinpano 39" in text and "Muistiinpano 10" in text
    assert "Muistiinpano 09" not in text
    whole = visible(client.get(url("order", order.pk), {"history": "all"}))
    assert "Muistiinpano 00" in whole and "Muistiinpano 39" in whole
    assert "The latest 30 changes" not in whole
