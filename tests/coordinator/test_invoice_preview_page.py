"""The coordinator's invoicing as the coordinator does it: the preview before issue, a credit note of
chosen rows and hours with its preview, the credited hours invoiced again, the order page's invoices."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import translation

from billing.models import Invoice, InvoiceKind, InvoiceSeries, InvoiceStatus
from orders.models import ClientType, OrderStatus
from tests.factories import ClientOrganisationFactory
from tests.support.billing import approved_order

pytestmark = pytest.mark.django_db

DAYS = [dt.date(2025, 1, 14), dt.date(2025, 1, 15), dt.date(2025, 1, 16)]


@pytest.fixture(autouse=True)
def _english():
    """The English pages (/en/...): the words and the decimal points asserted below."""
    with translation.override("en"):
        yield


def _text(response) -> str:
    return response.content.decode()


def test_preview_shows_lines_totals_channel_and_recipient_and_issues_only_after_confirming(client, coordinator):
    organisation = ClientOrganisationFactory(billing_name="Yritys Oy", billing_email="laskut@yritys.example")
    order = approved_order({DAYS[0]: ["3", "2"]}, client=organisation)
    order_page = _text(client.get(reverse("coordinator:order", args=[order.pk])))
    preview_url = reverse("billing:invoice-preview", args=[order.pk])
    assert preview_url in order_page
    page = _text(client.get(preview_url))
    assert "Yritys Oy" in page and "Laskutie 1, 00100 Helsinki" in page
    assert "Email to laskut@yritys.example" in page
    assert "5.00" in page and "72.50 €" in page  # 5 h × 14.50 € excl. VAT
    assert "Issue and send" in page and "disabled" not in page.split("Issue and send")[0].rsplit("<button", 1)[1]
    assert not Invoice.objects.exists() and InvoiceSeries.objects.get(code="JC").next_number == 1001
    response = client.post(reverse("billing:invoice-issue", args=[order.pk]), {"confirm": "True"})
    invoice = Invoice.objects.get()
    assert response["Location"] == reverse("billing:invoice-detail", args=[invoice.pk])
    assert invoice.gross == D("72.50") + invoice.vat


def test_preview_without_a_channel_disables_the_button_with_what_to_fill_in(client, coordinator):
    order = approved_order({DAYS[0]: ["1"]}, client=ClientOrganisationFactory(billing_email=""))
    page = _text(client.get(reverse("billing:invoice-preview", args=[order.pk])))
    assert "No channel: fill in the client&#x27;s billing email or e-invoice address." in page
    assert 'disabled aria-describedby="issue-blocked"' in page


def test_preview_of_a_city_unit_names_the_e_invoice_address(client, coordinator):
    city = ClientOrganisationFactory(
        client_type=ClientType.CITY_UNIT, einvoice_address="003702012566", einvoice_operator="003721291126"
    )
    order = approved_order({DAYS[0]: ["1"]}, client=city)
    assert "E-invoice to 003702012566 / 003721291126" in _text(
        client.get(reverse("billing:invoice-preview", args=[order.pk]))
    )


def test_credit_two_rows_partly_then_invoice_them_again(client, coordinator):
    order = approved_order({day: ["3"] for day in DAYS})
    client.post(reverse("billing:invoice-issue", args=[order.pk]), {"confirm": "True"})
    invoice = Invoice.objects.get()
    first, second, third = invoice.lines.order_by("position")
    url = reverse("billing:invoice-credit-note", args=[invoice.pk])
    page = _text(client.get(url))
    assert invoice.display_number in page and f'name="hours_{second.pk}"' in page
    rows = {f"line_{first.pk}": "on", f"hours_{first.pk}": "2", f"line_{third.pk}": "on", f"hours_{third.pk}": "3"}
    preview = client.post(url, {"reason": "Liikaa tunteja", "preview": "1", **rows})
    assert preview.status_code == 200 and "-72.50 €" in _text(preview)  # 5 h × 14.50 €
    assert not Invoice.objects.filter(kind=InvoiceKind.CREDIT_NOTE).exists()
    over = client.post(url, {"reason": "x", "preview": "1", f"line_{first.pk}": "on", f"hours_{first.pk}": "3,5"})
    assert over.status_code == 400 and "Row 1 has 3.00 h left to credit; 3.50 h is more than that." in _text(over)
    response = client.post(url, {"reason": "Liikaa tunteja", "issue": "1", "confirm": "on", **rows})
    credit = Invoice.objects.get(kind=InvoiceKind.CREDIT_NOTE)
    assert response["Location"] == reverse("billing:invoice-detail", args=[credit.pk])
    invoice.refresh_from_db()
    order.refresh_from_db()
    assert invoice.status == InvoiceStatus.PARTLY_CREDITED and order.status == OrderStatus.APPROVED
    detail = _text(client.get(reverse("billing:invoice-detail", args=[invoice.pk])))
    assert credit.display_number in detail and "Row 1" in detail and "-2.00 h" in detail and order.number in detail
    assert invoice.display_number in _text(client.get(reverse("billing:invoice-detail", args=[credit.pk])))
    order_page = _text(client.get(reverse("coordinator:order", args=[order.pk])))
    assert "Partly credited" in order_page and credit.display_number in order_page
    assert "5 h can be invoiced again" in order_page.replace("5,00", "5").replace("5.00", "5")
    preview = _text(client.get(reverse("billing:invoice-preview", args=[order.pk])))
    assert "72.50 €" in preview
    client.post(reverse("billing:invoice-issue", args=[order.pk]), {"confirm": "True"})
    again = Invoice.objects.filter(kind=InvoiceKind.INVOICE).exclude(pk=invoice.pk).get()
    assert [(ln.date, ln.hours) for ln in again.lines.order_by("position")] == [
        (DAYS[0], D("2.00")),
        (DAYS[2], D("3.00")),
    ]
    order.refresh_from_db()
    assert order.status == OrderStatus.INVOICED
