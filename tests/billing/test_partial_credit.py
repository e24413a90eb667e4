"""Credit notes of chosen lines and hours: negative lines that refer to what they credit, VAT per
rate, the original partly credited or credited, and the credited hours invoiced again."""

import datetime as dt
import importlib
from decimal import Decimal as D

import pytest
from django.apps import apps
from django.utils import translation

from billing import services
from billing.coverage import hours_to_invoice, order_has_issued_invoice
from billing.finvoice import finvoice_xml
from billing.models import Invoice, InvoiceKind, InvoiceLine, InvoiceStatus
from billing.pdf import render_invoice_pdf
from billing.pricing import vat_by_rate
from billing.services.credit_notes import amount_due
from jobcenter.errors import DomainError
from orders.models import InvoicingMode, OrderStatus
from tests.factories import ClientOrganisationFactory, CoordinatorFactory
from tests.support.billing import approved_order

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The messages asserted below, in English."""
    with translation.override("en"):
        yield


# Two days before the VAT change of 1.9.2024 (24 %) and one after it (25.5 %): two rates.
DAYS = [dt.date(2024, 8, 30), dt.date(2024, 8, 31), dt.date(2024, 9, 2)]


@pytest.fixture
def coordinator():
    return CoordinatorFactory()


@pytest.fixture
def order():
    return approved_order({day: ["3"] for day in DAYS})


def _issue(order, by):
    return services.invoice_issue_for_order(order_id=order.pk, by=by)


def test_credit_two_of_three_lines_partly__negative_lines_vat_by_rate_and_the_hours_invoiced_again(coordinator, order):
    invoice = _issue(order, coordinator)
    first, second, third = invoice.lines.order_by("position")
    credit = services.credit_note_issue(
        invoice_id=invoice.pk, by=coordinator, reason="Two hours too many", lines={first.pk: "2", third.pk: D("1.5")}
    )
    lines = list(credit.lines.order_by("position"))
    assert [(line.credits_line_id, line.order_id, line.date, line.hours) for line in lines] == [
        (first.pk, order.pk, first.date, D("-2.00")),
        (third.pk, order.pk, third.date, D("-1.50")),
    ]
    # At the original's unit price and VAT rate: 2 h × 14.50 = 29.00 at 24 %, 1.5 h × 14.50 = 21.75 at 25.5 %.
    assert [(line.unit_price, line.vat_rate, line.net) for line in lines] == [
        (first.unit_price, D("24.00"), D("-29.00")),
        (third.unit_price, D("25.50"), D("-21.75")),
    ]
    assert (credit.net, credit.vat) == (D("-50.75"), sum((row.vat for row in vat_by_rate(lines)), D("0")))
    assert credit.vat == D("-6.96") - D("5.55")  # 24 % of 29.00 and 25.5 % of 21.75 (5.546 → 5.55)
    assert credit.gross == credit.net + credit.vat and credit.credits == invoice
    invoice.refresh_from_db()
    order.refresh_from_db()
    assert invoice.status == InvoiceStatus.PARTLY_CREDITED
    assert amount_due(invoice) == invoice.gross + credit.gross
    assert order.status == OrderStatus.APPROVED
    assert hours_to_invoice(order) == D("3.50") and order_has_issued_invoice(order) is False
    note = order.status_changes.order_by("pk").last().describe()
    assert credit.display_number in note and "3.5" in note.replace(",", ".")
    again = _issue(order, coordinator)
    assert again.pk != invoice.pk
    assert [(line.date, line.hours, line.order_id) for line in again.lines.order_by("position")] == [
        (first.date, D("2.00"), order.pk),
        (third.date, D("1.50"), order.pk),
    ]
    order.refresh_from_db()
    assert order.status == OrderStatus.INVOICED and order_has_issued_invoice(order) is True
    # Fully covered again: issuing once more returns the newest standing invoice.
    assert _issue(order, coordinator) == again


def test_the_rest_of_a_line_credited_later_adds_up_to_the_line_to_the_cent(coordinator):
    order = approved_order({DAYS[0]: ["1"]})
    invoice = _issue(order, coordinator)
    line = invoice.lines.get()
    for hours in ("0.33", "0.33", "0.34"):
        services.credit_note_issue(invoice_id=invoice.pk, by=coordinator, reason="x", lines={line.pk: hours})
    credited = InvoiceLine.objects.filter(credits_line=line)
    assert sum(c.net for c in credited) == -line.net and sum(c.hours for c in credited) == -line.hours
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.CREDITED


def test_full_credit__credited_order_approved_and_invoiced_again(coordinator, order):
    invoice = _issue(order, coordinator)
    credit = services.credit_note_issue(invoice_id=invoice.pk, by=coordinator, reason="Wrong client")
    assert (credit.net, credit.vat, credit.gross) == (-invoice.net, -invoice.vat, -invoice.gross)
    assert sorted(credit.lines.values_list("credits_line", flat=True)) == sorted(
        invoice.lines.values_list("pk", flat=True)
    )
    invoice.refresh_from_db()
    order.refresh_from_db()
    assert invoice.status == InvoiceStatus.CREDITED
    assert order.status == OrderStatus.APPROVED
    again = _issue(order, coordinator)
    assert (again.net, again.vat, again.gross) == (invoice.net, invoice.vat, invoice.gross)
    order.refresh_from_db()
    assert order.status == OrderStatus.INVOICED


def test_over_credit_is_refused(coordinator, order):
    invoice = _issue(order, coordinator)
    line = invoice.lines.order_by("position").first()
    services.credit_note_issue(invoice_id=invoice.pk, by=coordinator, reason="x", lines={line.pk: "2"})
    with pytest.raises(DomainError, match="left to credit"):
        services.credit_note_issue(invoice_id=invoice.pk, by=coordinator, reason="x", lines={line.pk: "1.01"})
    with pytest.raises(DomainError, match="more than zero"):
        services.credit_note_issue(invoice_id=invoice.pk, by=coordinator, reason="x", lines={line.pk: "0"})
    other = _issue(approved_order({DAYS[0]: ["1"]}), coordinator).lines.get()
    with pytest.raises(DomainError, match="not on invoice"):
        services.credit_note_issue(invoice_id=invoice.pk, by=coordinator, reason="x", lines={other.pk: "1"})
    assert Invoice.objects.filter(kind=InvoiceKind.CREDIT_NOTE).count() == 1
    # The last hour of the line is still there to credit.
    services.credit_note_issue(invoice_id=invoice.pk, by=coordinator, reason="x", lines={line.pk: "1"})
    with pytest.raises(DomainError, match="left to credit"):
        services.credit_note_issue(invoice_id=invoice.pk, by=coordinator, reason="x", lines={line.pk: "0.01"})


def test_a_partly_credited_invoice_can_be_paid_its_amount_due(coordinator, order):
    invoice = _issue(order, coordinator)
    line = invoice.lines.order_by("position").first()
    services.credit_note_issue(invoice_id=invoice.pk, by=coordinator, reason="x", lines={line.pk: "1"})
    invoice.refresh_from_db()
    due = amount_due(invoice)
    assert due < invoice.gross
    services.invoice_mark_paid(invoice_id=invoice.pk, by=coordinator, amount=due, paid_on=DAYS[-1])
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PAID and invoice.paid_amount == due


def test_monthly__a_credited_order_is_invoiced_again_for_the_credited_hours_only(coordinator):
    client = ClientOrganisationFactory(invoicing_mode=InvoicingMode.MONTHLY)
    day = dt.date(2025, 10, 9)
    orders = [approved_order({day: ["3"]}, client=client), approved_order({day: ["2"]}, client=client)]
    invoice = services.invoice_issue_monthly(client_id=client.pk, year=2025, month=10, by=coordinator)
    assert services.invoice_issue_monthly(client_id=client.pk, year=2025, month=10, by=coordinator) is None
    line = invoice.lines.get(order=orders[0])
    services.credit_note_issue(invoice_id=invoice.pk, by=coordinator, reason="x", lines={line.pk: "1"})
    assert list(services.orders_to_invoice_monthly(client_id=client.pk, year=2025, month=10)) == [orders[0]]
    again = services.invoice_issue_monthly(client_id=client.pk, year=2025, month=10, by=coordinator)
    assert [(ln.order_id, ln.hours) for ln in again.lines.all()] == [(orders[0].pk, D("1.00"))]
    assert list(again.orders.all()) == [orders[0]]
    for order in orders:
        order.refresh_from_db()
        assert order.status == OrderStatus.INVOICED


def test_migration_back_fill__lines_get_their_order_and_the_credited_line(coordinator):
    """Old rows: the order from the invoice's one order or the "(number)" of a collective invoice's
    task text; a whole credit note's lines the original line at the same position."""
    client = ClientOrganisationFactory(invoicing_mode=InvoicingMode.MONTHLY)
    day = dt.date(2025, 10, 9)
    monthly_orders = [approved_order({day: ["3"]}, client=client), approved_order({day: ["2"]}, client=client)]
    monthly = services.invoice_issue_monthly(client_id=client.pk, year=2025, month=10, by=coordinator)
    single = _issue(approved_order({day: ["1"]}), coordinator)
    credit = services.credit_note_issue(invoice_id=single.pk, by=coordinator, reason="x")
    expected = dict(InvoiceLine.objects.values_list("pk", "order_id"))
    expected_credits = dict(InvoiceLine.objects.values_list("pk", "credits_line_id"))
    InvoiceLine.objects.update(order=None, credits_line=None)
    importlib.import_module("billing.migrations.0007_invoice_lines_order_and_credited_line").back_fill(apps, None)
    assert dict(InvoiceLine.objects.values_list("pk", "order_id")) == expected
    assert dict(InvoiceLine.objects.values_list("pk", "credits_line_id")) == expected_credits
    assert {ln.order_id for ln in monthly.lines.all()} == {o.pk for o in monthly_orders}
    assert credit.lines.get().credits_line == single.lines.get()


def test_a_partial_credit_note_is_a_valid_finvoice_and_renders_as_pdf(coordinator, order):
    invoice = _issue(order, coordinator)
    first, _, third = invoice.lines.order_by("position")
    credit = services.credit_note_issue(
        invoice_id=invoice.pk, by=coordinator, reason="x", lines={first.pk: "2", third.pk: "3"}
    )
    xml = finvoice_xml(credit)  # validated against the Finvoice 3.0 schema, or FinvoiceInvalid
    assert credit.display_number.encode() in xml
    assert render_invoice_pdf(credit).startswith(b"%PDF")
