"""Finvoice 3.0 e-invoices, validated against Finance Finland's schema before they leave.

`finvoice_xml(invoice)` builds the message from the frozen invoice and validates it; an invalid
message raises `FinvoiceInvalid` rather than being sent. The schema is the project's own copy,
billing/schemas/Finvoice3.0.xsd.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from pathlib import Path

from lxml import etree

from billing.models import Invoice

SCHEMA_PATH = Path(__file__).resolve().parent / "schemas" / "Finvoice3.0.xsd"
CURRENCY = "EUR"


class FinvoiceInvalid(ValueError):
    """The message does not validate against the Finvoice 3.0 schema."""


@cache
def finvoice_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))


def validate_finvoice(content: bytes) -> None:
    """Raise FinvoiceInvalid with the schema's messages unless `content` is valid Finvoice 3.0."""
    schema = finvoice_schema()
    document = etree.fromstring(content)
    if not schema.validate(document):
        errors = "; ".join(f"line {e.line}: {e.message}" for e in schema.error_log)
        raise FinvoiceInvalid(errors)


def _amount(value: Decimal) -> str:
    """Finvoice amounts: a decimal comma and two decimals (1234,50; -3,70)."""
    return f"{Decimal(value):.2f}".replace(".", ",")


def _number(value: Decimal) -> str:
    text = f"{Decimal(value):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _sub(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    element = etree.SubElement(parent, tag, {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        element.text = text
    return element


def _date(parent, tag: str, day: dt.date) -> None:
    _sub(parent, tag, day.strftime("%Y%m%d"), Format="CCYYMMDD")


def _money(parent, tag: str, value: Decimal) -> None:
    _sub(parent, tag, _amount(value), AmountCurrencyIdentifier=CURRENCY)


def _text(value: str, limit: int) -> str:
    return " ".join(value.split())[:limit]


