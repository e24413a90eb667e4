"""Clients are matched, never merged silently (issue 12, item 1): a public order whose business ID or
email domain is an existing client's goes under it only when it is plainly that client; otherwise it
is kept with what was typed until the coordinator decides, and nobody sees anyone else's orders."""

import uuid

import pytest
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.utils import translation

from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.models import OutboundEmail
from orders import services
from orders.models import ClientContact, ClientOrganisation, Order, OrderStatus
from orders.selectors import order_list_for
from tests.factories import ClientContactFactory, ClientOrganisationFactory, OrderFactory, UnitStaffFactory, UserFactory
from tests.support.order_services import make_request

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("messages_in_english")]

PUHDAS_ID = "1572860-0"
KULMA_BILLING = dict(
    billing_name="Kahvila Kulma Oy",
    billing_street="Hämeentie 10",
    billing_postal_code="00530",
    billing_city="Helsinki",
    billing_email="laskut@kahvilakulma.example",
)


def _in_english(change) -> str:
    """The history line as an English reader sees it (the row stores a code and its facts)."""
    with translation.override("en"):
        return change.describe()


@pytest.fixture
def puhdas():
    """Puhdas Pinta Oy with its contact Tiina (who logs in) and one order of its own."""
    org = ClientOrganisationFactory(
        name="Puhdas Pinta Oy",
        business_id=PUHDAS_ID,
        billing_name="Puhdas Pinta Oy",
        billing_street="Teollisuuskatu 21",
        billing_postal_code="00510",
        billing_city="Helsinki",
        billing_email="laskut@puhdaspinta.example",
    )
    tiina = ClientContactFactory(organisation=org, email="tiina.lehtonen@puhdaspinta.example", with_user=True)
    OrderFactory(client=org, contact=tiina, title="Puhdas Pinnan oma tilaus")
    return org


def submit_as_kulma(**overrides):
    data = dict(
        organisation_name="Kahvila Kulma Oy",
        business_id=PUHDAS_ID,
        contact_name="Liisa Laine",
        contact_email="liisa@kahvilakulma.example",
        title="Kulman ikkunat",
        **KULMA_BILLING,
    )
    data.update(overrides)
    order, _created = services.order_submit(request=make_request(**data), submission_key=uuid.uuid4())
    return order


def titles_seen_by(user) -> set[str]:
    return set(order_list_for(user=user).values_list("title", flat=True))


# --- The case -------------------------------------------------------------------------------
def test_a_strangers_order_with_an_existing_business_id_keeps_what_was_typed(puhdas):
    order = submit_as_kulma()
    client = order.client
    assert client.pk != puhdas.pk
    assert (client.name, client.business_id) == ("Kahvila Kulma Oy", PUHDAS_ID)
    assert {field: getattr(client, field) for field in KULMA_BILLING} == KULMA_BILLING
    assert client.match_candidate == puhdas and client.match_reason == "business_id"
    assert order.contact.organisation == client and order.contact.email == "liisa@kahvilakulma.example"
    # Puhdas Pinta is untouched: no new contact, same billing email.
    puhdas.refresh_from_db()
    assert list(puhdas.contacts.values_list("email", flat=True)) == ["tiina.lehtonen@puhdaspinta.example"]
    assert puhdas.billing_email == "laskut@puhdaspinta.example"


def test_puhdas_pintas_contact_does_not_see_the_strangers_order(puhdas):
    submit_as_kulma()
    tiina = puhdas.contacts.get().user
    assert titles_seen_by(tiina) == {"Puhdas Pinnan oma tilaus"}


def test_the_stranger_does_not_see_puhdas_pintas_orders(puhdas):
    order = submit_as_kulma()
    liisa = UserFactory(email="liisa@kahvilakulma.example")
    ClientContact.objects.filter(pk=order.contact_id).update(user=liisa)
    assert titles_seen_by(liisa) == {"Kulman ikkunat"}


def test_a_known_contacts_email_with_a_different_name_still_waits(puhdas):
    order = submit_as_kulma(contact_email="tiina.lehtonen@puhdaspinta.example")
    assert order.client.match_candidate == puhdas


