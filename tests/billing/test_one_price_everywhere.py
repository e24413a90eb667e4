"""One gig through every page and document that shows its money: the same euros everywhere.

The gig is 0.25 hours of commission work at 10.50 EUR an hour for the worker and 15.00 EUR an hour
for the client (VAT 25.5 %). Both are chosen because half-even and half-up rounding tell them
apart: the worker's pay is 2.625 EUR, 2.63 half up (as invoices and pay are rounded in Finland) but
2.62 half even; the client's hourly VAT is 3.825 EUR, 3.83 half up but 3.82 half even. A page or
document that multiplied or rounded on its own would show 2,62 or 18,82 and fail here.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import io
import re
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse
from freezegun import freeze_time
from lxml import etree

from benefits.selectors import foresight_for_workers
from billing import services as billing_services
from billing.finvoice import finvoice_xml
from billing.models import PriceList
from billing.payout_pdf import render_payout_pdf
from billing.pdf import render_invoice_pdf
from billing.pricing import hourly_price_quote, line_amounts, worker_pay
from billing.selectors_earnings import earnings_for_worker
from orders.models import Assignment, AssignmentStatus, ContractType, OrderStatus
from tests.factories import (
    AssignmentFactory,
    CoordinatorFactory,
    GigFactory,
    OrderFactory,
    UnitStaffFactory,
    WorkerFactory,
)
from tests.factories.auth import mark_session_mfa
from tests.factories.benefits import ConsentFactory, ReceivedBenefitFactory
from tests.factories.payments import payout_in_run

pytestmark = pytest.mark.django_db

TODAY = "2026-03-20 12:00"
GIG_DAY = dt.date(2026, 3, 18)
HOURS = Decimal("0.25")
PAY_RATE, CLIENT_PRICE, FEE = Decimal("10.50"), Decimal("15.00"), Decimal("4.50")

# What every surface must show, in euros.
PAY = Decimal("2.63")  # 0.25 h x 10.50 = 2.625, half up
HOURLY_NET, HOURLY_GROSS = Decimal("15.00"), Decimal("18.83")  # VAT 3.825, half up
LINE_NET, LINE_VAT, LINE_GROSS = Decimal("3.75"), Decimal("0.96"), Decimal("4.71")  # 0.25 h x 15.00, VAT 0.95625

WRONG = ("2,62", "18,82")  # the same amounts rounded half even


def fi(amount: Decimal) -> str:
    """An amount as the Finnish pages and documents write it: 2,63."""
    return f"{amount:.2f}".replace(".", ",")


def visible(response) -> str:
    """The page's words, tags removed, entities decoded and white space collapsed."""
    assert response.status_code == 200, response.status_code
    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def assert_shows(text: str, *phrases: str) -> None:
    """Each phrase is on the page, and no amount rounded half even is anywhere on it."""
    for phrase in phrases:
        assert phrase in text, (phrase, text)
    for wrong in WRONG:
        assert wrong not in text, (wrong, text)


@pytest.fixture
def frozen():
    with freeze_time(TODAY):
        yield


@pytest.fixture
def prices(frozen):
    """The commission row of the price list: 10.50 to the worker, 4.50 service costs, 15.00 in all."""
    PriceList.objects.filter(contract_type=ContractType.COMMISSION).update(
        client_hourly_price=CLIENT_PRICE, worker_hourly_pay=PAY_RATE, service_fee_hourly=FEE, side_costs_hourly=0
    )


@pytest.fixture
def gig(prices):
    """The gig, offered to a worker who receives unemployment benefit (paid monthly) and has given
    the unit and the coordinator consent to see it."""
    worker = WorkerFactory(user__first_name="Aino", user__last_name="Lahtinen")
    ReceivedBenefitFactory(worker=worker, benefit="unemployment_benefit", payment_period="month")
    ConsentFactory(worker=worker)
    order = OrderFactory(staffing=True, contract_type=ContractType.COMMISSION, title="Postitus")
    gig = GigFactory(order=order, date=GIG_DAY, planned_hours=HOURS, workers_needed=1)
    AssignmentFactory(gig=gig, worker=worker, status=AssignmentStatus.OFFERED)
    return gig


def _assignment(gig) -> Assignment:
    return gig.assignments.select_related("worker__user").get()


