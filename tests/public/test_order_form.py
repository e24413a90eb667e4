"""The public order form (/order/), its confirmation page and the price fragment, through the
Django client. Assertions are on what the client sees: the page text, in Finnish unless the
address says otherwise."""

from __future__ import annotations

import datetime as dt
import html
import re
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from jobcenter import ratelimit
from jobcenter.errors import DomainError
from orders.models import ClientOrganisation, Order, OrderStatus
from tests.support.order_form import VALID
from tests.support.pages import visible

pytestmark = pytest.mark.django_db

URL = "/order/"


def field_error(response, field: str) -> str:
    """The error text shown next to a field (the element Django's aria-describedby points at)."""
    match = re.search(rf'id="id_{field}_error"[^>]*>(.*?)</div>', response.content.decode(), flags=re.S)
    assert match, f"no error shown next to {field}"
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", match.group(1))).split())


def send(client, url=URL, *, key=None, **overrides):
    data = {**VALID, "submission_key": str(key or uuid.uuid4()), **overrides}
    return client.post(url, data)


# --- The page -------------------------------------------------------------------------------------
def test_order_form__renders_in_finnish_with_the_hourly_prices(client):
    response = client.get(URL)

    assert response.status_code == 200
    assert '<html lang="fi"' in response.content.decode()
    text = visible(response)
    assert "Tilaa keikka" in text
    assert "Toimeksiantosopimus" in text and "Työsopimus" in text
    assert "14,50 € / h (ALV 0 %)" in text
    assert "18,20 € / h sis. ALV 25,5 %" in text  # the VAT of today
    assert "20,00 € / h (ALV 0 %)" in text
    assert "Tähdellä (*) merkityt kentät ovat pakollisia." in text
    assert "Kaupungin yksiköt saavat laskut verkkolaskuina" in text
    assert re.search(r'name="submission_key" value="[0-9a-f-]{36}"', response.content.decode())


def test_order_form__lists_only_active_task_types(client):
    from orders.models import TaskType

    TaskType.objects.filter(code="sewing").update(is_active=False)

    text = visible(client.get(URL))

    assert "Ikkunanpesu" in text
    assert "Ompelu" not in text


def test_order_form__honeypot_is_hidden_from_people_and_assistive_technology(client):
    page = client.get(URL).content.decode()

    wrapper = re.search(r'<div class="public-hp" aria-hidden="true">(.*?)</div>', page, flags=re.S)
    assert wrapper
    assert 'name="website"' in wrapper.group(1)
    assert 'tabindex="-1"' in wrapper.group(1) and 'autocomplete="off"' in wrapper.group(1)


def test_order_form__in_english_under_en(client):
    response = client.get("/en/order/")

    text = visible(response)
    assert '<html lang="en"' in response.content.decode()
    assert "Order a gig" in text
    assert "14.50 € / h (VAT 0 %)" in text
    assert "Commission contract" in text


def test_order_form__in_swedish_under_sv(client):
    text = visible(client.get("/sv/order/"))

    assert "Beställ ett jobb" in text
    assert "14,50 € / h (moms 0 %)" in text
    assert "Uppdragsavtal" in text


# --- Sending --------------------------------------------------------------------------------------
def test_order_form__valid_order_creates_one_order_and_queues_the_confirmation(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client)

    order = Order.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/order/sent/{order.pk}/"
    assert order.status == OrderStatus.SUBMITTED
    assert (order.title, order.estimated_hours, order.workers_needed) == ("Ikkunanpesu", Decimal("6.50"), 2)
    assert order.contract_type == "commission" and order.tools_provided and order.hours_indicative
    assert order.language == "fi" and order.client_reference == "PO-4711"
    assert order.client.business_id == "1572860-0"
    assert order.client.billing_name == "Kahvila Kulma Oy"  # left empty: the organisation's name
    assert order.client.billing_email == "laskut@kulma.example.org"
    assert [m.to for m in mailoutbox] == [["liisa.laine@example.org"]]

    confirmation = client.get(response["Location"])
    text = visible(confirmation)
    assert confirmation.status_code == 200
    assert "Kiitos! Tilauksesi on lähetetty." in text
    assert f"Tilaus #{order.pk} on vastaanotettu" in text
    assert "Lähetimme vahvistuksen osoitteeseen liisa.laine@example.org." in text
    assert "Mitä seuraavaksi tapahtuu" in text


def test_order_form__sending_the_same_form_twice_creates_one_order(client, django_capture_on_commit_callbacks):
    key = uuid.uuid4()
    with django_capture_on_commit_callbacks(execute=True):
        first = send(client, key=key)
        second = send(client, key=key)

    assert Order.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]


def test_order_form__english_order_is_stored_in_english_and_stays_in_english(client):
    response = send(client, "/en/order/")

    order = Order.objects.get()
    assert order.language == "en"
    assert response["Location"] == f"/en/order/sent/{order.pk}/"
    assert "Thank you. Your order has been sent." in visible(client.get(response["Location"]))


