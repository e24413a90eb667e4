"""The client's order page: "We hired Aino onto our payroll" for a worker who did a gig of the order,
recorded once as an outcome on her path; nobody else's workers, no other organisation."""

import pytest
from django.urls import reverse
from django.utils import translation

from orders.models import AssignmentStatus
from tests.factories import ClientContactFactory, GigFactory, OrderFactory, WorkerFactory
from tests.factories.states import assignment_in
from workers.models_paths import HIRED_BY_CLIENT, WorkerPathStep

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def order_with_aino():
    contact = ClientContactFactory(with_user=True)
    order = OrderFactory(client=contact.organisation, contact=contact, terms_accepted=True, status="approved")
    aino = WorkerFactory(user__first_name="Aino")
    assignment_in(AssignmentStatus.DONE, gig=GigFactory(order=order), worker=aino)
    return contact, order, aino


def _urls(order):
    with translation.override("en"):
        return reverse("orders:client-order", args=[order.pk]), reverse("orders:client-hired", args=[order.pk])


def test_the_client_tells_it_hired_aino(client, order_with_aino):
    contact, order, aino = order_with_aino
    client.force_login(contact.user)
    page_url, hired_url = _urls(order)

    page = client.get(page_url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "We hired Aino onto our payroll" in page

    assert client.post(hired_url, {"worker": aino.pk}).status_code == 302
    client.post(hired_url, {"worker": aino.pk})
    step = WorkerPathStep.objects.get()
    assert step.worker == aino and step.kind.code == HIRED_BY_CLIENT and step.recorded_by == contact.user
    page = client.get(page_url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "You told us you hired Aino. Thank you!" in page


def test_a_worker_who_did_no_gig_for_the_client_cannot_be_recorded(client, order_with_aino):
    contact, order, _aino = order_with_aino
    client.force_login(contact.user)
    _page_url, hired_url = _urls(order)
    assert client.post(hired_url, {"worker": WorkerFactory().pk}).status_code == 404
    assert not WorkerPathStep.objects.exists()
