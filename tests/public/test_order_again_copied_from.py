""" "Order again" records the order the new one was copied from (`Order.copied_from`), and the
coordinator's order page links to it. Only an order of the contact's own organisation: another's id
in the form's hidden field (or a form sent after logging out) is refused with a clear error and
dropped, so the form sent again makes a plain new order; the service refuses it too."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from jobcenter.errors import ActionNotPermitted
from orders import services
from orders.models import AssignmentStatus, Order, OrderStatus
from tests.factories import ClientContactFactory, CoordinatorFactory
from tests.factories.states import assignment_in, order_in
from tests.support.order_services import make_request

pytestmark = pytest.mark.django_db

REFUSED = "The earlier order this form was copied from is not one of your organisation&#x27;s orders."


@pytest.fixture
def world(settings):
    settings.JOBCENTER_ORDER_FORM_MIN_FILL_SECONDS = 0
    done = assignment_in(AssignmentStatus.APPROVED, order_status=OrderStatus.APPROVED)
    earlier = done.gig.order
    Order.objects.filter(pk=earlier.pk).update(
        estimated_hours=Decimal("2.50"), created_at=timezone.now() - dt.timedelta(days=30)
    )
    contact = ClientContactFactory(with_user=True, organisation=earlier.client)
    foreign = order_in(OrderStatus.STAFFING, contact=ClientContactFactory(with_user=True), title="Toisen tilaus")
    return {"earlier": earlier, "contact": contact, "foreign": foreign}


def _url(name, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def _copied_form(client, earlier) -> dict:
    """The order form as "order again" fills it in, ready to send."""
    form = client.get(f"{_url('orders:request')}?again={earlier.pk}").context["form"]
    data = {name: value for name, value in form.initial.items() if value not in (None, False, "")}
    data.update(task_type=earlier.task_type_id or "", hours_indicative="on")
    if earlier.tools_provided:
        data["tools_provided"] = "on"
    return data


def _new_orders(world):
    return Order.objects.exclude(pk__in=[world["earlier"].pk, world["foreign"].pk])


def test_order_again__the_new_order_records_it_and_the_coordinator_sees_the_link(client, world):
    earlier = world["earlier"]
    client.force_login(world["contact"].user)
    data = _copied_form(client, earlier)
    assert data["again"] == earlier.pk

    response = client.post(_url("orders:request"), data)

    assert response.status_code == 302, response.context["form"].errors
    new = _new_orders(world).get()
    assert new.copied_from == earlier and list(earlier.copies.all()) == [new]
    client.force_login(CoordinatorFactory())
    page = client.get(_url("coordinator:order", new.pk)).content.decode()
    assert f'href="{_url("coordinator:order", earlier.pk)}"' in page
    assert f"Ordered again from order #{earlier.pk}" in page
    assert "Ordered again from" not in client.get(_url("coordinator:order", earlier.pk)).content.decode()


def test_order_again__another_organisations_order_is_refused_then_sent_as_new(client, world):
    client.force_login(world["contact"].user)
    data = {**_copied_form(client, world["earlier"]), "again": world["foreign"].pk}  # a changed hidden field

    response = client.post(_url("orders:request"), data)

    assert response.status_code == 200 and REFUSED in response.content.decode()
    assert not _new_orders(world).exists()
    assert 'name="again"' in response.content.decode() and response.context["form"].data["again"] == ""
    response = client.post(_url("orders:request"), {**data, "again": ""})
    assert response.status_code == 302
    assert _new_orders(world).get().copied_from is None


def test_order_again__a_form_sent_after_logging_out_is_refused(client, world):
    client.force_login(world["contact"].user)
    data = _copied_form(client, world["earlier"])
    client.logout()

    response = client.post(_url("orders:request"), data)

    assert response.status_code == 200 and REFUSED in response.content.decode()
    assert not _new_orders(world).exists()


def test_order_submit__records_only_an_order_of_the_users_own_organisation(world):
    user = world["contact"].user

    with (
        translation.override("en"),
        pytest.raises(ActionNotPermitted, match="only the orders of your own organisation"),
    ):
        services.order_submit(
            request=make_request(copied_from_id=world["foreign"].pk), submission_key=uuid.uuid4(), by=user
        )
    with pytest.raises(ActionNotPermitted):
        services.order_submit(request=make_request(copied_from_id=world["earlier"].pk), submission_key=uuid.uuid4())
    assert not _new_orders(world).exists()

    order, _created = services.order_submit(
        request=make_request(copied_from_id=world["earlier"].pk), submission_key=uuid.uuid4(), by=user
    )
    assert order.copied_from == world["earlier"]
