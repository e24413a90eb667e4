"""Billing's check for the order flow: an order is covered only by a standing invoice with its work on it."""

import datetime as dt

import pytest

from billing import services
from billing.coverage import order_has_issued_invoice
from billing.models import InvoiceLine, InvoiceStatus
from orders import hooks
from orders.models import InvoicingMode, OrderStatus
from tests.factories import ClientOrganisationFactory, CoordinatorFactory
from tests.support.billing import approved_order

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 10, 9)


@pytest.fixture
def coordinator():
    return CoordinatorFactory()


def test_the_check_is_registered_for_the_order_flow():
    assert order_has_issued_invoice in hooks.invoice_covers_order


def test_an_order_without_an_invoice_is_not_covered():
    assert order_has_issued_invoice(approved_order({DAY: ["2"]})) is False


def test_an_issued_invoice_covers_its_order_and_a_paid_one_still_does(coordinator):
    order = approved_order({DAY: ["2"]})
    invoice = services.invoice_issue_for_order(order_id=order.pk, by=coordinator)
    assert order_has_issued_invoice(order) is True
    services.invoice_mark_paid(invoice_id=invoice.pk, by=coordinator, amount=invoice.gross, paid_on=DAY)
    assert order_has_issued_invoice(order) is True


def test_an_invoice_without_the_orders_work_on_it_does_not_cover_it(coordinator):
    order = approved_order({DAY: ["2"]})
    invoice = services.invoice_issue_for_order(order_id=order.pk, by=coordinator)
    InvoiceLine.objects.filter(invoice=invoice).update(date=DAY - dt.timedelta(days=30))
    assert order_has_issued_invoice(order) is False
    InvoiceLine.objects.filter(invoice=invoice).delete()
    assert order_has_issued_invoice(order) is False


def test_a_credited_invoice_no_longer_covers_the_order(coordinator):
    order = approved_order({DAY: ["2"]})
    invoice = services.invoice_issue_for_order(order_id=order.pk, by=coordinator)
    services.credit_note_issue(invoice_id=invoice.pk, by=coordinator, reason="Väärä asiakas")
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.CREDITED
    assert order_has_issued_invoice(order) is False


def test_the_monthly_collective_invoice_covers_each_of_its_orders(coordinator):
    client = ClientOrganisationFactory(invoicing_mode=InvoicingMode.MONTHLY)
    orders = [approved_order({DAY: ["2"]}, client=client), approved_order({DAY.replace(day=20): ["1"]}, client=client)]
    invoice = services.invoice_issue_monthly(client_id=client.pk, year=2025, month=10, by=coordinator)
    assert set(invoice.orders.all()) == set(orders)
    for order in orders:
        order.refresh_from_db()
        assert order.status == OrderStatus.INVOICED
        assert order_has_issued_invoice(order) is True
