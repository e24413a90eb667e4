"""The client's public pages in a real browser (Chromium): fill in and send the order form on a
360 px phone and on a desktop, the error summary, the htmx price update and the feedback form.
axe-core finds no serious or critical problems on any of them."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import expect

from orders import services
from orders.models import AssignmentStatus, Feedback, Order, OrderStatus
from orders.tokens import make_feedback_token
from tests.factories import AssignmentFactory, CoordinatorFactory, GigFactory, OrderFactory, WorkerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


SMALL_TAP_TARGETS = """() => [...document.querySelectorAll(
    'button, a.button, .skip-link:focus, .link-target')]
    .filter((el) => el.offsetParent !== null)
    .map((el) => [el.textContent.trim(), el.getBoundingClientRect()])
    .filter(([, box]) => box.width < 44 || box.height < 44)
    .map(([text, box]) => `${text}: ${Math.round(box.width)}x${Math.round(box.height)}`)"""
OVERFLOWS = "() => document.documentElement.scrollWidth > window.innerWidth"
FOCUSED_ID = "() => document.activeElement && document.activeElement.id"


def _check(page, axe) -> None:
    axe.assert_clean(page)
    assert page.evaluate(SMALL_TAP_TARGETS) == []
    assert not page.evaluate(OVERFLOWS)


def _pick(scope, text: str) -> None:
    """Tick a radio button or checkbox the way a person does: by its label (the HDS input itself
    sits under the label's drawn box)."""
    scope.locator("label").filter(has_text=re.compile(rf"^\s*{re.escape(text)}\s*$")).click()
    expect(scope.get_by_label(text, exact=True)).to_be_checked()


def _field(scope, label: str):
    """An input by its label's exact text (a required field's label ends in a decorative *)."""
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}\*?$"))


def _fill_order(page) -> None:
    _field(page, "Organisaation nimi").fill("Kahvila Kulma Oy")
    _pick(page, "Yritys")
    _field(page, "Y-tunnus").fill("1572860-0")
    _field(page, "Yhteyshenkilön nimi").fill("Liisa Laine")
    _field(page, "Sähköposti").fill("liisa.laine@example.org")
    _field(page, "Puhelinnumero").fill("040 111 2222")
    _field(page, "Tehtävän tyyppi").select_option(label="Ikkunanpesu")
    _field(page, "Tehtävä muutamalla sanalla").fill("Kahvilan ikkunat")
    _field(page, "Tehtävän kuvaus").fill("Ikkunat sisältä ja ulkoa, 12 ikkunaa.")
    _pick(page, "Annamme työssä tarvittavat välineet ja materiaalit.")
    _field(page, "Katuosoite").fill("Hämeentie 10")
    _field(page, "Postinumero").fill("00530")
    _field(page, "Aikaisin mahdollinen päivä").fill((timezone.localdate() + dt.timedelta(days=14)).isoformat())
    _field(page, "Työtunnit yhteensä").fill("6")
    _field(page, "Työntekijöiden määrä").fill("2")
    _pick(page, "Toimeksiantosopimus")
    _field(page, "Laskutusosoite").fill("Hämeentie 10")
    _field(page, "Laskutusosoitteen postinumero").fill("00530")
    _field(page, "Laskutusosoitteen postitoimipaikka").fill("Helsinki")
    _field(page, "Laskujen sähköpostiosoite").fill("laskut@kulma.example.org")


def _send_an_order(page, live_server, axe) -> None:
    page.goto(live_server.url + "/order/")
    expect(page.get_by_role("heading", name="Tilaa keikka", level=1)).to_be_visible()
    expect(page.get_by_text("14,50 € / h (ALV 0 %)")).to_be_visible()
    _check(page, axe)

    _fill_order(page)
    page.get_by_role("button", name="Lähetä tilaus").click()

    expect(page.get_by_role("heading", name="Kiitos! Tilauksesi on lähetetty.")).to_be_visible()
    order = Order.objects.get()
    assert page.url == f"{live_server.url}/order/sent/{order.pk}/"
    expect(page.get_by_text(f"Tilaus #{order.pk} on vastaanotettu")).to_be_visible()
    assert (order.title, order.task_type.code, order.estimated_hours) == ("Kahvilan ikkunat", "window-washing", 6)
    assert order.status == OrderStatus.SUBMITTED
    _check(page, axe)


def test_order_form_browser__a_client_sends_an_order_on_a_360_px_phone(mobile_page, live_server, axe):
    _send_an_order(mobile_page, live_server, axe)