def test_order_form__city_unit_with_einvoice_address_is_accepted(client):
    response = send(
        client,
        client_type="city_unit",
        business_id="",
        billing_email="",
        einvoice_address="0037 0201 2566 1234",
        einvoice_operator="003703575029",
    )

    assert response.status_code == 302
    organisation = Order.objects.get().client
    assert (organisation.client_type, organisation.einvoice_address) == ("city_unit", "0037020125661234")


# --- Input errors ---------------------------------------------------------------------------------
def test_order_form__invalid_business_id_is_explained_next_to_the_field_and_nothing_is_saved(client):
    organisations = ClientOrganisation.objects.count()

    response = send(client, business_id="0737546-1")

    assert response.status_code == 200
    assert field_error(response, "business_id").startswith("Tarkista Y-tunnus")
    assert 'aria-invalid="true" aria-describedby="id_business_id_helptext id_business_id_error"' in (
        response.content.decode()
    )
    assert Order.objects.count() == 0
    assert ClientOrganisation.objects.count() == organisations


def test_order_form__missing_required_fields_are_listed_in_the_error_summary(client):
    response = send(client, organisation_name="", title="", contract_type="", billing_email="")

    assert response.status_code == 200
    page = response.content.decode()
    summary = re.search(r'<section id="error-summary".*?</section>', page, flags=re.S).group(0)
    assert 'tabindex="-1"' in summary and "autofocus" in summary
    assert "Tarkista 4 kohtaa lomakkeessa" in visible(response)
    assert 'href="#id_organisation_name"' in summary
    assert 'href="#id_title"' in summary
    assert 'href="#id_contract_type_0"' in summary  # a radio group links to its first radio
    assert 'href="#id_billing_email"' in summary
    assert "Organisaation nimi: Tämä kenttä vaaditaan." in visible(response)
    assert field_error(response, "contract_type") == "Tämä kenttä vaaditaan."
    # What was typed is still there.
    assert 'value="Liisa Laine"' in page
    assert "Kahvilan ikkunat sisältä ja ulkoa." in page
    assert Order.objects.count() == 0


def test_order_form__company_must_give_a_business_id(client):
    response = send(client, business_id="")

    assert field_error(response, "business_id") == "Anna Y-tunnus. Se on pakollinen yrityksille ja yhdistyksille."
    assert Order.objects.count() == 0


CITY_UNIT_EINVOICE = "Kaupungin yksiköt saavat verkkolaskuja. Anna verkkolaskuosoite."


def test_order_form__city_unit_must_give_an_einvoice_address(client):
    response = send(client, client_type="city_unit", business_id="")

    assert field_error(response, "einvoice_address") == CITY_UNIT_EINVOICE
    assert Order.objects.count() == 0


def test_order_form__dates_must_be_ahead_and_in_order(client):
    today = timezone.localdate()

    response = send(client, preferred_start="2020-01-01", preferred_end="2099-01-01")

    assert field_error(response, "preferred_start") == "Valitse tämä päivä tai jokin myöhempi päivä."
    assert field_error(response, "preferred_end") == "Valitse päivä seuraavien kolmen vuoden ajalta."

    response = send(
        client,
        preferred_start=(today + dt.timedelta(days=10)).isoformat(),
        preferred_end=(today + dt.timedelta(days=9)).isoformat(),
    )

    assert field_error(response, "preferred_end") == (
        "Viimeinen mahdollinen päivä ei voi olla ennen aikaisinta mahdollista päivää."
    )
    assert Order.objects.count() == 0


def test_order_form__finnish_date_format_is_accepted_too(client):
    day = timezone.localdate() + dt.timedelta(days=10)

    assert send(client, preferred_start=f"{day.day}.{day.month}.{day.year}").status_code == 302
    assert Order.objects.get().preferred_start == day


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("estimated_hours", "kolme", "Kirjoita tunnit numerona, esimerkiksi 6 tai 2,5."),
        ("estimated_hours", "0", "Tuntimäärän on oltava 0,25–1 000."),
        ("postal_code", "530", "Kirjoita postinumero viitenä numerona, esimerkiksi 00100."),
        ("contact_phone", "soita minulle", "Tarkista puhelinnumero, esimerkiksi 040 123 4567."),
        ("einvoice_address", "abc", "Tarkista verkkolaskuosoite."),
    ],
)
def test_order_form__bad_values_get_a_message_next_to_the_field(client, field, value, message):
    response = send(client, **{field: value})

    assert field_error(response, field).startswith(message)
    assert Order.objects.count() == 0


def test_order_form__task_type_must_be_one_of_the_active_ones(client):
    response = send(client, task_type="999999")

    assert "task_type" in response.context["form"].errors
    assert Order.objects.count() == 0


