"""The client contact's own account (`orders:client-account`), "Order again" and the wish for a worker
again, through the Django test client: only the contact's own organisation's orders, another's a 404;
the order form filled in as a copy (no dates) that the normal intake takes under the same client;
the wish goes to the unit, never to the worker, and promises nothing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone, translation

from jobcenter.models import OutboundEmail
from orders.models import AcceptedTermsCopy, AssignmentStatus, Order, OrderStatus, WorkerAgainRequest
from tests.factories import ClientContactFactory, UnitFactory, UnitStaffFactory, UserFactory, WorkerFactory
from tests.factories.states import assignment_in, order_in

pytestmark = pytest.mark.django_db

NO_PROMISE = "We pass your wish to the unit; the unit decides."


@pytest.fixture
def world():
    unit = UnitFactory(name="Vallila", email="vallila@example.org")
    UnitStaffFactory(unit=unit, first_name="Maija")
    aino = WorkerFactory(
        home_unit=unit, user=UserFactory(first_name="Aino", last_name="Virtanen"), support_needs="Tarvitsee taukoja"
    )
    done = assignment_in(AssignmentStatus.APPROVED, order_status=OrderStatus.APPROVED, worker=aino)
    earlier = done.gig.order
    Order.objects.filter(pk=earlier.pk).update(created_at=timezone.now() - dt.timedelta(days=30))
    contact = ClientContactFactory(with_user=True, organisation=earlier.client)
    other = ClientContactFactory(with_user=True)
    foreign = order_in(OrderStatus.STAFFING, contact=other, title="Toisen tilaus")
    OutboundEmail.objects.all().delete()
    return {"aino": aino, "earlier": earlier, "contact": contact, "other": other, "foreign": foreign, "unit": unit}


def _url(name, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def _get(client, name, *args, query=""):
    return client.get(f"{_url(name, *args)}{query}")


def test_account__lists_only_the_own_organisations_orders_with_first_names(client, world):
    client.force_login(world["contact"].user)
    page = _get(client, "orders:client-account").content.decode()

    assert f"Order {world['earlier'].number}: {world['earlier'].title}" in page
    assert "Toisen tilaus" not in page
    assert "Aino" in page and "Virtanen" not in page and "Tarvitsee" not in page
    assert "Worked for you: Aino V." in page
    assert f"?again={world['earlier'].pk}" in page


def test_account__empty_state_and_403_for_a_user_who_is_no_contact(client):
    contact = ClientContactFactory(with_user=True)
    client.force_login(contact.user)
    assert "Your organisation has no orders yet." in _get(client, "orders:client-account").content.decode()
    client.force_login(UserFactory())
    assert _get(client, "orders:client-account").status_code == 403


def test_account__filters_by_state_and_search(client, world):
    order_in(OrderStatus.SUBMITTED, contact=world["contact"], title="Ikkunanpesu")
    client.force_login(world["contact"].user)
    page = _get(client, "orders:client-account", query="?status=submitted").content.decode()
    assert "Ikkunanpesu" in page and world["earlier"].title not in page
    page = _get(client, "orders:client-account", query="?q=ikkuna").content.decode()
    assert "Ikkunanpesu" in page
    assert "No order matches" in _get(client, "orders:client-account", query="?q=zzz").content.decode()


def test_another_organisations_order_is_a_404_everywhere(client, world):
    client.force_login(world["contact"].user)
    pk = world["foreign"].pk
    assert _get(client, "orders:client-accepted-terms-pdf", pk).status_code == 404
    assert _get(client, "orders:client-worker-again", pk).status_code == 404
    assert _get(client, "orders:request", query=f"?again={pk}").status_code == 404


def test_accepted_terms_pdf__served_to_the_contact(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    copy = AcceptedTermsCopy(order=world["earlier"], language="fi")
    copy.pdf.save("terms.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    client.force_login(world["contact"].user)
    assert (
        _url("orders:client-accepted-terms-pdf", world["earlier"].pk)
        in _get(client, "orders:client-account").content.decode()
    )
    response = _get(client, "orders:client-accepted-terms-pdf", world["earlier"].pk)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(world["other"].user)
    assert _get(client, "orders:client-accepted-terms-pdf", world["earlier"].pk).status_code == 404


def test_order_again__prefilled_without_dates_and_submitted_under_the_same_client(client, world, settings):
    settings.JOBCENTER_ORDER_FORM_MIN_FILL_SECONDS = 0
    earlier = world["earlier"]
    Order.objects.filter(pk=earlier.pk).update(
        estimated_hours=Decimal("2.50"), preferred_start=timezone.localdate() + dt.timedelta(days=5)
    )
    client.force_login(world["contact"].user)
    response = _get(client, "orders:request", query=f"?again={earlier.pk}")
    form = response.context["form"]
    assert f"A copy of your order {earlier.number}" in response.content.decode()
    assert form.initial["title"] == earlier.title and form.initial["estimated_hours"] == "2.5"
    assert form.initial["contact_email"] == world["contact"].email
    assert "preferred_start" not in form.initial and "preferred_end" not in form.initial

    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(task_type=earlier.task_type_id, tools_provided="on" if earlier.tools_provided else "")
    data = {k: v for k, v in data.items() if v not in (False, "")}
    data["hours_indicative"] = "on"
    response = client.post(_url("orders:request"), data)
    assert response.status_code == 302, response.context["form"].errors
    new = Order.objects.exclude(pk=earlier.pk).get(title=earlier.title, client=earlier.client)
    assert new.status == OrderStatus.SUBMITTED and new.preferred_start is None
    assert new.estimated_hours == Decimal("2.50")


def test_worker_again__the_unit_is_told_the_worker_never_and_nothing_is_promised(client, world):
    new = order_in(OrderStatus.SUBMITTED, contact=world["contact"], title="Uusi siivous")
    client.force_login(world["contact"].user)
    page = _get(client, "orders:client-worker-again", new.pk).content.decode()
    assert "Aino V." in page and "Virtanen" not in page and NO_PROMISE in page

    response = client.post(
        _url("orders:client-worker-again", *[new.pk]), {"worker": world["aino"].pk, "note": "Kiitos"}
    )
    assert response.status_code == 302
    wish = WorkerAgainRequest.objects.get()
    assert (wish.order, wish.worker, wish.unit) == (new, world["aino"], world["unit"])
    assert OutboundEmail.objects.filter(code="worker_again_unit", to="vallila@example.org").exists()
    assert not OutboundEmail.objects.filter(to=world["aino"].user.email).exists()
    page = client.get(response["Location"]).content.decode()
    assert "You asked for Aino V. again." in page and NO_PROMISE in page
    for promise in ("will come", "guarantee", "we promise", "promised"):
        assert promise not in page.lower().replace(NO_PROMISE.lower(), "")

    again = client.post(_url("orders:client-worker-again", *[new.pk]), {"worker": world["aino"].pk, "note": ""})
    assert again.status_code == 200 and "already asked for Aino V." in again.content.decode()
    assert WorkerAgainRequest.objects.count() == 1


def test_worker_again__a_worker_who_never_worked_for_the_client_is_not_offered(client, world):
    stranger = WorkerFactory(user=UserFactory(first_name="Bea"))
    new = order_in(OrderStatus.SUBMITTED, contact=world["contact"])
    client.force_login(world["contact"].user)
    assert "Bea" not in _get(client, "orders:client-worker-again", new.pk).content.decode()
    response = client.post(_url("orders:client-worker-again", *[new.pk]), {"worker": stranger.pk})
    assert response.status_code == 200 and not WorkerAgainRequest.objects.exists()


def test_unit_sees_the_wish_on_its_needs_page_and_marks_it_handled(client, world):
    from orders.services.worker_again import worker_again_request

    new = order_in(OrderStatus.SUBMITTED, contact=world["contact"])
    wish = worker_again_request(order_id=new.pk, worker_id=world["aino"].pk, by=world["contact"].user)
    staff = world["unit"].memberships.get().user
    client.force_login(staff)
    page = client.get(_url("units:needs")).content.decode()
    assert f'id="wish-{wish.pk}"' in page and "Aino Virtanen" in page
    response = client.post(_url("units:worker-again-handle", *[wish.pk]), {"outcome": "proposed"})
    assert response.status_code == 302
    wish.refresh_from_db()
    assert wish.outcome == "proposed" and wish.handled_by == staff
    client.force_login(UnitStaffFactory())
    assert client.post(reverse("units:worker-again-handle", args=[wish.pk]), {"outcome": "proposed"}).status_code == 404
