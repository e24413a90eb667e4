"""Finvoice 3.0 a City buyer's system accepts: the City's long unit name over the name elements the
schema allows, the routing from the seller's e-invoice address and operator to the buyer's, the
buyer's order reference, contract number and the seller's reference, the client's payment term, and
VAT per rate on the rate's total (EN 16931), the same in the database, the XML and the PDF.

Bad input: a client marked for e-invoices without its address or operator, or an invoice whose
message cannot pass the schema, is not issued; nothing is saved and no number is used."""

from __future__ import annotations

import datetime as dt
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from lxml import etree

from billing import services
from billing.finvoice import SCHEMA_PATH, finvoice_xml, validate_finvoice
from billing.finvoice_parties import text_lines
from billing.models import Invoice, InvoiceSeries
from billing.pdf import render_invoice_pdf
from billing.pricing import vat_by_rate
from jobcenter.errors import DomainError
from orders.models import ClientType, OrderStatus
from tests.factories import ClientOrganisationFactory, CoordinatorFactory
from tests.support.billing import approved_order
from tests.support.pages import visible

pytestmark = pytest.mark.django_db

CITY_UNIT = "Helsingin kaupunki / Kasvatuksen ja koulutuksen toimiala"
OFFICIAL_SCHEMA = Path("/work/shared/data/finvoice/Finvoice3.0.xsd")
# 31.8.2024 at the general rate 24 %; from 1.9.2024 25.5 %. At 14.50 €/h (commission):
# 2 h = 29.00 € (VAT 6.96 €); 0.75 h = 10.88 € and 3.5 h = 50.75 €, together 61.63 €, whose VAT is
# 15.72 €, where the lines' own VATs (2.77 € + 12.94 €) add up to 15.71 €.
TWO_RATES = {dt.date(2024, 8, 31): ["2"], dt.date(2024, 9, 2): ["0.75"], dt.date(2024, 9, 3): ["3.5"]}


def city_client(**overrides):
    fields = {
        "client_type": ClientType.CITY_UNIT,
        "business_id": "0201256-6",
        "name": CITY_UNIT,
        "einvoice_address": "003702012566",
        "einvoice_operator": "003721291126",
        "contract_number": "HEL 2024-0815",
        "billing_street": "PL 3000",
        "billing_postal_code": "00099",
        "billing_city": "Helsingin kaupunki",
    }
    fields.update(overrides)
    return ClientOrganisationFactory(**fields)


def issue(order, issue_date=dt.date(2024, 9, 5)):
    # The refusals are read in English here; the page test reads the coordinator's Finnish.
    with translation.override("en"):
        return services.invoice_issue_for_order(order_id=order.pk, by=CoordinatorFactory(), issue_date=issue_date)


def parsed(invoice) -> etree._Element:
    content = finvoice_xml(invoice)
    validate_finvoice(content)
    etree.XMLSchema(etree.parse(str(OFFICIAL_SCHEMA))).assertValid(etree.fromstring(content))
    return etree.fromstring(content)


def texts(root, path: str) -> list[str]:
    return [element.text for element in root.findall(path)]


def test_the_schema_is_finance_finlands_copy():
    assert SCHEMA_PATH.read_bytes() == OFFICIAL_SCHEMA.read_bytes()


