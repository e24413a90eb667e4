"""A production order in Chromium (the English pages): the coordinator defines the pilot's costume
order, records the prototype steps and the client's acceptance, times and prices the work, makes
the order of the gigs and, once the client has accepted its terms, enters the gigs after their
preview; the timeline shows every step with its date and owner. A second order is stopped with its
reason. axe-core finds no serious problems on the pages."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from orders.models import Gig, ProductionOrder, ProductionStepKind, StopReason
from orders.services.terms import order_accept_terms
from tests.factories import ClientContactFactory, CoordinatorFactory, UnitFactory
from tests.support.browser import log_in
from tests.support.production import production_order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _url(live_server, name, *args) -> str:
    with translation.override("en"):
        return live_server.url + reverse(name, args=args)


def _record_next_step(page, note: str) -> None:
    page.get_by_label("Note").fill(note)
    page.get_by_role("button", name="Record the step as done").click()
    page.wait_for_load_state()


def _next_monday() -> dt.date:
    today = timezone.localdate()
    return today + dt.timedelta(days=7 - today.weekday())


def test_production_order_browser__from_the_prototypes_to_the_gigs_and_a_stop(page, live_server, axe, client):
    coordinator = CoordinatorFactory(first_name="Laura", last_name="Salminen")
    contact = ClientContactFactory(name="Sanna Hakala", organisation__name="Kasvatuksen ja koulutuksen toimiala")
    unit = UnitFactory(name="Uusix-verstas")
    log_in(page, client, live_server, coordinator)

    # The list is empty; a new order with its rows.
    page.goto(_url(live_server, "coordinator:production-list"))
    assert page.get_by_text("No production orders yet.").is_visible()
    axe.assert_clean(page)
    page.get_by_role("link", name="New production order").click()
    page.wait_for_load_state()
    page.get_by_label("Client and contact person").select_option(str(contact.pk))
    page.get_by_label("Producing unit").select_option(str(unit.pk))
    page.get_by_label("What is made").fill("Rooliasut kahdelle koululle")
    for row, (name, quantity, label) in enumerate(
        [("puku", "30", "kpl"), ("panta", "30", "kpl"), ("tassut", "60", "paria")]
    ):
        page.locator(f"#id_items-{row}-name").fill(name)
        page.locator(f"#id_items-{row}-quantity").fill(quantity)
        page.locator(f"#id_items-{row}-unit_label").fill(label)
    axe.assert_clean(page)
    page.get_by_role("button", name="Save the production order").click()
    page.wait_for_load_state()
    po = ProductionOrder.objects.get()
    assert page.get_by_role("heading", name=f"{po.number} Rooliasut kahdelle koululle").is_visible()

    # The prototype steps and the client's acceptance.
    for note in ["Kolme mallia", "Testiompelu kolmessa koossa", "Esitelty kouluille", "Tilaus saatiin"]:
        _record_next_step(page, note)
    po.refresh_from_db()
    assert po.current_step == ProductionStepKind.CLIENT_ACCEPTED
    assert po.steps.get(step=ProductionStepKind.CLIENT_ACCEPTED).owner_contact == contact

    # Timed and priced: the price list's price is filled in.
    page.get_by_role("link", name="Time and price the work").click()
    page.wait_for_load_state()
    assert page.get_by_label("Agreed hourly price, € excl. VAT").input_value() == "14.50"
    axe.assert_clean(page)
    for item, minutes in zip(po.items.all(), ["90", "15", "20"], strict=True):
        page.locator(f"#id_minutes_{item.pk}").fill(minutes)
    page.get_by_role("button", name="Record the timing and price").click()
    page.wait_for_load_state()
    assert "72.50" in page.locator("main").inner_text()

    # The order of the gigs; the client accepts its terms (through the emailed link).
    page.get_by_role("button", name="Make the order and send its terms").click()
    page.wait_for_load_state()
    po.refresh_from_db()
    order = po.order
    order_accept_terms(order_id=order.pk, terms_version=order.terms.version, accepted_name=contact.name)
    page.reload()
    page.get_by_role("link", name="Plan the gigs").click()
    page.wait_for_load_state()
    page.get_by_label("Date of the first gig").fill(_next_monday().isoformat())
    page.get_by_label("Start time").fill("09:00")
    page.get_by_label("Hours per gig").fill("6")
    page.get_by_label("Workers per gig").fill("3")
    page.get_by_role("button", name="Show the gigs").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Check the gigs").is_visible()
    assert page.locator("table tbody tr").count() == 5
    assert not Gig.objects.exists()
    axe.assert_clean(page)
    page.get_by_role("button", name="Enter the gigs").click()
    page.wait_for_load_state()
    assert Gig.objects.filter(order=order).count() == 5

    # The timeline: every step in order, each with its date and owner; the current one marked.
    steps = page.locator("ol.production-steps > li")
    assert steps.count() == 8
    assert "Produced as gigs" in steps.nth(6).inner_text() and "Laura Salminen" in steps.nth(6).inner_text()
    assert "Sanna Hakala" in steps.nth(4).inner_text()
    current = page.locator('ol.production-steps > li[aria-current="step"]')
    assert "Delivered" in current.inner_text() and "Next step" in current.inner_text()
    axe.assert_clean(page)

    # A second order stops at the ordering step with its reason.
    other = production_order(by=coordinator, unit=unit, contact=contact, title="Esiliinat")
    page.goto(_url(live_server, "coordinator:production", other.pk))
    page.get_by_role("link", name="Stop the production order").click()
    page.wait_for_load_state()
    axe.assert_clean(page)
    page.get_by_label("Reason").select_option(StopReason.CONTRACT_MODEL)
    page.get_by_label("Explanation").fill("Työttömyysetuus katkeaisi toimeksiantosopimuksella.")
    page.get_by_role("button", name="Stop the production order").click()
    page.wait_for_load_state()
    notice = page.get_by_role("region", name="The production order is stopped")
    assert "The contract model does not suit the workers" in notice.inner_text()
    assert "Työttömyysetuus katkeaisi" in notice.inner_text()
    other.refresh_from_db()
    assert other.stopped
