"""Issuing invoices and credit notes, payments: happy paths, refusals, re-runs that change nothing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import override_settings
from django.utils import translation

from billing import services
from billing.models import Invoice, InvoiceKind, InvoiceSeries, InvoiceStatus
from billing.references import is_valid_reference
from billing.selectors import invoices_overdue
from jobcenter.errors import ActionNotPermitted, DomainError
from orders.models import ContractType, InvoicingMode, OrderStatus
from tests.factories import ClientOrganisationFactory, CoordinatorFactory, OrderFactory, UserFactory
from tests.support.billing import approved_order

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture(autouse=True)
def _messages_in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def coordinator():
    return CoordinatorFactory()


def issue(order, by, **kwargs):
    return services.invoice_issue_for_order(order_id=order.pk, by=by, **kwargs)


# --- The pilot's pricing examples -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("contract", "day", "net", "vat", "gross", "rate"),
    [
        (ContractType.COMMISSION, dt.date(2022, 6, 1), "14.50", "3.48", "17.98", "24.00"),
        (ContractType.COMMISSION, dt.date(2025, 1, 15), "14.50", "3.70", "18.20", "25.50"),
    ],
)
def test_invoice_issue_for_order__pilot_prices_one_hour(coordinator, contract, day, net, vat, gross, rate):
    order = approved_order({day: ["1"]}, contract_type=contract)
    invoice = issue(order, coordinator)
    (line,) = invoice.lines.all()
    assert (line.hours, line.unit_price, line.vat_rate) == (D("1.00"), D(net), D(rate))
    assert (line.net, line.vat, line.gross) == (D(net), D(vat), D(gross))
    assert (invoice.net, invoice.vat, invoice.gross) == (D(net), D(vat), D(gross))


def test_invoice_issue_for_order__a_month_across_the_vat_change_splits_vat_by_work_date(coordinator):
    order = approved_order(
        {dt.date(2024, 8, 30): ["2"], dt.date(2024, 8, 31): ["2", "1.5"], dt.date(2024, 9, 1): ["3"]}
    )
    invoice = issue(order, coordinator)
    lines = list(invoice.lines.all())
    assert [(line.date, line.worker_count, line.hours, line.vat_rate) for line in lines] == [
        (dt.date(2024, 8, 30), 1, D("2.00"), D("24.00")),
        (dt.date(2024, 8, 31), 2, D("3.50"), D("24.00")),
        (dt.date(2024, 9, 1), 1, D("3.00"), D("25.50")),
    ]
    # 3.50 h × 14.50 = 50.75; 24 % = 12.18 (12.18); 3 h × 14.50 = 43.50; 25.5 % = 11.0925 → 11.09
    assert (lines[1].net, lines[1].vat) == (D("50.75"), D("12.18"))
    assert (lines[2].net, lines[2].vat) == (D("43.50"), D("11.09"))
    breakdown = {row.rate: (row.net, row.vat, row.gross) for row in invoice.vat_breakdown()}
    assert breakdown == {
        D("24.00"): (D("79.75"), D("19.14"), D("98.89")),
        D("25.50"): (D("43.50"), D("11.09"), D("54.59")),
    }
    assert invoice.net == D("123.25") and invoice.vat == D("30.23") and invoice.gross == D("153.48")


def test_invoice_issue_for_order__employment_work_is_invoiced_by_the_employer_partner_not_here(coordinator):
    """The partner model: the employer partner invoices the client for employment work (its price,
    20.00 EUR/h excl. VAT, is still quoted on the order form), so issuing is refused and nothing is saved."""
    order = approved_order({dt.date(2025, 1, 15): ["1"]}, contract_type=ContractType.EMPLOYMENT)
    with pytest.raises(DomainError, match="employer partner invoices the client"):
        issue(order, coordinator)
    assert not Invoice.objects.exists()
    order.refresh_from_db()
    assert order.status == OrderStatus.APPROVED


def test_invoice__net_plus_vat_is_gross_on_every_invoice_and_line(coordinator):
    orders = [
        approved_order({dt.date(2024, 9, day): ["1.25", "2.33", "0.5"]}, contract_type=contract)
        for day in range(1, 6)
        for contract in ContractType.jobcenter_invoiced
    ]
    for order in orders:
        issue(order, coordinator)
    for invoice in Invoice.objects.all():
        assert invoice.net + invoice.vat == invoice.gross
        assert invoice.net == sum(line.net for line in invoice.lines.all())
        assert invoice.vat == sum(line.vat for line in invoice.lines.all())
        for line in invoice.lines.all():
            assert line.net + line.vat == line.gross


def test_invoice__the_database_refuses_totals_that_do_not_reconcile(coordinator):
    from django.db import IntegrityError, transaction

    invoice = issue(approved_order({dt.date(2025, 1, 15): ["1"]}), coordinator)
    with pytest.raises(IntegrityError), transaction.atomic():
        Invoice.objects.filter(pk=invoice.pk).update(gross=D("1.00"))
    # Exact decimals pass even where floats would not (0.10 + 0.20 != 0.30 in binary floating point).
    Invoice.objects.filter(pk=invoice.pk).update(net=D("0.10"), vat=D("0.20"), gross=D("0.30"))
    invoice.refresh_from_db()
    invoice.validate_constraints()


def test_invoice_issue_for_order__totals_that_floats_cannot_add(coordinator):
    """Demo order: 10 h × 14.50 = 145.00 at 25.5 % … and sums like 0.10 + 0.20 must validate."""
    order = approved_order({dt.date(2026, 11, 18): ["3.5", "3.5", "3"], dt.date(2026, 11, 19): ["0.2"]})
    invoice = issue(order, coordinator)
    assert invoice.net + invoice.vat == invoice.gross


# --- The frozen copy ------------------------------------------------------------------------------
@override_settings(
    JOBCENTER_SELLER_IBAN="FI79 4405 2020 0360 82", JOBCENTER_SELLER_BIC="HANDFIHH", JOBCENTER_PAYMENT_TERM_DAYS=21
)
def test_invoice_issue_for_order__copies_parties_terms_and_marks_the_order_invoiced(coordinator):
    client = ClientOrganisationFactory(
        name="Asiakas Oy",
        billing_name="Asiakas Oy / Laskutus",
        einvoice_address="003712345678",
        einvoice_operator="E204503",
    )
    order = approved_order({dt.date(2025, 1, 15): ["2"]}, client=client, client_reference="PO-99")
    invoice = issue(order, coordinator, issue_date=dt.date(2025, 1, 20))
    client.billing_name = "Changed later"
    client.save()
    invoice.refresh_from_db()
    assert invoice.buyer_name == "Asiakas Oy / Laskutus"
    assert (invoice.buyer_einvoice_address, invoice.buyer_einvoice_operator) == ("003712345678", "E204503")
    assert invoice.client_reference == "PO-99"
    assert invoice.seller_iban == "FI7944052020036082" and invoice.seller_bic == "HANDFIHH"
    assert invoice.due_date == dt.date(2025, 2, 10) and invoice.payment_term_days == 21
    assert invoice.kind == InvoiceKind.INVOICE and invoice.status == InvoiceStatus.ISSUED
    assert list(invoice.orders.all()) == [order]
    order.refresh_from_db()
    assert order.status == OrderStatus.INVOICED
    assert (
        order.status_changes.filter(
            to_status=OrderStatus.INVOICED, kind="invoiced", params__invoice=invoice.display_number
        ).count()
        == 1
    )


def test_invoice_issue_for_order__numbers_follow_the_series_and_references_validate(coordinator):
    first = issue(approved_order({dt.date(2025, 1, 15): ["1"]}), coordinator)
    second = issue(approved_order({dt.date(2025, 1, 15): ["1"]}), coordinator)
    assert (first.series.code, first.number, second.number) == ("JC", 1001, 1002)
    assert first.display_number == "JC1001"
    assert first.reference == "10016"
    assert is_valid_reference(first.reference) and is_valid_reference(first.reference_rf)
    assert is_valid_reference(second.reference) and second.reference_rf.startswith("RF")
    assert InvoiceSeries.objects.get(code="JC").next_number == 1003


def test_invoice_issue_for_order__issuing_twice_issues_once(coordinator):
    order = approved_order({dt.date(2025, 1, 15): ["1"]})
    first = issue(order, coordinator)
    again = issue(order, CoordinatorFactory())
    assert again.pk == first.pk
    assert Invoice.objects.count() == 1
    assert InvoiceSeries.objects.get(code="JC").next_number == 1002


@pytest.mark.parametrize("status", [OrderStatus.DONE, OrderStatus.SCHEDULED, OrderStatus.CANCELLED])
def test_invoice_issue_for_order__only_approved_orders(coordinator, status):
    order = OrderFactory(terms_accepted=True, status=status)
    with pytest.raises(DomainError, match="Only an approved order can be invoiced."):
        issue(order, coordinator)
    assert not Invoice.objects.exists()


def test_invoice_issue_for_order__an_approved_order_without_approved_hours_is_refused(coordinator):
    order = approved_order({})
    with pytest.raises(DomainError, match="no approved hours"):
        issue(order, coordinator)
    assert InvoiceSeries.objects.get(code="JC").next_number == 1001  # no number is used up


def test_invoice_issue_for_order__not_a_coordinator():
    order = approved_order({dt.date(2025, 1, 15): ["1"]})
    with pytest.raises(ActionNotPermitted):
        issue(order, UserFactory())
    assert not Invoice.objects.exists()


def test_invoice_issue_for_order__queues_the_pdf_after_commit(coordinator, django_capture_on_commit_callbacks):
    order = approved_order({dt.date(2025, 1, 15): ["1"]})
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        invoice = issue(order, coordinator)
    assert len(callbacks) == 2  # the PDF task, then the invoice email that the task queues
    invoice.refresh_from_db()
    assert invoice.pdf.name.endswith(".pdf")
    assert invoice.pdf.read(4) == b"%PDF"


# --- Monthly collective invoices ------------------------------------------------------------------
def test_invoice_issue_monthly__one_invoice_for_the_months_approved_orders(coordinator):
    client = ClientOrganisationFactory(invoicing_mode=InvoicingMode.MONTHLY)
    october_a = approved_order({dt.date(2025, 10, 2): ["2"]}, client=client, client_reference="A")
    october_b = approved_order({dt.date(2025, 10, 20): ["1"], dt.date(2025, 10, 21): ["1"]}, client=client)
    november = approved_order({dt.date(2025, 11, 3): ["1"]}, client=client)
    other_client = approved_order({dt.date(2025, 10, 2): ["1"]})
    invoice = services.invoice_issue_monthly(client_id=client.pk, year=2025, month=10, by=coordinator)
    assert set(invoice.orders.all()) == {october_a, october_b}
    assert invoice.lines.count() == 3
    assert all(october_a.number in line.task or october_b.number in line.task for line in invoice.lines.all())
    assert invoice.net == D("58.00")
    for order in (november, other_client):
        order.refresh_from_db()
        assert order.status == OrderStatus.APPROVED
    # A second run issues nothing twice.
    assert services.invoice_issue_monthly(client_id=client.pk, year=2025, month=10, by=coordinator) is None
    assert Invoice.objects.count() == 1


def test_invoice_issue_monthly__refuses_a_per_order_client(coordinator):
    client = ClientOrganisationFactory(invoicing_mode=InvoicingMode.PER_ORDER)
    with pytest.raises(DomainError, match="per order"):
        services.invoice_issue_monthly(client_id=client.pk, year=2025, month=10, by=coordinator)


# --- Credit notes ---------------------------------------------------------------------------------
def test_credit_note_issue__a_negative_copy_that_refers_to_the_original(coordinator):
    original = issue(approved_order({dt.date(2024, 8, 31): ["2"], dt.date(2024, 9, 1): ["1"]}), coordinator)
    credit = services.credit_note_issue(invoice_id=original.pk, by=coordinator, reason="Wrong hours")
    original.refresh_from_db()
    assert original.status == InvoiceStatus.CREDITED
    assert credit.kind == InvoiceKind.CREDIT_NOTE and credit.credits == original
    assert credit.number == original.number + 1 and credit.credit_reason == "Wrong hours"
    assert (credit.net, credit.vat, credit.gross) == (-original.net, -original.vat, -original.gross)
    assert [(line.hours, line.net, line.vat) for line in credit.lines.all()] == [
        (-line.hours, -line.net, -line.vat) for line in original.lines.all()
    ]
    assert credit.buyer_name == original.buyer_name and is_valid_reference(credit.reference)
    assert credit.net + credit.vat == credit.gross
    with pytest.raises(DomainError, match="already been credited"):
        services.credit_note_issue(invoice_id=original.pk, by=coordinator, reason="Again")
    with pytest.raises(DomainError, match="cannot be credited"):
        services.credit_note_issue(invoice_id=credit.pk, by=coordinator, reason="Again")
    assert Invoice.objects.count() == 2


def test_credit_note_issue__needs_a_reason_and_a_coordinator(coordinator):
    original = issue(approved_order({dt.date(2025, 1, 15): ["1"]}), coordinator)
    with pytest.raises(DomainError, match="reason"):
        services.credit_note_issue(invoice_id=original.pk, by=coordinator, reason="  ")
    with pytest.raises(ActionNotPermitted):
        services.credit_note_issue(invoice_id=original.pk, by=UserFactory(), reason="x")
    original.refresh_from_db()
    assert original.status == InvoiceStatus.ISSUED


# --- Payments -------------------------------------------------------------------------------------
def test_invoice_mark_paid__records_amount_and_date_once(coordinator):
    invoice = issue(approved_order({dt.date(2025, 1, 15): ["1"]}), coordinator)
    services.invoice_mark_paid(invoice_id=invoice.pk, by=coordinator, amount="18,20", paid_on=dt.date(2025, 1, 30))
    invoice.refresh_from_db()
    assert (invoice.status, invoice.paid_amount, invoice.paid_at) == (
        InvoiceStatus.PAID,
        D("18.20"),
        dt.date(2025, 1, 30),
    )
    with pytest.raises(DomainError):
        services.invoice_mark_paid(invoice_id=invoice.pk, by=coordinator, amount="1", paid_on=dt.date(2025, 1, 30))


@pytest.mark.parametrize("amount", ["0", "-1", "abc"])
def test_invoice_mark_paid__refuses_a_bad_amount(coordinator, amount):
    invoice = issue(approved_order({dt.date(2025, 1, 15): ["1"]}), coordinator)
    with pytest.raises(DomainError):
        services.invoice_mark_paid(invoice_id=invoice.pk, by=coordinator, amount=amount, paid_on=dt.date(2025, 1, 30))


def test_invoices_overdue__issued_and_past_due_only(coordinator):
    overdue = issue(approved_order({dt.date(2025, 1, 15): ["1"]}), coordinator, issue_date=dt.date(2025, 1, 20))
    paid = issue(approved_order({dt.date(2025, 1, 15): ["1"]}), coordinator, issue_date=dt.date(2025, 1, 20))
    services.invoice_mark_paid(invoice_id=paid.pk, by=coordinator, amount="18.20", paid_on=dt.date(2025, 2, 1))
    not_due = issue(approved_order({dt.date(2025, 1, 15): ["1"]}), coordinator, issue_date=dt.date(2025, 2, 1))
    credited = issue(approved_order({dt.date(2025, 1, 15): ["1"]}), coordinator, issue_date=dt.date(2025, 1, 20))
    services.credit_note_issue(invoice_id=credited.pk, by=coordinator, reason="x")
    assert list(invoices_overdue(today=dt.date(2025, 2, 10))) == [overdue]
    assert not_due not in invoices_overdue(today=dt.date(2025, 2, 10))


def test_run_monthly_invoices_task__one_invoice_per_monthly_client_and_safe_twice(coordinator):
    from billing.tasks import run_monthly_invoices_task

    monthly = [ClientOrganisationFactory(invoicing_mode=InvoicingMode.MONTHLY) for _ in range(3)]
    for client in monthly:
        approved_order({dt.date(2025, 10, 2): ["1"]}, client=client)
        approved_order({dt.date(2025, 10, 9): ["2"]}, client=client)
    per_order = approved_order({dt.date(2025, 10, 2): ["1"]})
    assert run_monthly_invoices_task(2025, 10, coordinator.pk) == {"clients": 3, "issued": 3, "failed": 0}
    assert Invoice.objects.count() == 3
    assert sorted(Invoice.objects.values_list("client_id", flat=True)) == sorted(c.pk for c in monthly)
    assert run_monthly_invoices_task(2025, 10, coordinator.pk) == {"clients": 3, "issued": 0, "failed": 0}
    assert Invoice.objects.count() == 3
    per_order.refresh_from_db()
    assert per_order.status == OrderStatus.APPROVED
