"""The page behind the signed link in the terms email."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from orders.models import ClientType, OrderStatus
from orders.tokens import make_terms_token
from tests.factories import ClientContactFactory, ClientOrganisationFactory, OrderFactory

pytestmark = pytest.mark.django_db

BILLING = {
    "billing_name": "Kahvila Kulma Oy",
    "billing_street": "Hämeentie 10",
    "billing_postal_code": "00530",
    "billing_city": "Helsinki",
    "billing_email": "laskut@kulma.example.org",
    "einvoice_address": "",
    "einvoice_operator": "",
    "invoicing_mode": "per_order",
}


def terms_url(order) -> str:
    return reverse("orders:terms", kwargs={"token": make_terms_token(order)})


def test_terms_page__shows_the_terms_text_in_the_order_language(client):
    order = OrderFactory(terms_sent=True)
    response = client.get(terms_url(order))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Tilaaja ostaa palvelun" in body  # the Finnish terms text, version 2026-1
    assert order.title in body


def test_terms_page__accepting_records_it_and_saves_billing(client):
    order = OrderFactory(terms_sent=True)
    response = client.post(terms_url(order), {**BILLING, "accepted_name": "Liisa Laine", "accept": "on"})
    assert response.status_code == 200
    order.refresh_from_db()
    order.client.refresh_from_db()
    assert order.status == OrderStatus.TERMS_ACCEPTED
    assert order.terms_accepted_name == "Liisa Laine"
    assert order.client.billing_email == "laskut@kulma.example.org"


def test_terms_page__missing_acceptance_shows_errors_and_saves_nothing(client):
    order = OrderFactory(terms_sent=True)
    response = client.post(terms_url(order), {**BILLING, "billing_city": "", "accepted_name": ""})
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.TERMS_SENT


def test_terms_page__city_unit_must_give_an_einvoice_address(client):
    contact = ClientContactFactory(organisation=ClientOrganisationFactory(client_type=ClientType.CITY_UNIT))
    order = OrderFactory(terms_sent=True, contact=contact)
    client.post(terms_url(order), {**BILLING, "accepted_name": "Liisa", "accept": "on"})
    order.refresh_from_db()
    assert order.status == OrderStatus.TERMS_SENT


def test_terms_page__reused_link_says_already_accepted_and_changes_nothing(client):
    order = OrderFactory(terms_sent=True)
    url = terms_url(order)
    client.post(url, {**BILLING, "accepted_name": "Liisa Laine", "accept": "on"})
    response = client.post(url, {**BILLING, "accepted_name": "Someone Else", "accept": "on"})
    assert response.status_code == 410
    order.refresh_from_db()
    assert order.terms_accepted_name == "Liisa Laine"
    assert order.status_changes.count() == 1


def test_terms_page__tampered_link_is_a_clear_404(client):
    order = OrderFactory(terms_sent=True)
    token = make_terms_token(order)
    tampered = reverse("orders:terms", kwargs={"token": token[:-3] + "xyz"})
    assert client.get(tampered).status_code == 404
    response = client.post(tampered, {**BILLING, "accepted_name": "Liisa Laine", "accept": "on"})
    assert response.status_code == 404
    order.refresh_from_db()
    assert order.status == OrderStatus.TERMS_SENT
    assert order.terms_accepted_at is None and order.terms_accepted_name == ""


def test_terms_page__expired_link_is_gone(client):
    with freeze_time(timezone.now() - dt.timedelta(days=20)):
        order = OrderFactory(terms_sent=True)
        url = terms_url(order)
    response = client.post(url, {**BILLING, "accepted_name": "Liisa", "accept": "on"})
    assert response.status_code == 410
    order.refresh_from_db()
    assert order.status == OrderStatus.TERMS_SENT


def test_terms_page__older_link_is_replaced_by_a_resent_one(client):
    order = OrderFactory(terms_sent=True, terms_sent_at=timezone.now() - dt.timedelta(days=1))
    old_url = terms_url(order)
    order.terms_sent_at = timezone.now()
    order.save()
    response = client.get(old_url)
    assert response.status_code == 410