def test_order_form_browser__a_client_sends_an_order_on_a_desktop(page, live_server, axe):
    _send_an_order(page, live_server, axe)


def test_order_form_browser__errors_are_summarised_focused_and_linked_to_their_fields(mobile_page, live_server, axe):
    page = mobile_page
    page.goto(live_server.url + "/order/")
    _field(page, "Organisaation nimi").fill("Kahvila Kulma Oy")
    _pick(page, "Yritys")
    _field(page, "Y-tunnus").fill("0737546-1")

    page.get_by_role("button", name="Lähetä tilaus").click()

    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    assert page.evaluate(FOCUSED_ID) == "error-summary"
    expect(summary.get_by_role("heading")).to_contain_text("kohtaa lomakkeessa")
    # The message is also next to the field, and the field says it is invalid.
    business_id = page.get_by_label("Y-tunnus")
    expect(business_id).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_business_id_error")).to_contain_text("Tarkista Y-tunnus")
    expect(page.get_by_label("Organisaation nimi")).to_have_value("Kahvila Kulma Oy")
    _check(page, axe)

    summary.get_by_role("link", name="Y-tunnus: Tarkista Y-tunnus", exact=False).click()
    assert page.url.endswith("#id_business_id")
    expect(business_id).to_be_in_viewport()
    expect(business_id).to_be_focused()
    assert Order.objects.count() == 0


def test_order_form_browser__changing_the_earliest_date_updates_the_prices(page, live_server):
    page.goto(live_server.url + "/order/")
    commission = page.locator("#price-commission")
    expect(commission).to_contain_text("18,20 € / h sis. ALV 25,5 %")

    _field(page, "Aikaisin mahdollinen päivä").fill("2024-08-31")
    page.get_by_label("Aikaisin mahdollinen päivä").dispatch_event("change")

    expect(commission).to_contain_text("17,98 € / h sis. ALV 24 %")
    expect(page.locator("#price-employment")).to_contain_text("24,80 € / h sis. ALV 24 %")
    expect(page.locator("#price-note")).to_contain_text("31. elokuuta 2024")
    # The radio buttons still point at the (replaced) prices.
    expect(page.get_by_label("Toimeksiantosopimus")).to_have_attribute(
        "aria-describedby", "contract-commission-about price-commission"
    )


def _order_waiting_for_feedback():
    order = OrderFactory(terms_accepted=True, status=OrderStatus.APPROVED)
    gig = GigFactory(order=order, date=timezone.localdate() - dt.timedelta(days=2), workers_needed=2)
    for name in ("Maija", "Pekka"):
        AssignmentFactory(
            gig=gig,
            worker=WorkerFactory(user__first_name=name),
            status=AssignmentStatus.APPROVED,
            reported_hours=Decimal("3"),
            approved_hours=Decimal("3"),
        )
    services.order_request_feedback(order_id=order.pk, by=CoordinatorFactory())
    order.refresh_from_db()
    with translation.override("fi"):
        return order, reverse("orders:feedback", kwargs={"token": make_feedback_token(order)})


def test_feedback_browser__the_client_rates_each_worker_on_a_phone(mobile_page, live_server, axe):
    order, url = _order_waiting_for_feedback()
    page = mobile_page
    page.goto(live_server.url + url)
    expect(page.get_by_role("heading", name=f"Palaute tilauksesta #{order.pk}")).to_be_visible()
    _check(page, axe)

    maija = page.get_by_role("group", name="Maija", exact=True)
    _pick(maija, "5 – Erinomainen")
    maija.get_by_label("Sanallinen palaute (vapaaehtoinen)").fill("Huolellista työtä!")
    _field(page, "Nimesi").fill("Liisa Laine")
    page.get_by_role("button", name="Lähetä palaute").click()

    # Pekka has no rating yet: the summary says so and has focus.
    expect(page.locator("#error-summary")).to_contain_text("Valitse arvosana työntekijälle Pekka.")
    assert page.evaluate(FOCUSED_ID) == "error-summary"
    _check(page, axe)

    _pick(page.get_by_role("group", name="Pekka", exact=True), "4 – Hyvä")
    page.get_by_role("button", name="Lähetä palaute").click()

    expect(page.get_by_role("heading", name="Kiitos palautteestasi!")).to_be_visible()
    assert sorted(Feedback.objects.values_list("rating", flat=True)) == [4, 5]
    _check(page, axe)
