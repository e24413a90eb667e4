"""The coordinator's page of a message to everyone on a gig: the link on the order's gig, the preview
of who gets it and how, sending, and the refusals shown on the page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from jobcenter.models import OutboundEmail, OutboundSms
from orders.models import AssignmentStatus, OrderEvent, OrderStatus
from tests.factories import GigFactory, UserFactory, WorkerFactory
from tests.factories.states import assignment_in, order_in
from workers.models import NotifyBy

pytestmark = pytest.mark.django_db


@pytest.fixture
def gig():
    gig = GigFactory(order=order_in(OrderStatus.SCHEDULED))
    worker = WorkerFactory(user=UserFactory(first_name="Aino", last_name="Aalto", phone="0401112222"),
                           notify_by=NotifyBy.SMS)  # fmt: skip
    assignment_in(AssignmentStatus.ACCEPTED, gig=gig, worker=worker)
    return gig


def test_order_page__links_the_message_page_from_a_gig_someone_took(client, coordinator, gig):
    page = client.get(reverse("coordinator:order", args=[gig.order_id])).content.decode()
    assert reverse("coordinator:gig-message", args=[gig.pk]) in page


def test_order_page__no_link_when_nobody_took_the_gig(client, coordinator):
    gig = GigFactory(order=order_in(OrderStatus.STAFFING))
    page = client.get(reverse("coordinator:order", args=[gig.order_id])).content.decode()
    assert reverse("coordinator:gig-message", args=[gig.pk]) not in page


def test_message_page__previews_who_gets_it_and_by_which_channel(client, coordinator, gig):
    response = client.get(reverse("coordinator:gig-message", args=[gig.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Aino Aalto" in page and "0401112222" in page
    assert gig.order.contact.name in page  # offered, with its checkbox
    assert 'name="include_client"' in page


def test_message_page__sends_and_goes_back_to_the_gig(client, coordinator, gig):
    url = reverse("coordinator:gig-message", args=[gig.pk])
    response = client.post(url, {"text": "Ovikoodi 4321", "include_client": "on"})
    assert response.status_code == 302 and response.url.endswith(f"#gig-{gig.pk}")
    assert OutboundSms.objects.get().text.endswith("Ovikoodi 4321")
    assert OutboundEmail.objects.filter(to=gig.order.contact.email, code="gig_message").exists()
    assert gig.order.status_changes.filter(kind=OrderEvent.GIG_MESSAGE).exists()


def test_message_page__an_empty_text_is_shown_again_with_its_error(client, coordinator, gig):
    response = client.post(reverse("coordinator:gig-message", args=[gig.pk]), {"text": ""})
    assert response.status_code == 400 and not OutboundSms.objects.exists()


def test_message_page__a_past_gig_says_why_and_offers_no_form(client, coordinator, gig):
    type(gig).objects.filter(pk=gig.pk).update(date=timezone.localdate() - dt.timedelta(days=2))
    url = reverse("coordinator:gig-message", args=[gig.pk])
    page = client.get(url).content.decode()
    assert 'name="text"' not in page
    response = client.post(url, {"text": "Hei"})
    assert response.status_code == 400 and not OutboundSms.objects.exists()