def finvoice_xml(invoice: Invoice, *, validate: bool = True) -> bytes:
    """The invoice as a Finvoice 3.0 message (UTF-8 bytes), validated against the schema."""
    root = etree.Element("Finvoice", Version="3.0")
    # Seller
    seller = _sub(root, "SellerPartyDetails")
    _sub(seller, "SellerPartyIdentifier", invoice.seller_business_id)
    _sub(seller, "SellerOrganisationName", _text(invoice.seller_name, 70))
    _sub(seller, "SellerOrganisationTaxCode", "FI" + invoice.seller_business_id.replace("-", ""))
    info = _sub(root, "SellerInformationDetails")
    account = _sub(info, "SellerAccountDetails")
    _sub(account, "SellerAccountID", invoice.seller_iban, IdentificationSchemeName="IBAN")
    _sub(account, "SellerBic", invoice.seller_bic, IdentificationSchemeName="BIC")
    # Buyer
    if invoice.buyer_einvoice_address:
        recipient = _sub(root, "InvoiceRecipientPartyDetails")
        _sub(recipient, "InvoiceRecipientPartyIdentifier", invoice.buyer_business_id or None)
        _sub(recipient, "InvoiceRecipientOrganisationName", _text(invoice.buyer_name, 70))
    buyer = _sub(root, "BuyerPartyDetails")
    if invoice.buyer_business_id:
        _sub(buyer, "BuyerPartyIdentifier", invoice.buyer_business_id)
    _sub(buyer, "BuyerOrganisationName", _text(invoice.buyer_name, 70))
    if invoice.buyer_street and invoice.buyer_city and invoice.buyer_postal_code:
        address = _sub(buyer, "BuyerPostalAddressDetails")
        _sub(address, "BuyerStreetName", _text(invoice.buyer_street, 35))
        _sub(address, "BuyerTownName", _text(invoice.buyer_city, 35))
        _sub(address, "BuyerPostCodeIdentifier", invoice.buyer_postal_code)
        _sub(address, "CountryCode", "FI")
    if invoice.buyer_email:
        communication = _sub(root, "BuyerCommunicationDetails")
        _sub(communication, "BuyerEmailaddressIdentifier", invoice.buyer_email)
    # Invoice details
    details = _sub(root, "InvoiceDetails")
    if invoice.is_credit_note:
        _sub(details, "InvoiceTypeCode", "INV02")
        _sub(details, "InvoiceTypeText", "HYVITYSLASKU")
    else:
        _sub(details, "InvoiceTypeCode", "INV01")
        _sub(details, "InvoiceTypeText", "LASKU")
    _sub(details, "OriginCode", "Original")
    _sub(details, "InvoiceNumber", invoice.display_number)
    _date(details, "InvoiceDate", invoice.issue_date)
    if invoice.credits_id:
        _sub(details, "OriginalInvoiceNumber", invoice.credits.display_number)
        _date(details, "OriginalInvoiceDate", invoice.credits.issue_date)
    lines = list(invoice.lines.all())
    if lines:
        _date(details, "InvoicingPeriodStartDate", min(line.date for line in lines))
        _date(details, "InvoicingPeriodEndDate", max(line.date for line in lines))
    if invoice.client_reference:
        _sub(details, "OrderIdentifier", _text(invoice.client_reference, 70))
        _sub(details, "BuyerReferenceIdentifier", _text(invoice.client_reference, 70))
    _money(details, "RowsTotalVatExcludedAmount", invoice.net)
    _money(details, "InvoiceTotalVatExcludedAmount", invoice.net)
    _money(details, "InvoiceTotalVatAmount", invoice.vat)
    _money(details, "InvoiceTotalVatIncludedAmount", invoice.gross)
    for row in invoice.vat_breakdown():
        vat = _sub(details, "VatSpecificationDetails")
        _money(vat, "VatBaseAmount", row.net)
        _sub(vat, "VatRatePercent", _number(row.rate))
        _sub(vat, "VatCode", "S")
        _money(vat, "VatRateAmount", row.vat)
    terms = _sub(details, "PaymentTermsDetails")
    _sub(terms, "PaymentTermsFreeText", f"{invoice.payment_term_days} pv netto")
    _date(terms, "InvoiceDueDate", invoice.due_date)
    if invoice.penalty_interest_note:
        fine = _sub(terms, "PaymentOverDueFineDetails")
        _sub(fine, "PaymentOverDueFineFreeText", _text(invoice.penalty_interest_note, 70))
    _sub(root, "VirtualBankBarcode", invoice.virtual_barcode)
    # Rows
    for line in lines:
        row = _sub(root, "InvoiceRow")
        _sub(row, "ArticleName", _text(line.task, 100))
        _sub(row, "DeliveredQuantity", _number(line.hours), QuantityUnitCode="h", QuantityUnitCodeUN="HUR")
        _sub(row, "InvoicedQuantity", _number(line.hours), QuantityUnitCode="h", QuantityUnitCodeUN="HUR")
        _sub(row, "UnitPriceAmount", _amount(line.unit_price), AmountCurrencyIdentifier=CURRENCY)
        _date(row, "RowDeliveryDate", line.date)
        _sub(row, "RowFreeText", f"{line.worker_count} työntekijää / workers")
        _sub(row, "RowVatRatePercent", _number(line.vat_rate))
        _sub(row, "RowVatCode", "S")
        _money(row, "RowVatAmount", line.vat)
        _money(row, "RowVatExcludedAmount", line.net)
        _money(row, "RowAmount", line.gross)
    # Payment (EpiDetails)
    epi = _sub(root, "EpiDetails")
    identification = _sub(epi, "EpiIdentificationDetails")
    _date(identification, "EpiDate", invoice.issue_date)
    _sub(identification, "EpiReference", "0")
    party = _sub(epi, "EpiPartyDetails")
    bank = _sub(party, "EpiBfiPartyDetails")
    _sub(bank, "EpiBfiIdentifier", invoice.seller_bic, IdentificationSchemeName="BIC")
    beneficiary = _sub(party, "EpiBeneficiaryPartyDetails")
    _sub(beneficiary, "EpiNameAddressDetails", _text(invoice.seller_name, 35))
    _sub(beneficiary, "EpiBei", invoice.seller_business_id)
    _sub(beneficiary, "EpiAccountID", invoice.seller_iban, IdentificationSchemeName="IBAN")
    instruction = _sub(epi, "EpiPaymentInstructionDetails")
    _sub(instruction, "EpiRemittanceInfoIdentifier", invoice.reference, IdentificationSchemeName="SPY")
    _money(instruction, "EpiInstructedAmount", max(invoice.gross, Decimal("0.00")))
    _sub(instruction, "EpiCharge", "SLEV", ChargeOption="SLEV")
    _date(instruction, "EpiDateOptionDate", invoice.due_date)

    content = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    if validate:
        validate_finvoice(content)
    return content