def test_a_typed_billing_email_where_the_client_has_none_waits_for_the_check(puhdas):
    ClientOrganisation.objects.filter(pk=puhdas.pk).update(billing_email="")
    order = submit_as_kulma(
        organisation_name="Puhdas Pinta Oy",
        contact_email="tiina.lehtonen@puhdaspinta.example",
        billing_name="Puhdas Pinta Oy",
        billing_street="Teollisuuskatu 21",
        billing_postal_code="00510",
        billing_email="attacker@evil.example",
    )
    assert order.client.match_candidate == puhdas
    puhdas.refresh_from_db()
    assert puhdas.billing_email == ""


# --- Auto-match when it is plainly the same client ----------------------------------------------------
def puhdas_as_typed(**overrides):
    data = dict(
        organisation_name="  puhdas   pinta oy ",
        contact_email="Tiina.Lehtonen@puhdaspinta.example",
        billing_name="Puhdas Pinta Oy",
        billing_street="Teollisuuskatu 21",
        billing_postal_code="00510",
        billing_city="Helsinki",
        billing_email="laskut@puhdaspinta.example",
    )
    data.update(overrides)
    return submit_as_kulma(**data)


def test_a_known_contact_of_the_same_client_orders_under_it(puhdas):
    order = puhdas_as_typed()
    assert order.client == puhdas
    assert order.contact == puhdas.contacts.get()
    assert ClientOrganisation.objects.count() == 1
    assert "Kulman ikkunat" in titles_seen_by(order.contact.user)


def test_a_colleague_from_the_clients_own_domain_orders_under_it(puhdas):
    order = puhdas_as_typed(contact_email="pekka@puhdaspinta.example", billing_email="")
    assert order.client == puhdas
    assert set(puhdas.contacts.values_list("email", flat=True)) == {
        "tiina.lehtonen@puhdaspinta.example",
        "pekka@puhdaspinta.example",
    }


def test_a_shared_email_domain_is_no_proof_of_being_the_same_client(puhdas):
    ClientContactFactory(organisation=puhdas, email="puhdaspinta@gmail.com")
    order = puhdas_as_typed(contact_email="someone.else@gmail.com")
    assert order.client.match_candidate == puhdas


# --- Matching by email domain --------------------------------------------------------------------------
def test_an_email_domain_of_a_clients_contact_waits_for_the_check(puhdas):
    order = submit_as_kulma(
        business_id="7654321-2", organisation_name="Puhdas Pinta Itä Oy", contact_email="x@puhdaspinta.example"
    )
    assert order.client.match_candidate == puhdas and order.client.match_reason == "email_domain"
    assert order.client.business_id == "7654321-2"


@override_settings(JOBCENTER_SHARED_EMAIL_DOMAINS=["puhdaspinta.example"])
def test_the_shared_domains_come_from_the_setting(puhdas):
    order = submit_as_kulma(business_id="7654321-2", contact_email="x@puhdaspinta.example")
    assert order.client.match_candidate is None


def test_without_any_match_a_new_client_is_an_ordinary_one(puhdas):
    order = submit_as_kulma(business_id="7654321-2")
    assert order.client.match_candidate is None and order.client.name == "Kahvila Kulma Oy"


def test_the_database_keeps_a_decided_business_id_unique_but_allows_provisional_ones(puhdas):
    submit_as_kulma()
    submit_as_kulma(contact_email="toinen@kahvilakulma.example")
    assert ClientOrganisation.objects.filter(business_id=PUHDAS_ID).count() == 3
    with pytest.raises(IntegrityError), transaction.atomic():
        ClientOrganisation.objects.filter(business_id=PUHDAS_ID, match_candidate__isnull=False).update(
            match_candidate=None, match_reason=""
        )


# --- The terms wait for the check ------------------------------------------------------------------------
def test_terms_are_refused_while_the_client_is_not_checked(puhdas, coordinator):
    order = submit_as_kulma()
    with pytest.raises(DomainError, match="Check the client first"):
        services.order_send_terms(order_id=order.pk, by=coordinator)
    order.refresh_from_db()
    assert order.status == OrderStatus.SUBMITTED
    assert not OutboundEmail.objects.filter(code="order_terms").exists()