def test_city_buyer__validates_with_both_name_parts_routing_and_references():
    client = city_client()
    order = approved_order({dt.date(2024, 9, 2): ["2"]}, client=client, client_reference="KASKO-PO-4711")
    invoice = issue(order)
    root = parsed(invoice)

    assert texts(root, "BuyerPartyDetails/BuyerOrganisationName") == [
        "Helsingin kaupunki",
        "Kasvatuksen ja koulutuksen toimiala",
    ]
    assert texts(root, "InvoiceRecipientPartyDetails/InvoiceRecipientOrganisationName") == [
        "Helsingin kaupunki",
        "Kasvatuksen ja koulutuksen toimiala",
    ]
    assert root.findtext("BuyerOrganisationUnitNumber") == "003702012566"
    assert root.findtext("InvoiceRecipientOrganisationUnitNumber") == "003702012566"
    assert root.findtext("BuyerPartyDetails/BuyerOrganisationTaxCode") == "FI02012566"
    # The routing: from the seller's e-invoice address and operator to the buyer's.
    transmission = root.find("MessageTransmissionDetails")
    assert transmission is not None
    assert transmission.findtext("MessageSenderDetails/FromIdentifier") == "003702012566"
    assert transmission.find("MessageSenderDetails/FromIdentifier").get("SchemeID") == "0037"
    assert transmission.findtext("MessageSenderDetails/FromIntermediator") == "003721291126"
    assert transmission.findtext("MessageReceiverDetails/ToIdentifier") == "003702012566"
    assert transmission.findtext("MessageReceiverDetails/ToIntermediator") == "003721291126"
    assert transmission.findtext("MessageDetails/MessageIdentifier").startswith(invoice.display_number)
    assert transmission.findtext("MessageDetails/MessageTimeStamp")
    # The same invoice gives the same message identifier, so a retry is recognised.
    assert etree.fromstring(finvoice_xml(invoice)).findtext(
        "MessageTransmissionDetails/MessageDetails/MessageIdentifier"
    ) == transmission.findtext("MessageDetails/MessageIdentifier")
    # The references, frozen on the invoice.
    assert (invoice.client_reference, invoice.buyer_agreement_identifier) == ("KASKO-PO-4711", "HEL 2024-0815")
    assert invoice.seller_reference == order.number
    assert root.findtext("InvoiceDetails/OrderIdentifier") == "KASKO-PO-4711"
    assert root.findtext("InvoiceDetails/AgreementIdentifier") == "HEL 2024-0815"
    assert root.findtext("InvoiceDetails/SellerReferenceIdentifier") == order.number


@override_settings(
    JOBCENTER_SELLER_NAME="Helsingin kaupunki / Työllisyyspalvelut / Jobcenter",
    JOBCENTER_SELLER_EINVOICE_ADDRESS="003702012566001",
    JOBCENTER_SELLER_EINVOICE_OPERATOR="003723327487",
)
def test_seller__a_long_name_goes_over_name_lines_and_its_address_is_the_sender():
    invoice = issue(approved_order({dt.date(2024, 9, 2): ["2"]}, client=city_client()))
    root = parsed(invoice)
    assert texts(root, "SellerPartyDetails/SellerOrganisationName") == [
        "Helsingin kaupunki",
        "Työllisyyspalvelut / Jobcenter",
    ]
    assert root.findtext("SellerOrganisationUnitNumber") == "003702012566001"
    assert root.findtext("MessageTransmissionDetails/MessageSenderDetails/FromIdentifier") == "003702012566001"
    assert root.findtext("MessageTransmissionDetails/MessageSenderDetails/FromIntermediator") == "003723327487"


def test_text_lines__split_at_the_slash_then_between_words_never_cut():
    assert text_lines("Helsingin kaupunki / Jobcenter", width=35, most=2, what="x") == [
        "Helsingin kaupunki / Jobcenter"
    ]
    assert text_lines(CITY_UNIT, width=35, most=2, what="x") == [
        "Helsingin kaupunki",
        "Kasvatuksen ja koulutuksen toimiala",
    ]
    lines = text_lines("Pohjois-Helsingin kiinteistöhuolto ja siivous osakeyhtiö", width=35, most=2, what="x")
    assert lines == ["Pohjois-Helsingin kiinteistöhuolto", "ja siivous osakeyhtiö"]
    assert " ".join(lines) == "Pohjois-Helsingin kiinteistöhuolto ja siivous osakeyhtiö"


