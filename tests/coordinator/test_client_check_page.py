"""The coordinator's "Check the client" panel on an order's page (issue 12, item 1): what was typed
beside the matched client's details, the two decisions, and the terms refused until one is made."""

import html as html_lib
import re
import uuid

import pytest
from django.test import Client

from orders import services
from orders.models import ClientOrganisation, OrderStatus
from tests.factories import ClientContactFactory, ClientOrganisationFactory, OrderFactory, UnitStaffFactory
from tests.support.coordinator_pages import page, post, url
from tests.support.order_services import make_request

pytestmark = pytest.mark.django_db

PUHDAS_ID = "1572860-0"


@pytest.fixture
def puhdas():
    org = ClientOrganisationFactory(
        name="Puhdas Pinta Oy",
        business_id=PUHDAS_ID,
        billing_name="Puhdas Pinta Oy",
        billing_street="Teollisuuskatu 21",
        billing_postal_code="00510",
        billing_city="Helsinki",
        billing_email="laskut@puhdaspinta.example",
    )
    tiina = ClientContactFactory(
        organisation=org, name="Tiina Lehtonen", email="tiina.lehtonen@puhdaspinta.example", with_user=True
    )
    OrderFactory(client=org, contact=tiina, title="Puhdas Pinnan oma tilaus")
    return org


@pytest.fixture
def kulma_order(puhdas):
    request = make_request(
        organisation_name="Kahvila Kulma Oy",
        business_id=PUHDAS_ID,
        contact_email="liisa@kahvilakulma.example",
        title="Kulman ikkunat",
        billing_name="Kahvila Kulma Oy",
        billing_street="Hämeentie 10",
        billing_postal_code="00530",
        billing_city="Helsinki",
        billing_email="laskut@kahvilakulma.example",
    )
    order, _created = services.order_submit(request=request, submission_key=uuid.uuid4())
    return order


def visible(markup: str) -> str:
    """The text as a person sees it (tags dropped, entities decoded, whitespace collapsed)."""
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def panel_text(html: str) -> str:
    found = re.search(r'<section id="client-check".*?</section>', html, re.S)
    assert found, "no client check panel"
    return visible(found.group(0))


def test_the_coordinator_sees_what_was_typed_beside_the_matched_client(client, coordinator, kulma_order):
    html = page(client, url("order", kulma_order.pk))
    text = panel_text(html)
    assert "Check the client" in text
    assert "business ID of this order is that of the client Puhdas Pinta Oy" in text
    # Each row: the detail, typed, stored, and in words whether they differ.
    assert re.search(r"Name\s+Kahvila Kulma Oy\s+Puhdas Pinta Oy\s+Differs", text)
    assert re.search(r"Business ID\s+1572860-0\s+1572860-0\s+Same", text)
    assert re.search(r"Billing email\s+laskut@kahvilakulma.example\s+laskut@puhdaspinta.example\s+Differs", text)
    assert "Same client: Puhdas Pinta Oy" in text and "A new client" in text
    assert "tiina.lehtonen@puhdaspinta.example" in text
    # The terms cannot be sent from the page; the button leads to the check instead.
    assert url("order-send-terms", kulma_order.pk) not in html
    assert "not checked yet" in visible(html)


def test_an_ordinary_order_has_no_panel(client, coordinator, puhdas):
    order = puhdas.orders.get()
    html = page(client, url("order", order.pk))
    assert 'id="client-check"' not in html
    assert url("order-send-terms", order.pk) in html


def test_the_order_list_says_a_client_check_is_needed(client, coordinator, kulma_order):
    text = visible(page(client, url("dashboard")))
    assert re.search(r"Kahvila Kulma Oy\s+1572860-0\s+Client check needed", text)
    assert text.count("Client check needed") == 1


def test_sending_the_terms_is_refused_with_a_clear_message(client, coordinator, kulma_order):
    text = visible(post(client, url("order-send-terms", kulma_order.pk)))
    assert "Check the client first" in text
    kulma_order.refresh_from_db()
    assert kulma_order.status == OrderStatus.SUBMITTED


def test_same_client_from_the_page(client, coordinator, kulma_order, puhdas):
    text = visible(post(client, url("order-client-same", kulma_order.pk), {"update_billing": "on"}))
    assert f"Order {kulma_order.number} is now an order of Puhdas Pinta Oy." in text
    assert "Check the client" not in text
    puhdas.refresh_from_db()
    assert puhdas.billing_email == "laskut@kahvilakulma.example"
    assert puhdas.orders.count() == 2
    again = visible(post(client, url("order-client-same", kulma_order.pk)))
    assert "already been checked" in again


def test_a_new_client_from_the_page_needs_a_business_id_that_is_not_taken(client, coordinator, kulma_order):
    address = url("order-client-new", kulma_order.pk)
    response = client.post(address, {"name": "Kahvila Kulma Oy", "business_id": PUHDAS_ID})
    assert response.status_code == 200
    assert "already that of Puhdas Pinta Oy" in panel_text(response.content.decode())
    response = client.post(address, {"name": "Kahvila Kulma Oy", "business_id": "1234"})
    assert "Check the business ID" in panel_text(response.content.decode())
    text = visible(post(client, address, {"name": "Kahvila Kulma Oy", "business_id": "7654321-2"}))
    assert "Kahvila Kulma Oy is a new client." in text
    client_row = ClientOrganisation.objects.get(pk=kulma_order.client_id)
    assert (client_row.business_id, client_row.match_candidate_id) == ("7654321-2", None)
    again = visible(post(client, address, {"name": "Kahvila Kulma Oy", "business_id": "7654321-2"}))
    assert "already been checked" in again


def test_others_may_not_decide(kulma_order, puhdas):
    for user in (UnitStaffFactory(), puhdas.contacts.get().user):
        http = Client()
        http.force_login(user)
        for name, data in (("order-client-same", {}), ("order-client-new", {"business_id": "7654321-2"})):
            assert http.post(url(name, kulma_order.pk), data).status_code == 403
    assert ClientOrganisation.objects.get(pk=kulma_order.client_id).match_candidate == puhdas


def test_the_matched_clients_contact_does_not_see_the_order_on_her_page(kulma_order, puhdas):
    http = Client()
    http.force_login(puhdas.contacts.get().user)
    text = visible(http.get("/en/").content.decode())
    assert "Puhdas Pinnan oma tilaus" in text
    assert "Kulman ikkunat" not in text
