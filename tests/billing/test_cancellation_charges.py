"""A late cancellation in money: the client's charge is its own line of the invoice preview, the
issued invoice, its PDF and its Finvoice (valid against the schema), counted apart from the hours of
work and credited and invoiced again like work; each worker's minimum is its own line of her payout,
in the bank file's sum and the Incomes Register report; the foresight counts it on its payment date
in both of its paths."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation
from freezegun import freeze_time
from lxml import etree

from benefits.selectors.earnings import earnings_by_worker, earnings_by_worker_summed
from benefits.selectors.foresight import foresight_calendar
from billing import services
from billing.bank_files.pain001 import credit_transfer_xml
from billing.finvoice import finvoice_xml, validate_finvoice
from billing.models import IncomesRegisterReport, PayoutLine
from billing.pdf import render_invoice_html
from billing.pricing import RateBook
from billing.services.issuing import orders_to_invoice_monthly
from billing.services.payment_runs import payment_run_approve, payment_run_create
from billing.services.preview import invoice_preview_for_order
from orders import services as order_services
from orders.models import AssignmentStatus, InvoicingMode, OrderStatus
from tests.factories import AssignmentFactory, ClientContactFactory, CoordinatorFactory, GigFactory, OrderFactory
from tests.factories.payments import payer_user, payment_details

pytestmark = pytest.mark.django_db

GIG_DAY = dt.date(2026, 12, 10)
LATE = dt.datetime(2026, 12, 9, 13, 0, tzinfo=dt.UTC)  # 15.00 in Helsinki, 18 h before the gig
LABEL = "Peruutusmaksu 10.12.2026 (myöhäinen peruutus)"


def _cancelled_late(*, accepted=2, worked=False, monthly=False):
    """An order whose gig of 10.12.2026 the client cancelled late; `worked` adds an approved gig of
    the same day (its hours must stay apart from the charge's)."""
    contact = ClientContactFactory(with_user=True)
    if monthly:
        contact.organisation.invoicing_mode = InvoicingMode.MONTHLY
        contact.organisation.save()
    order = OrderFactory(contact=contact, terms_accepted=True, status=OrderStatus.SCHEDULED)
    gig = GigFactory(order=order, date=GIG_DAY, start_time=dt.time(9), planned_hours=Decimal("3.00"))
    takers = [AssignmentFactory(gig=gig, status=AssignmentStatus.ACCEPTED) for _ in range(accepted)]
    if worked:
        other = GigFactory(order=order, date=GIG_DAY, start_time=dt.time(7), workers_needed=1)
        AssignmentFactory(gig=other, status=AssignmentStatus.ACCEPTED)
    with freeze_time(LATE):
        order_services.gig_cancel_by_client(gig_id=gig.pk, by=contact.user)
    if worked:
        # Done and approved by the coordinator: the order is approved with the work and the charge.
        from orders.models import Assignment

        assignment = Assignment.objects.get(gig=other)
        Assignment.objects.filter(pk=assignment.pk).update(
            status=AssignmentStatus.APPROVED, reported_hours=Decimal("3.00"), approved_hours=Decimal("3.00")
        )
        order.status = OrderStatus.APPROVED
        order.save()
    order.refresh_from_db()
    return order, gig, takers


def _lines(lines):
    return [(ln.task, ln.worker_count, ln.hours, ln.unit_price, ln.vat_rate, ln.net) for ln in lines]


def test_the_charge_is_its_own_line_of_the_preview_and_the_issued_invoice():
    order, _gig, _takers = _cancelled_late()
    assert order.status == OrderStatus.APPROVED

    preview = invoice_preview_for_order(order.pk, issue_date=dt.date(2026, 12, 11))
    assert preview.can_issue, preview.blocker
    expected = [(LABEL, 2, Decimal("4.00"), Decimal("14.50"), Decimal("25.50"), Decimal("58.00"))]
    assert _lines(preview.lines) == expected
    assert (preview.net, preview.vat, preview.gross) == (Decimal("58.00"), Decimal("14.79"), Decimal("72.79"))

    invoice = services.invoice_issue_for_order(order_id=order.pk, by=CoordinatorFactory())
    assert _lines(invoice.lines.order_by("position")) == expected
    assert invoice.lines.get().gig_id == _gig.pk
    order.refresh_from_db()
    assert order.status == OrderStatus.INVOICED
    # Issuing again issues nothing more: the charge is covered.
    assert services.invoice_issue_for_order(order_id=order.pk, by=CoordinatorFactory()) == invoice


def test_the_charge_and_the_work_of_the_same_day_stay_apart_and_credit_back_alone():
    by = CoordinatorFactory()
    order, _gig, _takers = _cancelled_late(accepted=1, worked=True)

    invoice = services.invoice_issue_for_order(order_id=order.pk, by=by)
    rows = _lines(invoice.lines.order_by("position"))
    assert [r[0] for r in rows][1] == LABEL and rows[0][2] == Decimal("3.00") and rows[1][2] == Decimal("2.00")
    charge = invoice.lines.get(gig__isnull=False)

    services.credit_note_issue(invoice_id=invoice.pk, by=by, reason="Sovittu", lines={charge.pk: "2"})
    order.refresh_from_db()
    assert order.status == OrderStatus.APPROVED
    again = invoice_preview_for_order(order.pk)
    assert _lines(again.lines) == [(LABEL, 1, Decimal("2.00"), Decimal("14.50"), Decimal("25.50"), Decimal("29.00"))]


def test_the_pdf_and_the_finvoice_carry_the_line_and_the_finvoice_validates():
    order, _gig, _takers = _cancelled_late()
    invoice = services.invoice_issue_for_order(order_id=order.pk, by=CoordinatorFactory())

    assert LABEL in render_invoice_html(invoice)
    content = finvoice_xml(invoice)
    validate_finvoice(content)
    row = etree.fromstring(content).find("InvoiceRow")
    assert row.findtext("ArticleName") == LABEL
    assert row.findtext("InvoicedQuantity") == "4" and row.findtext("RowVatExcludedAmount") == "58,00"
    assert row.findtext("RowDeliveryDate") == "20261210"


def test_a_monthly_client_is_invoiced_the_charge_with_its_month():
    order, _gig, _takers = _cancelled_late(monthly=True)

    assert list(orders_to_invoice_monthly(client_id=order.client_id, year=2026, month=12)) == [order]
    invoice = services.invoice_issue_monthly(client_id=order.client_id, year=2026, month=12, by=CoordinatorFactory())
    assert invoice.lines.get().task.startswith(LABEL + ":")


def test_the_minimum_is_its_own_payout_line_in_the_bank_file_and_the_incomes_register():
    _order, _gig, takers = _cancelled_late(accepted=1)
    worker = takers[0].worker
    payment_details(worker)
    with freeze_time("2026-12-11 08:00:00"):
        run = payment_run_create(
            payment_date=dt.date(2026, 12, 15), cutoff_date=dt.date(2026, 12, 11), by=CoordinatorFactory()
        )
        payout = run.payouts.get(worker=worker)
        line = payout.lines.get()
        assert line.is_cancellation_pay and line.assignment_id == takers[0].pk
        assert (line.hours, line.rate, line.amount) == (Decimal("2.00"), Decimal("10.00"), Decimal("20.00"))
        assert line.task == "Vähimmäispalkkio, tilaaja perui 10.12.2026 keikan myöhään"
        assert payout.gross == Decimal("20.00")
        payment_run_approve(run_id=run.pk, by=payer_user())
    payout.refresh_from_db()
    run.refresh_from_db()
    assert payout.net == Decimal("8.00")  # no tax card: 60 % withheld
    assert f'<InstdAmt Ccy="EUR">{payout.net}</InstdAmt>' in credit_transfer_xml(run).decode()
    assert IncomesRegisterReport.objects.get(payout=payout).amount == Decimal("20.00")
    # Paid once: the next run has nothing of it.
    assert not PayoutLine.objects.filter(assignment=takers[0], released=False).exclude(payout=payout).exists()


def _minimums(found, worker_id):
    return [(e.day, e.amount, e.approved, e.paid_on) for e in found.get(worker_id, []) if e.gig_id]


@freeze_time("2026-12-11 08:00:00")
def test_the_foresight_counts_the_minimum_on_its_payment_date_in_both_paths():
    _order, gig, takers = _cancelled_late(accepted=1)
    worker = takers[0].worker
    start, end = dt.date(2026, 11, 1), dt.date(2027, 1, 31)
    calendar = foresight_calendar(start=start, end=end, today=dt.date(2026, 12, 11))
    paid_on = calendar.paid_on(GIG_DAY, waits_for_run=True)

    by_gig = earnings_by_worker([worker.pk], start, end, RateBook(), calendar=calendar, paid_window=(start, end))
    summed = earnings_by_worker_summed(
        [worker.pk], GIG_DAY, RateBook(), exclude_gig_id=None, calendar=calendar, paid_day=paid_on
    )

    expected = [(GIG_DAY, Decimal("20.00"), True, paid_on)]
    assert _minimums(by_gig, worker.pk) == expected
    assert [(e.day, e.amount, e.approved, e.paid_on) for e in summed[worker.pk]] == expected
    # The planned pay of the withdrawn gig no longer counts: only the minimum is there.
    assert sum(e.amount for e in by_gig[worker.pk]) == Decimal("20.00")


def test_the_foresight_takes_the_runs_date_once_the_minimum_is_in_a_run():
    _order, _gig, takers = _cancelled_late(accepted=1)
    worker = takers[0].worker
    payment_details(worker)
    with freeze_time("2026-12-11 08:00:00"):
        payment_run_create(
            payment_date=dt.date(2026, 12, 14), cutoff_date=dt.date(2026, 12, 11), by=CoordinatorFactory()
        )
        start, end = dt.date(2026, 11, 1), dt.date(2027, 1, 31)
        calendar = foresight_calendar(start=start, end=end, today=dt.date(2026, 12, 11))
        by_gig = earnings_by_worker([worker.pk], start, end, RateBook(), calendar=calendar, paid_window=(start, end))
    assert _minimums(by_gig, worker.pk) == [(GIG_DAY, Decimal("20.00"), True, dt.date(2026, 12, 14))]


@pytest.fixture(autouse=True)
def _finnish():
    with translation.override("fi"):
        yield