def test_two_rates__one_vat_row_per_rate_with_the_vat_of_the_rates_total(tmp_path):
    invoice = issue(approved_order(TWO_RATES, client=city_client()))

    # The database: VAT per rate on the rate's total, and the invoice's VAT their sum.
    rows = invoice.vat_breakdown()
    assert [(row.rate, row.net, row.vat, row.gross) for row in rows] == [
        (Decimal("24.00"), Decimal("29.00"), Decimal("6.96"), Decimal("35.96")),
        (Decimal("25.50"), Decimal("61.63"), Decimal("15.72"), Decimal("77.35")),
    ]
    invoice.refresh_from_db()
    assert (invoice.net, invoice.vat, invoice.gross) == (Decimal("90.63"), Decimal("22.68"), Decimal("113.31"))
    # The lines keep their own (informative) VAT: 2.77 + 12.94 at 25.5 %.
    assert [line.vat for line in invoice.lines.all()] == [Decimal("6.96"), Decimal("2.77"), Decimal("12.94")]

    # The XML: the same figures.
    root = parsed(invoice)
    vat_rows = root.findall("InvoiceDetails/VatSpecificationDetails")
    assert [
        (v.findtext("VatRatePercent"), v.findtext("VatBaseAmount"), v.findtext("VatRateAmount")) for v in vat_rows
    ] == [("24", "29,00", "6,96"), ("25,5", "61,63", "15,72")]
    assert root.findtext("InvoiceDetails/InvoiceTotalVatAmount") == "22,68"
    assert root.findtext("InvoiceDetails/InvoiceTotalVatIncludedAmount") == "113,31"
    assert root.findtext("EpiDetails/EpiPaymentInstructionDetails/EpiInstructedAmount") == "113,31"

    # The PDF: its VAT per rate reads the same rows.
    path = tmp_path / "invoice.pdf"
    path.write_bytes(render_invoice_pdf(invoice))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "15,72" in text
    assert "113,31" in text


def test_two_rates__the_credit_note_mirrors_the_vat_of_the_rates():
    invoice = issue(approved_order(TWO_RATES, client=city_client()))
    credit = services.credit_note_issue(invoice_id=invoice.pk, by=CoordinatorFactory(), reason="Väärä tilaus")
    credit.refresh_from_db()
    assert (credit.net, credit.vat, credit.gross) == (Decimal("-90.63"), Decimal("-22.68"), Decimal("-113.31"))
    assert [(row.rate, row.vat) for row in credit.vat_breakdown()] == [
        (Decimal("24.00"), Decimal("-6.96")),
        (Decimal("25.50"), Decimal("-15.72")),
    ]
    root = parsed(credit)
    assert texts(root, "InvoiceDetails/VatSpecificationDetails/VatRateAmount") == ["-6,96", "-15,72"]


def test_vat_by_rate__rounds_the_rates_total_half_up_once():
    class Line:
        def __init__(self, net, rate):
            self.net, self.vat_rate = Decimal(net), Decimal(rate)

    (row,) = vat_by_rate([Line("10.88", "25.50"), Line("50.75", "25.50")])
    assert (row.net, row.vat, row.gross) == (Decimal("61.63"), Decimal("15.72"), Decimal("77.35"))
    (negative,) = vat_by_rate([Line("-10.88", "25.50"), Line("-50.75", "25.50")])
    assert negative.vat == Decimal("-15.72")


def test_client_payment_term__used_on_the_invoice_and_in_the_message():
    client = city_client(payment_term_days=30)
    invoice = issue(approved_order({dt.date(2024, 9, 2): ["2"]}, client=client), issue_date=dt.date(2024, 9, 5))
    assert (invoice.payment_term_days, invoice.due_date) == (30, dt.date(2024, 10, 5))
    root = parsed(invoice)
    assert root.findtext("InvoiceDetails/PaymentTermsDetails/PaymentTermsFreeText").startswith("30 pv netto")
    assert root.findtext("InvoiceDetails/PaymentTermsDetails/InvoiceDueDate") == "20241005"
    assert root.findtext("EpiDetails/EpiPaymentInstructionDetails/EpiDateOptionDate") == "20241005"


def test_client_without_payment_term__gets_the_usual_one(settings):
    settings.JOBCENTER_PAYMENT_TERM_DAYS = 21
    invoice = issue(approved_order({dt.date(2024, 9, 2): ["2"]}, client=city_client()), issue_date=dt.date(2024, 9, 5))
    assert (invoice.payment_term_days, invoice.due_date) == (21, dt.date(2024, 9, 26))


def _assert_nothing_issued(order, next_number: int) -> None:
    assert not Invoice.objects.exists()
    assert InvoiceSeries.objects.get(code="JC").next_number == next_number
    order.refresh_from_db()
    assert order.status == OrderStatus.APPROVED