def _approve(gig) -> Assignment:
    """The worker did the work and the coordinator approved the 0.25 hours."""
    assignment = _assignment(gig)
    Assignment.objects.filter(pk=assignment.pk).update(
        status=AssignmentStatus.APPROVED, reported_hours=HOURS, approved_hours=HOURS
    )
    type(gig.order).objects.filter(pk=gig.order_id).update(status=OrderStatus.APPROVED)
    return _assignment(gig)


def _as_worker(client, assignment):
    client.force_login(assignment.worker.user)
    mark_session_mfa(client, assignment.worker.user)  # the benefit figures show in a strong session
    return client


def pdf_text(content: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True)
    return re.sub(r"\s+", " ", out.stdout.decode())


# --- The pricing module itself ----------------------------------------------------------------------
def test_the_awkward_amounts_round_half_up():
    assert worker_pay(HOURS, PAY_RATE) == PAY
    amounts = line_amounts(hours=HOURS, unit_price=CLIENT_PRICE, vat_rate=Decimal("25.50"))
    assert (amounts.net, amounts.vat, amounts.gross) == (LINE_NET, LINE_VAT, LINE_GROSS)
    assert line_amounts(hours=Decimal(1), unit_price=CLIENT_PRICE, vat_rate=Decimal("25.50")).gross == HOURLY_GROSS


# --- Before the work: the offer ---------------------------------------------------------------------
def test_offer__the_workers_gig_page_shows_the_pay_and_the_foresight_counts_it(client, gig):
    assignment = _assignment(gig)
    text = visible(_as_worker(client, assignment).get(reverse("workers:gig", args=[assignment.pk])))
    assert_shows(
        text,
        f"Saat noin {fi(PAY)} euroa.",
        f"Työttömyysetuus tai työmarkkinatuki, maaliskuu 2026: ansaitset tällä keikalla {fi(PAY)} euroa.",
        "Etuutesi pienenee noin 1,32 euroa. Jäät 1,31 euroa voitolle.",  # half of 2.63, half up
    )


def test_offer__the_coordinators_order_page_shows_the_hourly_price(client, gig):
    client.force_login(CoordinatorFactory())
    text = visible(client.get(reverse("coordinator:order", args=[gig.order_id])))
    assert_shows(
        text,
        f"Tuntihinta {fi(HOURLY_NET)} € ilman arvonlisäveroa; {fi(HOURLY_GROSS)} € sis. alv 25,50 %",
        "Hinnat, jotka ovat voimassa 18.3.2026.",
        "Noin 1,32 euroa vähemmän.",  # the worker's benefit badge: half of the gig's 2.63
    )


def test_offer__the_order_forms_price_quote(client, prices):
    text = visible(client.get(reverse("orders:price-quote"), {"preferred_start": GIG_DAY.strftime("%d.%m.%Y")}))
    assert_shows(text, f"{fi(HOURLY_NET)} € / h (ALV 0 %) , {fi(HOURLY_GROSS)} € / h sis. ALV 25,5 %")
    quote = hourly_price_quote(contract_type=ContractType.COMMISSION, day=GIG_DAY)
    assert (quote.net, quote.gross, quote.worker_hourly_pay) == (HOURLY_NET, HOURLY_GROSS, PAY_RATE)


def test_offer__the_units_pages_count_the_planned_pay(client, gig):
    assignment = _assignment(gig)
    unit = assignment.worker.home_unit
    gig.order.unit_notices.create(unit=unit)
    client.force_login(UnitStaffFactory(unit=unit))
    text = visible(client.get(reverse("benefits:worker", args=[assignment.worker_id])))
    # Approved, then planned: the offered gig counts as planned pay in its month.
    assert_shows(text, f"maaliskuu 2026 0,00 euroa {fi(PAY)} euroa", "Noin 1,32 euroa vähemmän.")
    # The candidates for the gig: the benefit is reduced by half of the gig's pay.
    text = visible(client.get(reverse("units:propose", args=[gig.order_id, gig.pk])))
    assert_shows(text, "Aino Lahtinen", "Ei suojaosaa: ansiot pienentävät etuutta. Noin 1,32 euroa vähemmän.")


