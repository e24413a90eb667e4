"""Finvoice 3.0: every produced message validates against the project's copy of the schema, and the
validator does refuse a broken one."""

import datetime as dt

import pytest
from lxml import etree

from billing import services
from billing.finvoice import FinvoiceInvalid, finvoice_xml, validate_finvoice
from orders.models import ClientType
from tests.factories import ClientOrganisationFactory, CoordinatorFactory
from tests.support.billing import approved_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def city_invoice():
    client = ClientOrganisationFactory(
        client_type=ClientType.CITY_UNIT,
        business_id="0201256-6",
        name="Kasvatuksen ja koulutuksen toimiala",
        einvoice_address="003702012566",
        einvoice_operator="003721291126",
    )
    order = approved_order(
        {dt.date(2024, 8, 31): ["2", "2"], dt.date(2024, 9, 1): ["1.5"]}, client=client, client_reference="KASKO-123"
    )
    return services.invoice_issue_for_order(order_id=order.pk, by=CoordinatorFactory(), issue_date=dt.date(2024, 9, 5))


def test_finvoice_xml__validates_and_carries_the_invoice(city_invoice):
    content = finvoice_xml(city_invoice)
    validate_finvoice(content)  # again, explicitly
    root = etree.fromstring(content)
    assert root.get("Version") == "3.0"
    assert root.findtext("InvoiceDetails/InvoiceNumber") == "JC1001"
    assert root.find("InvoiceDetails/InvoiceDate").get("Format") == "CCYYMMDD"
    assert root.findtext("InvoiceDetails/InvoiceDate") == "20240905"
    assert root.findtext("InvoiceDetails/OrderIdentifier") == "KASKO-123"
    assert root.findtext("InvoiceDetails/InvoiceTotalVatIncludedAmount") == str(city_invoice.gross).replace(".", ",")
    assert [v.findtext("VatRatePercent") for v in root.findall("InvoiceDetails/VatSpecificationDetails")] == [
        "24",
        "25,5",
    ]
    assert len(root.findall("InvoiceRow")) == 2
    assert root.findtext("BuyerPartyDetails/BuyerPartyIdentifier") == "0201256-6"
    assert (
        root.findtext("EpiDetails/EpiPartyDetails/EpiBeneficiaryPartyDetails/EpiAccountID") == city_invoice.seller_iban
    )
    assert (
        root.findtext("EpiDetails/EpiPaymentInstructionDetails/EpiRemittanceInfoIdentifier") == city_invoice.reference
    )
    assert root.findtext("EpiDetails/EpiPaymentInstructionDetails/EpiInstructedAmount") == str(
        city_invoice.gross
    ).replace(".", ",")
    assert root.findtext("EpiDetails/EpiPaymentInstructionDetails/EpiDateOptionDate") == "20240919"


def test_finvoice_xml__a_credit_note_validates_too(city_invoice):
    credit = services.credit_note_issue(invoice_id=city_invoice.pk, by=CoordinatorFactory(), reason="Virhe")
    root = etree.fromstring(finvoice_xml(credit))
    assert root.findtext("InvoiceDetails/InvoiceTypeCode") == "INV02"
    assert root.findtext("InvoiceDetails/OriginalInvoiceNumber") == city_invoice.display_number
    assert root.findtext("InvoiceDetails/InvoiceTotalVatIncludedAmount").startswith("-")


@pytest.mark.parametrize(
    "break_it",
    [
        lambda root: root.remove(root.find("EpiDetails")),  # EpiDetails is mandatory
        lambda root: root.find("InvoiceDetails/InvoiceTotalVatIncludedAmount").__setattr__("text", "153.48"),  # dot
        lambda root: root.find("InvoiceDetails/InvoiceDate").attrib.pop("Format"),
        lambda root: root.find("EpiDetails/EpiPaymentInstructionDetails/EpiRemittanceInfoIdentifier").__setattr__(
            "text", "X1"
        ),
        lambda root: [root.remove(row) for row in root.findall("InvoiceRow")],
    ],
)
def test_validate_finvoice__the_validator_bites(city_invoice, break_it):
    root = etree.fromstring(finvoice_xml(city_invoice))
    break_it(root)
    with pytest.raises(FinvoiceInvalid):
        validate_finvoice(etree.tostring(root))
