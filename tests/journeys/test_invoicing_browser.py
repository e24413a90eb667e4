"""The coordinator's invoicing in Chromium: issue from the preview, credit two rows (one partly)
with the credit note's preview, and invoice the credited hours again (the English pages; axe-core
finds no serious problems on the preview and the credit note page)."""

import datetime as dt
import importlib
from decimal import Decimal as D

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from billing.models import Invoice, InvoiceKind, InvoiceStatus
from orders.models import OrderStatus
from tests.factories import ClientOrganisationFactory, CoordinatorFactory
from tests.support.billing import approved_order
from tests.support.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DAYS = [dt.date(2025, 1, 14), dt.date(2025, 1, 15), dt.date(2025, 1, 16)]


@pytest.fixture(autouse=True)
def _series():
    """A transactional test starts from flushed tables: seed the series as the migration does."""
    importlib.import_module("billing.migrations.0003_invoices").seed(apps, None)


def _issue_from_the_order_page(page, live_server, order):
    with translation.override("en"):
        page.goto(live_server.url + reverse("coordinator:order", args=[order.pk]))
    page.get_by_role("link", name=f"Issue an invoice for order {order.number}").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name=f"Invoice preview – order {order.number}").is_visible()
    page.get_by_role("button", name="Issue and send").click()
    page.wait_for_load_state()


def test_invoicing_browser__preview_issue_credit_two_rows_and_invoice_them_again(page, live_server, axe, client):
    order = approved_order(
        {day: ["3"] for day in DAYS}, client=ClientOrganisationFactory(billing_email="laskut@yritys.example")
    )
    log_in(page, client, live_server, CoordinatorFactory())

    # The preview: nothing issued yet; the channel named.
    with translation.override("en"):
        page.goto(live_server.url + reverse("billing:invoice-preview", args=[order.pk]))
    assert page.locator("#invoice-channel").inner_text().strip() == "Email to laskut@yritys.example"
    axe.assert_clean(page)
    assert not Invoice.objects.exists()
    _issue_from_the_order_page(page, live_server, order)
    invoice = Invoice.objects.get()
    assert page.get_by_role("heading", name=f"Invoice {invoice.display_number}").is_visible()

    # Credit 2 h of row 1 and all of row 3, after the credit note's preview.
    page.get_by_role("link", name="Issue a credit note").click()
    page.wait_for_load_state()
    axe.assert_clean(page)
    page.get_by_label("Credit row 1", exact=True).check()
    page.get_by_label("Hours to credit on row 1", exact=True).fill("2")
    page.get_by_label("Credit row 3", exact=True).check()
    page.get_by_label("Reason").fill("Liikaa tunteja")
    page.get_by_role("button", name="Preview the credit note").click()
    page.wait_for_load_state()
    assert "-72.50 €" in page.locator("#credit-preview").inner_text()
    assert not Invoice.objects.filter(kind=InvoiceKind.CREDIT_NOTE).exists()
    page.get_by_label("I confirm the credit note of the chosen rows and hours.").check()
    page.get_by_role("button", name="Issue the credit note").click()
    page.wait_for_load_state()
    credit = Invoice.objects.get(kind=InvoiceKind.CREDIT_NOTE)
    assert page.get_by_role("heading", name=f"Credit note {credit.display_number}").is_visible()
    invoice.refresh_from_db()
    order.refresh_from_db()
    assert invoice.status == InvoiceStatus.PARTLY_CREDITED and order.status == OrderStatus.APPROVED

    # The credited hours, invoiced again from the order page.
    _issue_from_the_order_page(page, live_server, order)
    again = Invoice.objects.filter(kind=InvoiceKind.INVOICE).exclude(pk=invoice.pk).get()
    assert [(ln.date, ln.hours) for ln in again.lines.order_by("position")] == [
        (DAYS[0], D("2.00")),
        (DAYS[2], D("3.00")),
    ]
    order.refresh_from_db()
    assert order.status == OrderStatus.INVOICED