@pytest.mark.parametrize(
    "missing",
    [
        {"einvoice_address": ""},
        {"einvoice_operator": ""},
        {"einvoice_address": "", "einvoice_operator": ""},
    ],
)
def test_city_client_without_einvoice_routing__is_refused_with_what_to_fill_in(missing):
    client = city_client(**missing)
    order = approved_order({dt.date(2024, 9, 2): ["2"]}, client=client)
    next_number = InvoiceSeries.objects.get(code="JC").next_number
    with pytest.raises(DomainError) as refused:
        issue(order)
    assert str(refused.value) == (
        f"Fill in the e-invoice address and operator of {CITY_UNIT} (client record) before invoicing."
    )
    _assert_nothing_issued(order, next_number)


def test_company_with_an_einvoice_address_but_no_operator__is_refused():
    client = ClientOrganisationFactory(name="Laskuttaja Oy", einvoice_address="003712345671")
    order = approved_order({dt.date(2024, 9, 2): ["2"]}, client=client)
    with pytest.raises(DomainError, match="Fill in the e-invoice address and operator of Laskuttaja Oy"):
        issue(order)


def test_name_that_cannot_fit__is_refused_and_rolls_back():
    name = "Kaupunkiympäristönpalvelukokonaisuudenhallinto / Rakennusvalvonta"
    order = approved_order({dt.date(2024, 9, 2): ["2"]}, client=city_client(name=name))
    next_number = InvoiceSeries.objects.get(code="JC").next_number
    with pytest.raises(DomainError) as refused:
        issue(order)
    message = str(refused.value)
    assert message.startswith("The invoice was not issued: its e-invoice (Finvoice 3.0) does not pass the check.")
    assert f"The buyer's name “{name}” does not fit in an e-invoice" in message
    assert "Shorten it on the client record." in message
    _assert_nothing_issued(order, next_number)


def test_message_failing_the_schema__is_not_issued_and_the_schemas_error_is_shown():
    # A one-character operator code: the schema's ToIntermediator takes 2 to 35 characters.
    order = approved_order({dt.date(2024, 9, 2): ["2"]}, client=city_client(einvoice_operator="X"))
    next_number = InvoiceSeries.objects.get(code="JC").next_number
    with pytest.raises(DomainError) as refused:
        issue(order)
    message = str(refused.value)
    assert message.startswith("The invoice was not issued: its e-invoice (Finvoice 3.0) does not pass the check.")
    assert "ToIntermediator" in message
    _assert_nothing_issued(order, next_number)


def test_monthly_references_that_do_not_fit_their_element__go_whole_into_the_free_text():
    client = city_client()
    refs = [f"KASKO-TILAUS-2024-{n:04d}" for n in range(4)]
    orders = [
        approved_order({dt.date(2024, 9, 2 + n): ["1"]}, client=client, client_reference=ref)
        for n, ref in enumerate(refs)
    ]
    client.invoicing_mode = "monthly"
    client.save(update_fields=["invoicing_mode"])
    invoice = services.invoice_issue_monthly(
        client_id=client.pk, year=2024, month=9, by=CoordinatorFactory(), issue_date=dt.date(2024, 10, 1)
    )
    assert invoice.orders.count() == len(orders)
    root = parsed(invoice)
    assert root.findtext("InvoiceDetails/OrderIdentifier") == refs[0]
    free = " ".join(texts(root, "InvoiceDetails/InvoiceFreeText"))
    assert all(ref in free for ref in refs)
    assert root.findtext("InvoiceDetails/SellerReferenceIdentifier") == ", ".join(o.number for o in orders)


def test_issue_page__the_coordinator_reads_what_to_fill_in(client):
    order = approved_order({dt.date(2024, 9, 2): ["2"]}, client=city_client(einvoice_operator=""))
    client.force_login(CoordinatorFactory())
    response = client.post(reverse("billing:invoice-issue", args=[order.pk]), {"confirm": "True"}, follow=True)
    assert response.status_code == 200
    assert not Invoice.objects.exists()
    assert (
        f"Täytä asiakkaan {CITY_UNIT} verkkolaskuosoite ja välittäjätunnus (asiakastiedot) ennen laskutusta."
        in visible(response)
    )