def test_order_form__refusal_of_the_service_is_a_form_error_not_a_500(client, monkeypatch):
    def refuse(**kwargs):
        raise DomainError("Tilauksia ei nyt oteta vastaan.")

    monkeypatch.setattr("orders.services.order_submit", refuse)

    response = send(client)

    assert response.status_code == 200
    assert "Tilauksia ei nyt oteta vastaan." in visible(response)
    assert Order.objects.count() == 0


def test_order_form__validation_error_of_the_service_is_shown_next_to_its_field(client, monkeypatch):
    def refuse(**kwargs):
        raise ValidationError({"name": ["Nimi on liian pitkä."], "__all__": ["Jotain muuta."]})

    monkeypatch.setattr("orders.services.order_submit", refuse)

    response = send(client)

    assert response.status_code == 200
    assert field_error(response, "organisation_name") == "Nimi on liian pitkä."
    assert "Jotain muuta." in visible(response)


# --- Spam -----------------------------------------------------------------------------------------
def test_order_form__filled_honeypot_looks_sent_but_saves_and_sends_nothing(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, website="https://spam.example")

    assert response.status_code == 200
    assert "Kiitos! Tilauksesi on lähetetty." in visible(response)
    assert Order.objects.count() == 0
    assert mailoutbox == []


def test_order_form__sixth_order_from_one_connection_in_ten_minutes_gets_429_and_keeps_the_typing(client):
    for _ in range(5):
        assert send(client).status_code == 302

    response = send(client, title="Kuudes tilaus", description="Tämä ei saa kadota.")

    assert response.status_code == 429
    text = visible(response)
    assert "Tästä yhteydestä on lähetetty liian monta tilausta" in text
    assert "Yritä uudelleen muutaman minuutin kuluttua." in text
    page = response.content.decode()
    assert 'value="Kuudes tilaus"' in page
    assert "Tämä ei saa kadota." in page
    assert 'value="Liisa Laine"' in page
    assert Order.objects.count() == 5


def test_order_form__a_spoofed_forwarded_for_header_does_not_reset_the_limit(client):
    for _ in range(5):
        send(client)

    response = client.post(URL, {**VALID, "submission_key": str(uuid.uuid4())}, HTTP_X_FORWARDED_FOR="203.0.113.7")

    assert response.status_code == 429


def test_order_form__another_connection_has_its_own_limit(client):
    for _ in range(5):
        send(client)

    response = client.post(URL, {**VALID, "submission_key": str(uuid.uuid4())}, REMOTE_ADDR="198.51.100.20")

    assert response.status_code == 302


def test_order_form__the_same_form_sent_again_is_counted_once(client):
    key = uuid.uuid4()
    for _ in range(7):
        assert send(client, key=key).status_code == 302

    assert Order.objects.count() == 1
    for _ in range(4):
        assert send(client).status_code == 302  # the limit still has room for four new orders


def test_ratelimit_hit__allows_the_limit_then_refuses_until_reset():
    assert [ratelimit.hit("test:key", 3, 60) for _ in range(5)] == [True, True, True, False, False]
    ratelimit.reset("test:key")
    assert ratelimit.hit("test:key", 3, 60) is True


# --- The confirmation page ------------------------------------------------------------------------
def test_order_request_done__is_only_for_the_session_that_sent_the_order(client):
    response = send(client)
    url = response["Location"]

    assert client.get(url).status_code == 200
    assert Client().get(url).status_code == 404  # another browser
    other = Order.objects.get().pk + 1
    assert client.get(f"/order/sent/{other}/").status_code == 404


# --- The price fragment ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2024-08-31", ["14,50 € / h (ALV 0 %)", "17,98 € / h sis. ALV 24 %", "24,80 € / h sis. ALV 24 %"]),
        ("2024-09-01", ["14,50 € / h (ALV 0 %)", "18,20 € / h sis. ALV 25,5 %", "25,10 € / h sis. ALV 25,5 %"]),
    ],
)
def test_price_quote__follows_the_vat_of_the_work_day(client, day, expected):
    response = client.get("/order/price/", {"preferred_start": day}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    text = visible(response)
    for price in expected:
        assert price in text
    page = response.content.decode()
    assert page.count('hx-swap-oob="true"') == 2  # each option's price replaces its own element
    assert 'id="price-commission"' in page and 'id="price-employment"' in page


def test_price_quote__without_a_date_quotes_today_and_is_get_only(client):
    assert "14,50 € / h (ALV 0 %)" in visible(client.get("/order/price/", {"preferred_start": "huomenna"}))
    assert client.post("/order/price/").status_code == 405


def test_order_form__a_missing_or_broken_submission_key_still_sends_the_order(client):
    assert client.post(URL, VALID).status_code == 302
    assert client.post(URL, {**VALID, "submission_key": "not-a-uuid"}).status_code == 302
    assert Order.objects.count() == 2
