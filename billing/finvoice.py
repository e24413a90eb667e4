"""Finvoice 3.0 e-invoices, validated against Finance Finland's schema before they leave.

`finvoice_xml(invoice)` builds the message from the frozen invoice and validates it; an invalid
message raises `FinvoiceInvalid` rather than being sent. Issuing builds and validates every
invoice's message inside its transaction, so an invoice whose message would fail is never issued.
The schema is the project's own copy, billing/schemas/Finvoice3.0.xsd (identical to Finance
Finland's). The parties and the routing are in `billing.finvoice_parties`.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _
from lxml import etree

from billing.finvoice_parties import (
    NAME_LINES,
    NAME_WIDTH,
    FinvoiceInvalid,
    add_buyer,
    add_seller,
    add_transmission,
    sub,
    text_lines,
)
from billing.models import Invoice

SCHEMA_PATH = Path(__file__).resolve().parent / "schemas" / "Finvoice3.0.xsd"
CURRENCY = "EUR"


@cache
def finvoice_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))


def validate_finvoice(content: bytes) -> None:
    """Raise FinvoiceInvalid with the schema's messages unless `content` is valid Finvoice 3.0."""
    schema = finvoice_schema()
    document = etree.fromstring(content)
    if not schema.validate(document):
        raise FinvoiceInvalid(*(f"line {e.line}: {e.message}" for e in schema.error_log))


def _amount(value: Decimal) -> str:
    """Finvoice amounts: a decimal comma and two decimals (1234,50; -3,70)."""
    return f"{Decimal(value):.2f}".replace(".", ",")


def _number(value: Decimal) -> str:
    text = f"{Decimal(value):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _date(parent, tag: str, day: dt.date) -> None:
    sub(parent, tag, day.strftime("%Y%m%d"), Format="CCYYMMDD")


def _money(parent, tag: str, value: Decimal) -> None:
    sub(parent, tag, _amount(value), AmountCurrencyIdentifier=CURRENCY)


def _text(value: str, limit: int) -> str:
    return " ".join(value.split())[:limit]


def _references(label: str, value: str, limit: int = 70) -> tuple[str, str | None]:
    """A reference element's text and, when the references of a collective invoice do not fit in
    the element, a free-text line carrying them all: the element then names the first one."""
    value = " ".join(value.split())
    if len(value) <= limit:
        return value, None
    return value.split(", ")[0][:limit], f"{label}: {value}"


def add_details(root, invoice: Invoice, lines) -> None:
    """InvoiceDetails: type, number and dates, the references, the totals, the VAT per rate and the
    payment terms. The VAT rows are the invoice's own (`vat_breakdown`, VAT on each rate's total),
    the same figures as its `vat` and the PDF."""
    details = sub(root, "InvoiceDetails")
    if invoice.is_credit_note:
        sub(details, "InvoiceTypeCode", "INV02")
        sub(details, "InvoiceTypeText", "HYVITYSLASKU")
    else:
        sub(details, "InvoiceTypeCode", "INV01")
        sub(details, "InvoiceTypeText", "LASKU")
    sub(details, "OriginCode", "Original")
    sub(details, "InvoiceNumber", invoice.display_number)
    _date(details, "InvoiceDate", invoice.issue_date)
    if invoice.credits_id:
        sub(details, "OriginalInvoiceNumber", invoice.credits.display_number)
        _date(details, "OriginalInvoiceDate", invoice.credits.issue_date)
    if lines:
        _date(details, "InvoicingPeriodStartDate", min(line.date for line in lines))
        _date(details, "InvoicingPeriodEndDate", max(line.date for line in lines))
    free_texts = []
    if invoice.seller_reference:
        ours, text = _references("Tilaukset / Beställningar / Orders", invoice.seller_reference)
        sub(details, "SellerReferenceIdentifier", ours)
        free_texts.append(text)
    if invoice.client_reference:
        order, text = _references(
            "Tilausviitteet / Beställningsreferenser / Order references", invoice.client_reference
        )
        sub(details, "OrderIdentifier", order)
        free_texts.append(text)
    if invoice.buyer_agreement_identifier:
        sub(details, "AgreementIdentifier", " ".join(invoice.buyer_agreement_identifier.split()))
    if invoice.client_reference:
        sub(details, "BuyerReferenceIdentifier", order)
    _money(details, "RowsTotalVatExcludedAmount", invoice.net)
    _money(details, "InvoiceTotalVatExcludedAmount", invoice.net)
    _money(details, "InvoiceTotalVatAmount", invoice.vat)
    _money(details, "InvoiceTotalVatIncludedAmount", invoice.gross)
    for row in invoice.vat_breakdown():
        vat = sub(details, "VatSpecificationDetails")
        _money(vat, "VatBaseAmount", row.net)
        sub(vat, "VatRatePercent", _number(row.rate))
        sub(vat, "VatCode", "S")
        _money(vat, "VatRateAmount", row.vat)
    for text in free_texts:
        if text:
            sub(details, "InvoiceFreeText", text[:512])
    terms = sub(details, "PaymentTermsDetails")
    if not invoice.is_credit_note:
        days = invoice.payment_term_days
        sub(terms, "PaymentTermsFreeText", f"{days} pv netto / {days} dagar netto / {days} days net")
    _date(terms, "InvoiceDueDate", invoice.due_date)
    if invoice.penalty_interest_note:
        fine = sub(terms, "PaymentOverDueFineDetails")
        sub(fine, "PaymentOverDueFineFreeText", _text(invoice.penalty_interest_note, 70))


