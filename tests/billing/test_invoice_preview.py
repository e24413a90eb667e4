"""The preview of an order's invoice equals the invoice issued from it, to the cent, and takes nothing."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.utils import translation

from billing import services
from billing.models import Invoice, InvoiceSeries
from billing.services.preview import invoice_preview_for_order
from orders.models import ClientType, OrderStatus
from tests.factories import ClientOrganisationFactory, CoordinatorFactory
from tests.support.billing import approved_order

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The messages asserted below, in English."""
    with translation.override("en"):
        yield


TODAY = dt.date(2025, 1, 20)


def _rows(lines):
    return [(ln.date, ln.task, ln.worker_count, ln.hours, ln.unit_price, ln.vat_rate, ln.net) for ln in lines]


def test_preview_equals_the_issued_invoice_and_consumes_no_number():
    # Two rates (24 % before 1.9.2024, 25.5 % after) and lines whose rounded VATs do not add up to
    # the VAT of the rate's total.
    # 10.88 € + 50.75 € at 25.5 %: line VATs 2.77 € + 12.94 €, the rate's VAT 15.72 €.
    order = approved_order({dt.date(2024, 8, 30): ["3"], dt.date(2024, 9, 2): ["0.75"], dt.date(2024, 9, 3): ["3.5"]})
    before = InvoiceSeries.objects.get(code="JC").next_number
    preview = invoice_preview_for_order(order.pk, issue_date=TODAY)
    assert InvoiceSeries.objects.get(code="JC").next_number == before and not Invoice.objects.exists()
    order.refresh_from_db()
    assert order.status == OrderStatus.APPROVED
    assert preview.can_issue, preview.blocker
    invoice = services.invoice_issue_for_order(order_id=order.pk, by=CoordinatorFactory(), issue_date=TODAY)
    assert _rows(preview.lines) == _rows(invoice.lines.order_by("position"))
    assert [(r.rate, r.net, r.vat, r.gross) for r in preview.vat_rows] == [
        (r.rate, r.net, r.vat, r.gross) for r in invoice.vat_breakdown()
    ]
    assert [(r.rate, r.vat) for r in preview.vat_rows] == [(D("24.00"), D("10.44")), (D("25.50"), D("15.72"))]
    assert (preview.net, preview.vat, preview.gross) == (invoice.net, invoice.vat, invoice.gross)
    assert preview.due_date == invoice.due_date and preview.buyer_name == invoice.buyer_name


def test_preview_after_a_credit_note_shows_only_the_credited_hours():
    by = CoordinatorFactory()
    order = approved_order({dt.date(2025, 1, 15): ["3"], dt.date(2025, 1, 16): ["2"]})
    invoice = services.invoice_issue_for_order(order_id=order.pk, by=by)
    assert invoice_preview_for_order(order.pk).lines == []
    line = invoice.lines.order_by("position").first()
    services.credit_note_issue(invoice_id=invoice.pk, by=by, reason="x", lines={line.pk: "1.25"})
    preview = invoice_preview_for_order(order.pk)
    assert [(ln.date, ln.hours) for ln in preview.lines] == [(dt.date(2025, 1, 15), D("1.25"))]
    assert preview.can_issue


def test_preview_names_the_channel_and_the_recipient():
    email_client = ClientOrganisationFactory(billing_email="laskut@yritys.example", billing_name="Yritys Oy")
    preview = invoice_preview_for_order(approved_order({TODAY: ["1"]}, client=email_client).pk)
    assert (preview.channel, preview.channel_to, preview.buyer_name) == ("email", "laskut@yritys.example", "Yritys Oy")
    assert preview.buyer_address == "Laskutie 1, 00100 Helsinki"
    city = ClientOrganisationFactory(
        client_type=ClientType.CITY_UNIT, einvoice_address="003702012566", einvoice_operator="003721291126"
    )
    preview = invoice_preview_for_order(approved_order({TODAY: ["1"]}, client=city).pk)
    assert (preview.channel, preview.channel_to) == ("einvoice", "003702012566 / 003721291126")
    nowhere = ClientOrganisationFactory(billing_email="", einvoice_address="")
    preview = invoice_preview_for_order(approved_order({TODAY: ["1"]}, client=nowhere).pk)
    assert preview.channel == "none" and not preview.can_issue and "billing email" in preview.blocker
