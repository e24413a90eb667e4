"""The coordinator's pages for changing an order after it was sent, through the Django test client:
cancelling a gig with a reason (the page says who is told), changing a gig, editing the order's task
and place; the order's page showing the cancelled gig and offering to cancel an order whose gigs are
all cancelled. Only coordinators: unit staff and clients are refused.

Pages are read in English (`/en/…`); the `coordinator` fixture (this directory's conftest.py) logs a
coordinator in."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from orders.models import AssignmentStatus, OrderEvent, OrderStatus
from tests.factories import ClientContactFactory, GigFactory, TaskTypeFactory, UnitStaffFactory
from tests.factories.states import assignment_in, order_in
from tests.support.coordinator_pages import page, post, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def gig():
    gig = GigFactory(order=order_in(OrderStatus.STAFFING), workers_needed=2)
    gig.accepted = assignment_in(AssignmentStatus.ACCEPTED, gig=gig)
    return gig


def test_cancel_gig__the_page_asks_the_reason_and_says_who_is_told(client, coordinator, gig):
    html = page(client, url("gig-cancel", gig.pk))

    assert "Cancel the gig" in html and 'name="reason"' in html and "csrfmiddlewaretoken" in html
    assert gig.accepted.worker.display_name in html
    assert gig.accepted.unit.name in html
    assert gig.order.contact.email in html


def test_cancel_gig__cancels_and_the_order_page_shows_it_struck_with_the_reason(client, coordinator, gig):
    html = post(client, url("gig-cancel", gig.pk), {"reason": "Asiakas siirsi remontin."})

    gig.refresh_from_db()
    assert gig.is_cancelled
    assert "is cancelled. The people on it were told." in html
    assert "<del>" in html and "Asiakas siirsi remontin." in html
    assert url("gig-cancel", gig.pk) not in html  # no second "Cancel gig" on a cancelled gig
    gig.accepted.refresh_from_db()
    assert gig.accepted.status == AssignmentStatus.WITHDRAWN


def test_cancel_gig__without_a_reason_is_shown_again(client, coordinator, gig):
    response = client.post(url("gig-cancel", gig.pk), {"reason": ""})

    assert response.status_code == 200
    assert "Write why the gig is cancelled." in response.content.decode()
    gig.refresh_from_db()
    assert not gig.is_cancelled


def test_cancel_gig__refused_with_reported_work_and_no_button(client, coordinator):
    done = assignment_in(AssignmentStatus.DONE, order_status=OrderStatus.SCHEDULED)
    assert url("gig-cancel", done.gig_id) not in page(client, url("order", done.gig.order_id))

    html = post(client, url("gig-cancel", done.gig_id), {"reason": "Sade"})

    assert "already reported" in html
    done.gig.refresh_from_db()
    assert not done.gig.is_cancelled


def test_order_page__every_gig_cancelled_offers_cancelling_the_order(client, coordinator, gig):
    post(client, url("gig-cancel", gig.pk), {"reason": "Sade"})

    html = page(client, url("order", gig.order_id))

    assert "Every gig is cancelled" in html and url("order-cancel", gig.order_id) in html


def test_edit_order__prefilled_and_the_change_is_in_the_history(client, coordinator, gig):
    order = gig.order
    right = TaskTypeFactory(code="windows", name_fi="Ikkunanpesu", name_sv="Fönstertvätt", name_en="Window washing")
    html = page(client, url("order-edit", order.pk))
    assert f'value="{order.street_address}"' in html and order.contact.email in html

    html = post(
        client,
        url("order-edit", order.pk),
        {
            "task_type": right.pk,
            "description": order.description,
            "street_address": "Uusi katu 5",
            "postal_code": order.postal_code,
            "city": order.city,
        },
    )

    order.refresh_from_db()
    assert order.task_type == right and order.street_address == "Uusi katu 5"
    assert f"Order {order.number} is saved." in html
    assert "Street address changed:" in html and "Uusi katu 5." in html
    assert "→ Window washing." in html


def test_edit_gig__a_new_time_is_saved(client, coordinator, gig):
    new_day = timezone.localdate() + dt.timedelta(days=10)
    html = post(
        client,
        url("gig-edit", gig.pk),
        {"date": new_day.isoformat(), "start_time": "12:30", "planned_hours": "3", "workers_needed": "2", "notes": ""},
    )

    gig.refresh_from_db()
    assert (gig.date, gig.start_time) == (new_day, dt.time(12, 30))
    assert "is saved." in html
    assert gig.order.status_changes.filter(kind=OrderEvent.GIG_CHANGED).count() == 2


@pytest.mark.parametrize("name", ["gig-cancel", "gig-edit", "order-edit"])
def test_change_pages__refused_to_unit_staff_and_clients(client, gig, name):
    target = gig.order_id if name == "order-edit" else gig.pk
    client.force_login(UnitStaffFactory(unit=gig.accepted.unit))
    assert client.get(url(name, target)).status_code == 403
    assert client.post(url(name, target), {"reason": "Sade"}).status_code == 403
    contact = ClientContactFactory(organisation=gig.order.client, with_user=True)
    client.force_login(contact.user)
    assert client.post(url(name, target), {"reason": "Sade"}).status_code == 403
    gig.refresh_from_db()
    assert not gig.is_cancelled