def add_row(root, line) -> None:
    """One InvoiceRow. Its VAT is the line's own figure, informative: the invoice's VAT is computed
    per rate on the rate's total (InvoiceDetails above)."""
    row = sub(root, "InvoiceRow")
    task = " ".join(line.task.split())
    if len(task) <= 100:
        sub(row, "ArticleName", task)
    else:
        # The article name takes 100 characters; the whole task goes in the description.
        sub(row, "ArticleName", textwrap.shorten(task, 100, placeholder=" …"))
        sub(row, "ArticleDescription", task[:512])
    sub(row, "DeliveredQuantity", _number(line.hours), QuantityUnitCode="h", QuantityUnitCodeUN="HUR")
    sub(row, "InvoicedQuantity", _number(line.hours), QuantityUnitCode="h", QuantityUnitCodeUN="HUR")
    sub(row, "UnitPriceAmount", _amount(line.unit_price), AmountCurrencyIdentifier=CURRENCY)
    _date(row, "RowDeliveryDate", line.date)
    sub(row, "RowFreeText", f"{line.worker_count} työntekijää / arbetstagare / workers")
    sub(row, "RowVatRatePercent", _number(line.vat_rate))
    sub(row, "RowVatCode", "S")
    _money(row, "RowVatAmount", line.vat)
    _money(row, "RowVatExcludedAmount", line.net)
    _money(row, "RowAmount", line.gross)


def finvoice_xml(invoice: Invoice, *, validate: bool = True) -> bytes:
    """The invoice as a Finvoice 3.0 message (UTF-8 bytes), validated against the schema.

    Raises FinvoiceInvalid when a name does not fit or the schema refuses the message."""
    root = etree.Element("Finvoice", Version="3.0")
    add_transmission(root, invoice)
    add_seller(root, invoice)
    add_buyer(root, invoice)
    lines = list(invoice.lines.all())
    add_details(root, invoice, lines)
    sub(root, "VirtualBankBarcode", invoice.virtual_barcode)
    for line in lines:
        add_row(root, line)
    # Payment (EpiDetails)
    epi = sub(root, "EpiDetails")
    identification = sub(epi, "EpiIdentificationDetails")
    _date(identification, "EpiDate", invoice.issue_date)
    sub(identification, "EpiReference", "0")
    party = sub(epi, "EpiPartyDetails")
    bank = sub(party, "EpiBfiPartyDetails")
    sub(bank, "EpiBfiIdentifier", invoice.seller_bic, IdentificationSchemeName="BIC")
    beneficiary = sub(party, "EpiBeneficiaryPartyDetails")
    # The payee's name of the credit transfer: one line of 35, the name's first (whole words).
    payee = text_lines(invoice.seller_name, width=NAME_WIDTH, most=NAME_LINES, what=_("The seller's name"))[0]
    sub(beneficiary, "EpiNameAddressDetails", payee)
    sub(beneficiary, "EpiBei", invoice.seller_business_id)
    sub(beneficiary, "EpiAccountID", invoice.seller_iban, IdentificationSchemeName="IBAN")
    instruction = sub(epi, "EpiPaymentInstructionDetails")
    sub(instruction, "EpiRemittanceInfoIdentifier", invoice.reference, IdentificationSchemeName="SPY")
    _money(instruction, "EpiInstructedAmount", max(invoice.gross, Decimal("0.00")))
    sub(instruction, "EpiCharge", "SLEV", ChargeOption="SLEV")
    _date(instruction, "EpiDateOptionDate", invoice.due_date)

    content = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    if validate:
        validate_finvoice(content)
    return content