# --- Decision: the same client ---------------------------------------------------------------------------
def test_same_client_moves_the_order_and_contact_and_deletes_the_provisional_one(puhdas, coordinator):
    order = submit_as_kulma()
    provisional_pk = order.client_id
    services.client_match_confirm_same(order_id=order.pk, by=coordinator)
    order.refresh_from_db()
    assert order.client == puhdas
    assert order.contact.organisation == puhdas and order.contact.email == "liisa@kahvilakulma.example"
    assert not ClientOrganisation.objects.filter(pk=provisional_pk).exists()
    puhdas.refresh_from_db()
    assert puhdas.billing_email == "laskut@puhdaspinta.example"  # kept: not asked to update
    last = order.status_changes.order_by("-pk").first()
    assert last.by == coordinator and "same client as Puhdas Pinta Oy" in _in_english(last)
    assert "Kulman ikkunat" in titles_seen_by(puhdas.contacts.get(email__startswith="tiina").user)
    services.order_send_terms(order_id=order.pk, by=coordinator)


def test_same_client_reuses_a_contact_with_the_same_email_and_may_update_billing(puhdas, coordinator):
    order = submit_as_kulma(contact_email="TIINA.lehtonen@puhdaspinta.example")
    services.client_match_confirm_same(order_id=order.pk, by=coordinator, update_billing=True)
    order.refresh_from_db()
    tiina = puhdas.contacts.get()
    assert order.contact == tiina
    puhdas.refresh_from_db()
    assert puhdas.name == "Puhdas Pinta Oy"  # the name is not a billing detail
    assert puhdas.billing_email == "laskut@kahvilakulma.example"
    assert puhdas.billing_street == "Hämeentie 10"
    assert "updated" in _in_english(order.status_changes.order_by("-pk").first())


# --- Decision: a new client ---------------------------------------------------------------------------------
def test_a_new_client_must_not_keep_a_business_id_that_is_another_clients(puhdas, coordinator):
    order = submit_as_kulma()
    with pytest.raises(DomainError, match="already that of Puhdas Pinta Oy"):
        services.client_match_confirm_new(order_id=order.pk, by=coordinator, business_id=PUHDAS_ID)
    with pytest.raises(DomainError, match="Give the business ID"):
        services.client_match_confirm_new(order_id=order.pk, by=coordinator, business_id="")
    order.client.refresh_from_db()
    assert order.client.match_candidate == puhdas


def test_a_new_client_with_a_corrected_business_id_becomes_an_ordinary_client(puhdas, coordinator):
    order = submit_as_kulma()
    client = services.client_match_confirm_new(order_id=order.pk, by=coordinator, business_id="76543212")
    assert client.pk == order.client_id
    assert (client.business_id, client.match_candidate, client.match_reason) == ("7654321-2", None, "")
    assert "a new client, not Puhdas Pinta Oy" in _in_english(order.status_changes.order_by("-pk").first())
    services.order_send_terms(order_id=order.pk, by=coordinator)
    assert titles_seen_by(puhdas.contacts.get().user) == {"Puhdas Pinnan oma tilaus"}


def test_an_other_type_client_may_be_new_without_a_business_id(puhdas, coordinator):
    order = submit_as_kulma(client_type="other")
    client = services.client_match_confirm_new(order_id=order.pk, by=coordinator, business_id="")
    assert client.business_id == "" and client.match_candidate is None


# --- Guards -------------------------------------------------------------------------------------------------
def test_only_a_coordinator_decides(puhdas):
    order = submit_as_kulma()
    for user in (UserFactory(), UnitStaffFactory(), puhdas.contacts.get().user):
        with pytest.raises(ActionNotPermitted):
            services.client_match_confirm_same(order_id=order.pk, by=user)
        with pytest.raises(ActionNotPermitted):
            services.client_match_confirm_new(order_id=order.pk, by=user, business_id="7654321-2")
    order.refresh_from_db()
    assert order.client.match_candidate == puhdas


def test_a_decision_is_made_once(puhdas, coordinator):
    order = submit_as_kulma()
    services.client_match_confirm_new(order_id=order.pk, by=coordinator, business_id="7654321-2")
    with pytest.raises(DomainError, match="already been checked"):
        services.client_match_confirm_same(order_id=order.pk, by=coordinator)
    with pytest.raises(DomainError, match="already been checked"):
        services.client_match_confirm_new(order_id=order.pk, by=coordinator, business_id="7654321-2")
    other = submit_as_kulma(contact_email="toinen@kahvilakulma.example")
    services.client_match_confirm_same(order_id=other.pk, by=coordinator)
    with pytest.raises(DomainError, match="already been checked"):
        services.client_match_confirm_same(order_id=other.pk, by=coordinator)
    assert Order.objects.get(pk=other.pk).client == puhdas
