"""History rows store what happened as a code and its facts; each reader sees it in her language.

An order's history on /sv/ has no Finnish sentence, the invoice history shows the actions' labels,
not their codes, and the data migration turns the old Finnish sentences into codes (and back)."""

from __future__ import annotations

import datetime as dt
import importlib
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone, translation

from billing import services as billing
from billing.models import InvoiceEvent
from orders import services
from orders.models import AssignmentEvent, AssignmentStatus, AssignmentStatusChange, OrderEvent, OrderStatus
from tests.factories import AssignmentFactory, CoordinatorFactory, GigFactory, UnitFactory, WorkerFactory
from tests.factories.states import order_in
from tests.support.billing import approved_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client):
    user = CoordinatorFactory()
    client.force_login(user)
    return user


# Sentences the services used to store in Finnish, whatever the reader's language.
FINNISH = ("hyväksyi ehdot", "Kaikilla keikoilla", "tuntia", "Keikka lisättiin", "Yksiköille")


def _text(response) -> str:
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def _order_with_history(coordinator):
    """An order the services moved: terms accepted, units informed, a worker who reported 2.5 hours."""
    order = order_in(OrderStatus.TERMS_SENT)
    with translation.override("fi"):  # the acting people used the Finnish pages
        services.order_accept_terms(order_id=order.pk, terms_version=order.terms.version, accepted_name="Liisa Laine")
        unit = UnitFactory(name="Vallila")
        services.order_inform_units(order_id=order.pk, unit_ids=[unit.pk], by=coordinator)
        gig = GigFactory(order=order, date=timezone.localdate() - dt.timedelta(days=1), workers_needed=1)
        worker = WorkerFactory(home_unit=unit)
        assignment = AssignmentFactory(gig=gig, worker=worker, unit=unit, status=AssignmentStatus.ACCEPTED)
        services.assignment_report_done(assignment_id=assignment.pk, by=worker.user, hours="2,5")
    return order, assignment


def test_history__stores_codes_and_facts_not_sentences(coordinator):
    order, assignment = _order_with_history(coordinator)
    kinds = list(order.status_changes.order_by("pk").values_list("kind", "params", "note"))
    assert (OrderEvent.TERMS_ACCEPTED, {"version": order.terms.version, "name": "Liisa Laine"}, "") in kinds
    assert (OrderEvent.UNITS_INFORMED, {"units": "Vallila"}, "") in kinds
    reported = assignment.status_changes.get(to_status=AssignmentStatus.DONE)
    assert (reported.kind, reported.params, reported.note) == (AssignmentEvent.HOURS_REPORTED, {"hours": "2.50"}, "")


def test_order_history__on_the_swedish_page_has_no_finnish_sentence(client, coordinator):
    order, _assignment = _order_with_history(coordinator)
    with translation.override("sv"):
        address = reverse("coordinator:order", args=[order.pk])
    text = _text(client.get(address))
    assert "Villkor 2026-1 godkända av Liisa Laine." in text or "godkända av Liisa Laine" in text
    assert "Enheterna informerade: Vallila." in text
    assert "2,50 timmar" in text
    for finnish in FINNISH:
        assert finnish not in text, finnish


def test_order_history__in_english_and_in_finnish(client, coordinator):
    order, _assignment = _order_with_history(coordinator)
    for language, sentence, hours in (
        ("en", "Units informed: Vallila.", "2.50 hours"),
        ("fi", "Yksiköille tiedotettu: Vallila.", "2,50 tuntia"),
    ):
        with translation.override(language):
            text = _text(client.get(reverse("coordinator:order", args=[order.pk])))
        assert sentence in text and hours in text, language
    assert "2.50 tuntia" not in text


def test_typed_reasons_stay_as_typed(coordinator):
    order = order_in(OrderStatus.SUBMITTED)
    services.order_reject(order_id=order.pk, by=coordinator, reason="Ei sovi työtoimintaan.")
    change = order.status_changes.order_by("pk").last()
    assert (change.kind, change.note) == ("", "Ei sovi työtoimintaan.")
    assert change.describe() == ""


@pytest.fixture
def invoice(coordinator):
    order = approved_order({dt.date(2025, 1, 15): ["1.5"]})
    invoice = billing.invoice_issue_for_order(order_id=order.pk, by=coordinator, issue_date=dt.date(2025, 2, 1))
    billing.invoice_mark_paid(invoice_id=invoice.pk, by=coordinator, amount="18,20", paid_on=dt.date(2025, 2, 10))
    return invoice