# --- After the work: approved, invoiced, paid ---------------------------------------------------------
def test_approved__the_workers_pages_show_the_same_pay(client, gig):
    assignment = _approve(gig)
    _as_worker(client, assignment)
    gig_page = visible(client.get(reverse("workers:gig", args=[assignment.pk])))
    assert_shows(gig_page, f"Raha Saat {fi(PAY)} euroa. Siitä vähennetään vero.")
    earnings_page = visible(client.get(reverse("workers:earnings")))
    assert_shows(earnings_page, f"Ansaitsit {fi(PAY)} euroa.", f"18.3.2026 Postitus 0,25 tuntia, {fi(PAY)} euroa")
    front_page = visible(client.get("/"))
    assert_shows(front_page, f"Teit töitä 0,25 tuntia. Työ on hyväksytty. Saat {fi(PAY)} euroa.")
    (month,) = earnings_for_worker(worker=assignment.worker).months
    assert (month.money, month.gigs[0].pay) == (PAY, PAY)


def test_approved__the_units_benefit_page_and_the_foresight_count_the_same_pay(client, gig):
    assignment = _approve(gig)
    client.force_login(UnitStaffFactory(unit=assignment.worker.home_unit))
    text = visible(client.get(reverse("benefits:worker", args=[assignment.worker_id])))
    assert_shows(text, f"maaliskuu 2026 {fi(PAY)} euroa 0,00 euroa", "Noin 1,32 euroa vähemmän.")
    foresight = foresight_for_workers(worker_ids=[assignment.worker_id], day=GIG_DAY)[assignment.worker_id]
    assert foresight.monthly == {"approved": PAY, "planned": Decimal("0.00")}
    with_gig = foresight_for_workers(worker_ids=[assignment.worker_id], day=GIG_DAY, gig=gig)[assignment.worker_id]
    assert with_gig.gig_amount == PAY


def test_approved__the_invoice_rows_pdf_and_finvoice_carry_the_same_euros(client, gig):
    _approve(gig)
    coordinator = CoordinatorFactory()
    invoice = billing_services.invoice_issue_for_order(order_id=gig.order_id, by=coordinator)

    (line,) = invoice.lines.all()
    assert (line.hours, line.unit_price, line.vat_rate) == (HOURS, CLIENT_PRICE, Decimal("25.50"))
    assert (line.net, line.vat, line.gross) == (LINE_NET, LINE_VAT, LINE_GROSS)
    assert (invoice.net, invoice.vat, invoice.gross) == (LINE_NET, LINE_VAT, LINE_GROSS)
    pdf = pdf_text(render_invoice_pdf(invoice))
    # The PDF's row shows the amount excl. VAT; VAT and the total are per rate (the VAT breakdown).
    row = f"18.03.2026 Siivous: Postitus 1 0,25 h {fi(CLIENT_PRICE)} € 25,5 % {fi(LINE_NET)} €"
    per_rate = f"25,5 % {fi(LINE_NET)} € {fi(LINE_VAT)} € {fi(LINE_GROSS)} €"
    assert_shows(pdf, row, per_rate, f"Maksettava yhteensä {fi(LINE_GROSS)} €")
    xml = etree.parse(io.BytesIO(finvoice_xml(invoice)))
    assert xml.findtext("InvoiceRow/RowVatExcludedAmount") == fi(LINE_NET)
    assert xml.findtext("InvoiceRow/RowVatAmount") == fi(LINE_VAT)
    assert xml.findtext("InvoiceRow/RowAmount") == fi(LINE_GROSS)
    assert xml.findtext("InvoiceDetails/InvoiceTotalVatIncludedAmount") == fi(LINE_GROSS)
    client.force_login(coordinator)
    text = visible(client.get(reverse("billing:invoice-detail", args=[invoice.pk])))
    assert_shows(text, f"{fi(LINE_NET)} € {fi(LINE_VAT)} € {fi(LINE_GROSS)} €")
    gig.order.refresh_from_db()
    assert gig.order.status == OrderStatus.INVOICED


def test_approved__the_payout_statement_pays_the_same_euros(client, gig):
    assignment = _approve(gig)
    coordinator = CoordinatorFactory()
    payout = payout_in_run(assignment.worker, by=coordinator)  # a payment run paid today, 20.3.2026

    (line,) = payout.lines.all()
    assert (line.hours, line.rate, line.amount, payout.gross) == (HOURS, PAY_RATE, PAY, PAY)
    pdf = pdf_text(render_payout_pdf(payout))
    assert_shows(pdf, f"18.03.2026 Siivous 0,25 10,50 €/h {fi(PAY)} €", f"Palkkio brutto {fi(PAY)} €")
    earnings = earnings_for_worker(worker=assignment.worker)
    assert earnings.months[0].money == payout.gross
