"""The billing pages: coordinators only; issue, pay, credit, and the downloads."""

import datetime as dt

import pytest
from django.urls import reverse
from lxml import etree

from billing import services
from billing.models import Invoice, InvoiceKind, InvoiceStatus
from orders.models import OrderStatus
from tests.factories import CoordinatorFactory, UserFactory
from tests.support.billing import approved_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_client(client):
    client.force_login(CoordinatorFactory())
    return client


@pytest.fixture
def invoice():
    order = approved_order({dt.date(2025, 1, 15): ["1"]})
    return services.invoice_issue_for_order(order_id=order.pk, by=CoordinatorFactory())


def page_urls(invoice):
    return [
        reverse("billing:invoice-list"),
        reverse("billing:invoice-detail", args=[invoice.pk]),
        reverse("billing:invoice-pdf", args=[invoice.pk]),
        reverse("billing:invoice-finvoice", args=[invoice.pk]),
        reverse("billing:invoice-credit-note", args=[invoice.pk]),
    ]


def test_pages__anonymous_goes_to_login(client, invoice):
    for url in page_urls(invoice):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_pages__a_user_without_the_role_gets_403(client, invoice):
    client.force_login(UserFactory())
    for url in page_urls(invoice):
        assert client.get(url).status_code == 403, url
    response = client.post(reverse("billing:invoice-mark-paid", args=[invoice.pk]), {"amount": "18,20"})
    assert response.status_code == 403
    response = client.post(reverse("billing:invoice-credit-note", args=[invoice.pk]), {"reason": "x", "confirm": "on"})
    assert response.status_code == 403
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.ISSUED


def test_invoice_list__shows_invoices_and_orders_to_invoice(coordinator_client, invoice):
    waiting = approved_order({dt.date(2025, 1, 16): ["1"]})
    response = coordinator_client.get(reverse("billing:invoice-list"))
    content = response.content.decode()
    assert response.status_code == 200
    assert invoice.display_number in content
    assert reverse("billing:invoice-preview", args=[waiting.pk]) in content


def test_invoice_issue__button_issues_and_shows_the_invoice(coordinator_client):
    order = approved_order({dt.date(2025, 1, 16): ["2"]})
    # Without the preview's confirmation nothing is issued: back to the preview.
    response = coordinator_client.post(reverse("billing:invoice-issue", args=[order.pk]))
    assert response["Location"] == reverse("billing:invoice-preview", args=[order.pk])
    assert not Invoice.objects.exists()
    response = coordinator_client.post(reverse("billing:invoice-issue", args=[order.pk]), {"confirm": "True"})
    invoice = Invoice.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("billing:invoice-detail", args=[invoice.pk])
    order.refresh_from_db()
    assert order.status == OrderStatus.INVOICED
    coordinator_client.post(reverse("billing:invoice-issue", args=[order.pk]), {"confirm": "True"})
    assert Invoice.objects.count() == 1
    page = coordinator_client.get(reverse("billing:invoice-detail", args=[invoice.pk]))
    assert page.status_code == 200 and invoice.display_number in page.content.decode()


def test_invoice_pdf__downloads_as_an_attachment(coordinator_client, invoice):
    response = coordinator_client.get(reverse("billing:invoice-pdf", args=[invoice.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment") and "JC1001.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    invoice.refresh_from_db()
    assert invoice.pdf  # rendered once and stored


def test_invoice_finvoice__downloads_valid_xml(coordinator_client, invoice):
    response = coordinator_client.get(reverse("billing:invoice-finvoice", args=[invoice.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert etree.fromstring(response.content).findtext("InvoiceDetails/InvoiceNumber") == "JC1001"


def test_invoice_mark_paid__from_the_page(coordinator_client, invoice):
    url = reverse("billing:invoice-mark-paid", args=[invoice.pk])
    response = coordinator_client.post(url, {"amount": "18,20", "paid_on": "2025-02-01"})
    assert response.status_code == 302
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PAID and invoice.paid_at == dt.date(2025, 2, 1)


def test_credit_note__needs_reason_and_confirmation(coordinator_client, invoice):
    url = reverse("billing:invoice-credit-note", args=[invoice.pk])
    assert coordinator_client.get(url).status_code == 200
    line = invoice.lines.get()
    chosen = {f"line_{line.pk}": "on", f"hours_{line.pk}": "1"}
    # No row chosen; then a preview; then the issue without the confirmation: nothing is issued.
    assert coordinator_client.post(url, {"reason": "Väärä asiakas", "issue": "1", "confirm": "on"}).status_code == 400
    assert coordinator_client.post(url, {"reason": "Väärä asiakas", "preview": "1", **chosen}).status_code == 200
    assert coordinator_client.post(url, {"reason": "Väärä asiakas", "issue": "1", **chosen}).status_code == 400
    assert not Invoice.objects.filter(kind=InvoiceKind.CREDIT_NOTE).exists()
    response = coordinator_client.post(url, {"reason": "Väärä asiakas", "issue": "1", "confirm": "on", **chosen})
    credit = Invoice.objects.get(kind=InvoiceKind.CREDIT_NOTE)
    assert response.status_code == 302 and response["Location"] == reverse("billing:invoice-detail", args=[credit.pk])
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.CREDITED and credit.credits == invoice


def test_admin__invoices_are_read_only(client, invoice):
    from tests.factories import AdministratorFactory

    client.force_login(AdministratorFactory())
    assert client.get(reverse("admin:billing_invoice_changelist")).status_code == 200
    assert client.get(reverse("admin:billing_invoice_change", args=[invoice.pk])).status_code == 200  # view only
    assert client.get(reverse("admin:billing_invoice_add")).status_code == 403
    assert client.post(reverse("admin:billing_invoice_delete", args=[invoice.pk]), {"post": "yes"}).status_code == 403
    assert Invoice.objects.filter(pk=invoice.pk).exists()
