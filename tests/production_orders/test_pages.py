"""The production order pages with the Django client: what the coordinator and the unit's staff see
and do, and that bad input is a clear message with nothing half-saved."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from orders.models import Gig, OrderStatus, ProductionOrder, ProductionStepKind, StopReason
from orders.services import production as services
from tests.factories import ClientContactFactory, CoordinatorFactory, UnitFactory, UnitStaffFactory
from tests.support.production import advance_to, order_with_accepted_terms, production_order

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def coordinator():
    return CoordinatorFactory()


@pytest.fixture
def coord_client(client, coordinator):
    client.force_login(coordinator)
    return client


def test_list_shows_the_empty_state_then_the_orders_with_filters(coord_client, coordinator):
    url = reverse("coordinator:production-list")
    assert "Tuotantotilauksia ei ole vielä" in text(coord_client.get(url))
    uusix, other = UnitFactory(name="Uusix-verstas"), UnitFactory(name="Vallila")
    going = production_order(by=coordinator, unit=uusix, title="Rooliasut")
    stopped = production_order(by=coordinator, unit=other, title="Esiliinat")
    services.production_stop(production_order_id=stopped.pk, by=coordinator, reason=StopReason.PRICE, note="Kallis.")
    page = text(coord_client.get(url))
    assert "Rooliasut" in page and "Esiliinat" in page
    assert "puku 30 kpl, panta 30 kpl, tassut 60 paria" in page
    assert "<caption" in page
    page = text(coord_client.get(url, {"stopped": "yes"}))
    assert "Esiliinat" in page and "Rooliasut" not in page
    page = text(coord_client.get(url, {"unit": uusix.pk, "step": ProductionStepKind.DEFINED}))
    assert "Rooliasut" in page and "Esiliinat" not in page
    page = text(coord_client.get(url, {"step": ProductionStepKind.DELIVERED}))
    assert "Yksikään tuotantotilaus ei vastaa näitä rajauksia" in page
    assert going.pk  # both were made through the service


def test_create_with_items_and_a_bad_row_saves_nothing(coord_client):
    contact, unit = ClientContactFactory(), UnitFactory()
    data = {
        "contact": contact.pk,
        "unit": unit.pk,
        "title": "Rooliasut",
        "items-TOTAL_FORMS": "4",
        "items-INITIAL_FORMS": "0",
        "items-0-name": "puku",
        "items-0-quantity": "30",
        "items-0-unit_label": "kpl",
        "items-1-name": "tassut",
        "items-1-quantity": "",
        "items-1-unit_label": "paria",
    }
    response = coord_client.post(reverse("coordinator:production-create"), data)
    assert response.status_code == 400
    assert "Kirjoita, kuinka monta valmistetaan." in text(response)
    assert not ProductionOrder.objects.exists()
    data["items-1-quantity"] = "60"
    response = coord_client.post(reverse("coordinator:production-create"), data)
    po = ProductionOrder.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("coordinator:production", args=[po.pk])
    assert [(i.name, i.quantity, i.unit_label) for i in po.items.all()] == [
        ("puku", 30, "kpl"),
        ("tassut", 60, "paria"),
    ]


def test_detail_shows_the_timeline_as_an_ordered_list_with_the_current_step(coord_client, coordinator):
    po = production_order(by=coordinator)
    page = text(coord_client.get(reverse("coordinator:production", args=[po.pk])))
    steps = re.search(r'<ol class="production-steps".*?</ol>', page, re.S).group(0)
    assert steps.count("<li") == 8
    current = re.search(r'<li[^>]*aria-current="step"[^>]*>(.*?)</li>', steps, re.S).group(1)
    assert "Prototyypit suunniteltu" in current and "Seuraava vaihe" in current
    assert "Tehty" in steps  # the first step, with its date and owner
    assert coordinator.get_full_name() in steps


def test_recording_the_steps_on_the_page(coord_client, coordinator):
    po = production_order(by=coordinator)
    url = reverse("coordinator:production-step", args=[po.pk])
    today = timezone.localdate().isoformat()
    response = coord_client.post(
        url, {"step": "prototypes_designed", "done_on": today, "owner": coordinator.pk, "note": "Kolme mallia"}
    )
    assert response.status_code == 302
    po.refresh_from_db()
    assert po.current_step == ProductionStepKind.PROTOTYPES_DESIGNED
    # The same form sent again (an old page) is refused with a message, nothing recorded twice.
    response = coord_client.post(
        url, {"step": "prototypes_designed", "done_on": today, "owner": coordinator.pk}, follow=True
    )
    assert "seuraava vaihe on ”Prototyypit ommeltu ja testiommeltu”" in text(response)
    assert po.steps.count() == 2


def test_price_page_offers_the_price_list_price_and_records_it(coord_client, coordinator):
    po = advance_to(production_order(by=coordinator), ProductionStepKind.CLIENT_ACCEPTED, by=coordinator)
    url = reverse("coordinator:production-price", args=[po.pk])
    page = text(coord_client.get(url))
    assert 'value="14,50"' in page
    items = list(po.items.all())
    data = {
        "done_on": timezone.localdate().isoformat(),
        "owner": coordinator.pk,
        "contract_type": "commission",
        "hourly_price": "14,50",
        **{f"minutes_{item.pk}": minutes for item, minutes in zip(items, ["90", "15", "20"], strict=True)},
    }
    bad = {**data, f"minutes_{items[0].pk}": ""}
    assert coord_client.post(url, bad).status_code == 400
    po.refresh_from_db()
    assert po.current_step == ProductionStepKind.CLIENT_ACCEPTED
    assert coord_client.post(url, data).status_code == 302
    page = text(coord_client.get(reverse("coordinator:production", args=[po.pk])))
    assert "72,50" in page  # the hours
    assert "1051,25" in page  # 72.5 h x 14.50 EUR


def _next_monday() -> dt.date:
    today = timezone.localdate()
    return today + dt.timedelta(days=7 - today.weekday())


def test_make_the_order_then_preview_and_confirm_the_gigs(coord_client, coordinator):
    po = advance_to(production_order(by=coordinator), ProductionStepKind.PRICED, by=coordinator)
    response = coord_client.post(reverse("coordinator:production-make-order", args=[po.pk]), follow=True)
    assert "Tilausehdot on lähetetty tilaajalle" in text(response)
    po.refresh_from_db()
    assert po.order.status == OrderStatus.TERMS_SENT
    from orders.services.terms import order_accept_terms

    order_accept_terms(order_id=po.order_id, terms_version=po.order.terms.version, accepted_name="Sanna Hakala")
    url = reverse("coordinator:production-produce", args=[po.pk])
    plan = {
        "first_date": _next_monday().isoformat(),
        "start_time": "09:00",
        "hours_per_gig": "6",
        "workers_per_gig": "3",
    }
    preview = coord_client.post(url, plan)
    assert preview.status_code == 200
    assert text(preview).count("<tr>") == 5
    assert not Gig.objects.exists()  # a preview only
    response = coord_client.post(url, {**plan, "confirm": "yes"})
    assert response.status_code == 302
    assert Gig.objects.filter(order=po.order).count() == 5
    po.refresh_from_db()
    assert po.current_step == ProductionStepKind.PRODUCED
    # The delivery waits for the gigs: no form for it yet, a sentence instead.
    page = text(coord_client.get(reverse("coordinator:production", args=[po.pk])))
    assert "Toimituksen voi kirjata, kun kaikki tilauksen keikat on tehty." in page
    assert 'name="step"' not in page


def test_produce_with_bad_hours_is_a_message(coord_client, coordinator):
    po = advance_to(production_order(by=coordinator), ProductionStepKind.PRICED, by=coordinator)
    order_with_accepted_terms(po, by=coordinator)
    response = coord_client.post(
        reverse("coordinator:production-produce", args=[po.pk]),
        {
            "first_date": _next_monday().isoformat(),
            "start_time": "09:00",
            "hours_per_gig": "0,1",
            "workers_per_gig": "1",
        },
    )
    assert response.status_code == 400
    assert not Gig.objects.exists()


def test_stop_and_reopen_pages(coord_client, coordinator):
    po = production_order(by=coordinator)
    url = reverse("coordinator:production-stop", args=[po.pk])
    page = text(coord_client.get(url))
    assert "hds-button--danger" in page
    assert coord_client.post(url, {"reason": "", "note": ""}).status_code == 400
    response = coord_client.post(url, {"reason": StopReason.CONTRACT_MODEL, "note": "Etuus katkeaisi."}, follow=True)
    page = text(response)
    assert "Etuus katkeaisi." in page and "Sopimusmalli ei sovi" in page
    response = coord_client.post(reverse("coordinator:production-reopen", args=[po.pk]), {"note": "Uusi yritys"})
    assert response.status_code == 302
    po.refresh_from_db()
    assert not po.stopped and po.stops.get().reopen_note == "Uusi yritys"


def test_unit_staff_record_the_prototype_steps_of_their_unit(client, coordinator):
    unit = UnitFactory()
    po = production_order(by=coordinator, unit=unit)
    staff = UnitStaffFactory(unit=unit)
    client.force_login(staff)
    assert po.title in text(client.get(reverse("units:production-list")))
    url = reverse("units:production", args=[po.pk])
    assert "Prototyypit suunniteltu" in text(client.get(url))
    response = client.post(
        url, {"step": "prototypes_designed", "done_on": timezone.localdate().isoformat(), "owner": staff.pk}
    )
    assert response.status_code == 302
    po.refresh_from_db()
    assert po.current_step == ProductionStepKind.PROTOTYPES_DESIGNED
    advance_to(po, ProductionStepKind.PROTOTYPES_SHOWN, by=staff)
    page = text(client.get(url))
    assert "koordinaattori" in page.lower()  # the acceptance is the coordinator's
    assert 'name="step"' not in page
    other = UnitStaffFactory()
    client.force_login(other)
    assert client.get(url).status_code == 404