def test_invoice_history__in_finnish_shows_labels_and_localised_facts_not_codes(client, invoice):
    with translation.override("fi"):
        text = _text(client.get(reverse("billing:invoice-detail", args=[invoice.pk])))
    history = text[text.index("Historia") :] if "Historia" in text else text
    assert "Laskutettu" in history and "Merkitty maksetuksi" in history
    assert "18,20 € maksettu 10.2.2025." in history
    for code in (" issued ", " paid ", " pdf ", " emailed "):
        assert code not in f" {history} ", code


def test_invoice_history__stores_the_facts_as_data(invoice):
    paid = invoice.events.get(action="paid")
    assert (paid.params, paid.note) == ({"amount": "18.20", "date": "2025-02-10"}, "")
    with translation.override("sv"):
        assert paid.get_action_display() == "Markerad som betald"
        assert paid.describe() == "18,20 € betalt 10.2.2025."


# --- The data migration ---------------------------------------------------------------------------
def _migration(name: str):
    return importlib.import_module(name)


def test_migration__turns_the_old_finnish_sentences_into_codes_and_back(coordinator):
    order = order_in(OrderStatus.STAFFING)
    gig = GigFactory(order=order)
    assignment = AssignmentFactory(gig=gig, status=AssignmentStatus.DONE, reported_hours=Decimal("2.5"))
    old_order_notes = [
        ("terms_sent", "terms_accepted", "Liisa Laine hyväksyi ehdot 2026-1."),
        ("terms_accepted", "staffing", "Vallila, Malmi"),
        ("scheduled", "staffing", "Keikka lisättiin."),
        ("staffing", "cancelled", "Asiakas perui."),  # a typed reason: stays
        (
            "submitted",
            "submitted",
            "Asiakas tarkistettu: sama asiakas kuin Oy Ab (1234567-8). Sen laskutustiedot pidettiin ennallaan.",
        ),
    ]
    for from_status, to_status, note in old_order_notes:
        order.status_changes.create(from_status=from_status, to_status=to_status, note=note)
    AssignmentStatusChange.objects.create(
        assignment=assignment, from_status="accepted", to_status="done", note="2.50 tuntia"
    )
    AssignmentStatusChange.objects.create(
        assignment=assignment,
        from_status="done",
        to_status="approved",
        note="Tunnit korjattu määrästä 2.50 määrään 2.00: Lopetti aiemmin",
    )
    history = _migration("orders.migrations.0012_history_event_codes")

    history.to_codes(apps, None)

    rows = list(order.status_changes.order_by("pk").values_list("kind", "params", "note"))
    assert rows == [
        ("terms_accepted", {"name": "Liisa Laine", "version": "2026-1"}, ""),
        ("units_informed", {"units": "Vallila, Malmi"}, ""),
        ("gig_added", {}, ""),
        ("", {}, "Asiakas perui."),
        ("client_same", {"name": "Oy Ab", "business_id": "1234567-8", "billing_updated": False}, ""),
    ]
    changes = list(assignment.status_changes.order_by("pk").values_list("kind", "params", "note"))
    assert changes == [
        ("hours_reported", {"hours": "2.50"}, ""),
        ("hours_corrected", {"reported": "2.50", "approved": "2.00"}, "Lopetti aiemmin"),
    ]
    with translation.override("sv"):
        assert order.status_changes.order_by("pk").first().describe() == "Villkor 2026-1 godkända av Liisa Laine."

    history.to_sentences(apps, None)

    notes = list(order.status_changes.order_by("pk").values_list("note", flat=True))
    assert notes == [note for _f, _t, note in old_order_notes]
    assert list(assignment.status_changes.order_by("pk").values_list("note", flat=True)) == [
        "2,50 tuntia",
        "Tunnit korjattu määrästä 2,50 määrään 2,00: Lopetti aiemmin",
    ]


def test_invoice_migration__turns_the_notes_into_params_and_back(invoice):
    events = _migration("billing.migrations.0011_invoice_event_params")
    InvoiceEvent.objects.filter(invoice=invoice, action="paid").update(params={}, note="18.20 € 10.02.2025")
    InvoiceEvent.objects.create(invoice=invoice, action="credited", note="JC9: Väärä tuntimäärä")

    events.to_params(apps, None)

    assert invoice.events.get(action="paid").params == {"amount": "18.20", "date": "2025-02-10"}
    credited = invoice.events.get(action="credited")
    assert (credited.params, credited.note) == ({"credit_note": "JC9"}, "Väärä tuntimäärä")

    events.to_notes(apps, None)

    assert invoice.events.get(action="paid").note == "18.20 € 10.02.2025"
    assert invoice.events.get(action="credited").note == "JC9: Väärä tuntimäärä"
