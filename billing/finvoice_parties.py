"""The parties of a Finvoice 3.0 message: the routing (who sends it, to whom, through which
operators) and the names and addresses of the seller, the invoice recipient and the buyer.

Nothing here cuts text to fit: a name longer than one element goes over several (the schema lets
the name elements repeat), split where a reader would split it (" / " first, then between words).
A name that still does not fit raises `FinvoiceInvalid` with a message saying which name and how to
fix it; issuing then refuses the invoice.
"""

from __future__ import annotations

import textwrap

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from billing.models import Invoice
from billing.seller import vat_number

# One name line: the length of the 35-character name elements (InvoiceRecipientOrganisationName,
# DeliveryOrganisationName), and the line a receiving system prints. The buyer's and seller's name
# elements take 70 each, so two lines of 35 carry what one of their elements could.
NAME_WIDTH = 35
NAME_LINES = 2
# Street lines: the schema's three BuyerStreetName / SellerStreetName elements of 35.
STREET_LINES = 3
# The ISO 6523 scheme of Finnish OVT codes ("0037" and the business ID's digits, optionally
# followed by a sub-unit code): the SchemeID of an e-invoice address that is one.
OVT_SCHEME = "0037"


class FinvoiceInvalid(ValueError):
    """The message does not validate against the Finvoice 3.0 schema, or cannot be written.

    `errors` are the reasons, the schema's in its order; `first` is the one to show a person."""

    def __init__(self, *errors: str) -> None:
        super().__init__("; ".join(errors))
        self.errors = list(errors)

    @property
    def first(self) -> str:
        return self.errors[0] if self.errors else ""


def sub(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    element = etree.SubElement(parent, tag, {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        element.text = text
    return element


def _clean(value: str) -> str:
    return " ".join((value or "").split())


def _pack(parts: list[str], width: int) -> list[str]:
    """Join consecutive parts with " / " while the line stays within `width`."""
    lines: list[str] = []
    for part in parts:
        if lines and len(lines[-1]) + 3 + len(part) <= width:
            lines[-1] = f"{lines[-1]} / {part}"
        else:
            lines.append(part)
    return lines


def text_lines(value: str, *, width: int, most: int, what: str) -> list[str]:
    """`value` over at most `most` lines of at most `width` characters, whole: split at " / " (an
    organisation and its unit: "Helsingin kaupunki / Kasvatuksen ja koulutuksen toimiala" gives
    "Helsingin kaupunki" and "Kasvatuksen ja koulutuksen toimiala"), then between words. Raises
    FinvoiceInvalid naming `what` when it does not fit."""
    text = _clean(value)
    if len(text) <= width:
        return [text]
    parts: list[str] = []
    for part in text.split(" / "):
        parts.extend(textwrap.wrap(part, width, break_long_words=False, break_on_hyphens=False) or [part])
    lines = _pack(parts, width)
    if len(lines) > most or any(len(line) > width for line in lines):
        raise FinvoiceInvalid(
            _(
                "%(what)s “%(value)s” does not fit in an e-invoice (at most %(lines)s lines of %(width)s "
                "characters, split between words). Shorten it on the client record."
            )
            % {"what": what, "value": text, "lines": most, "width": width}
        )
    return lines


def _names(parent, tag: str, name: str, *, what: str) -> None:
    for line in text_lines(name, width=NAME_WIDTH, most=NAME_LINES, what=what):
        sub(parent, tag, line)


def _streets(parent, tag: str, street: str, *, what: str) -> None:
    for line in text_lines(street, width=NAME_WIDTH, most=STREET_LINES, what=what):
        sub(parent, tag, line)


def _address(parent, tag: str, value: str) -> None:
    """An e-invoice address; an OVT code carries its scheme (0037), an IBAN none."""
    value = _clean(value).replace(" ", "")
    scheme = OVT_SCHEME if value.isdigit() and value.startswith(OVT_SCHEME) else None
    sub(parent, tag, value, SchemeID=scheme)


def seller_einvoice_address() -> str:
    return _clean(settings.JOBCENTER_SELLER_EINVOICE_ADDRESS).replace(" ", "")


def routed(invoice: Invoice) -> bool:
    """The message can go through the operators: the buyer's e-invoice address and operator are known."""
    return bool(invoice.buyer_einvoice_address.strip() and invoice.buyer_einvoice_operator.strip())


def message_identifier(invoice: Invoice) -> str:
    """The message's identifier: the invoice's number and the second it was issued. The same invoice
    always gives the same identifier, so an operator recognises a message sent again (a retry)."""
    issued = timezone.localtime(invoice.created_at) if invoice.created_at else None
    return f"{invoice.display_number}-{issued:%Y%m%d%H%M%S}" if issued else invoice.display_number


def message_timestamp(invoice: Invoice) -> str:
    moment = invoice.created_at or timezone.now()
    return timezone.localtime(moment).isoformat(timespec="seconds")


def add_transmission(root, invoice: Invoice) -> None:
    """MessageTransmissionDetails: from the seller's e-invoice address and operator (settings) to
    the buyer's (frozen on the invoice at issue). Left out when the buyer has no e-invoice address
    and operator: such a message is only downloaded, never routed."""
    if not routed(invoice):
        return
    transmission = sub(root, "MessageTransmissionDetails")
    sender = sub(transmission, "MessageSenderDetails")
    _address(sender, "FromIdentifier", seller_einvoice_address())
    sub(sender, "FromIntermediator", _clean(settings.JOBCENTER_SELLER_EINVOICE_OPERATOR))
    receiver = sub(transmission, "MessageReceiverDetails")
    _address(receiver, "ToIdentifier", invoice.buyer_einvoice_address)
    sub(receiver, "ToIntermediator", _clean(invoice.buyer_einvoice_operator))
    details = sub(transmission, "MessageDetails")
    sub(details, "MessageIdentifier", message_identifier(invoice))
    sub(details, "MessageTimeStamp", message_timestamp(invoice))


def add_seller(root, invoice: Invoice) -> None:
    seller = sub(root, "SellerPartyDetails")
    sub(seller, "SellerPartyIdentifier", invoice.seller_business_id)
    _names(seller, "SellerOrganisationName", invoice.seller_name, what=_("The seller's name"))
    sub(seller, "SellerOrganisationTaxCode", invoice.seller_vat_number or vat_number(invoice.seller_business_id))
    if invoice.seller_street and invoice.seller_city and invoice.seller_postal_code:
        address = sub(seller, "SellerPostalAddressDetails")
        _streets(address, "SellerStreetName", invoice.seller_street, what=_("The seller's street address"))
        sub(address, "SellerTownName", _clean(invoice.seller_city))
        sub(address, "SellerPostCodeIdentifier", _clean(invoice.seller_postal_code))
        sub(address, "CountryCode", "FI")
    if seller_einvoice_address():
        sub(root, "SellerOrganisationUnitNumber", seller_einvoice_address())
    info = sub(root, "SellerInformationDetails")
    account = sub(info, "SellerAccountDetails")
    sub(account, "SellerAccountID", invoice.seller_iban, IdentificationSchemeName="IBAN")
    sub(account, "SellerBic", invoice.seller_bic, IdentificationSchemeName="BIC")


def add_buyer(root, invoice: Invoice) -> None:
    """The invoice recipient (an e-invoice buyer's receiving party) and the buyer, each with the
    buyer's e-invoice address as its organisation unit number, as Finvoice carries it."""
    what = _("The buyer's name")
    address = _clean(invoice.buyer_einvoice_address).replace(" ", "")
    if address:
        recipient = sub(root, "InvoiceRecipientPartyDetails")
        if invoice.buyer_business_id:
            sub(recipient, "InvoiceRecipientPartyIdentifier", invoice.buyer_business_id)
        _names(recipient, "InvoiceRecipientOrganisationName", invoice.buyer_name, what=what)
        sub(root, "InvoiceRecipientOrganisationUnitNumber", address)
    buyer = sub(root, "BuyerPartyDetails")
    if invoice.buyer_business_id:
        sub(buyer, "BuyerPartyIdentifier", invoice.buyer_business_id)
    _names(buyer, "BuyerOrganisationName", invoice.buyer_name, what=what)
    if invoice.buyer_business_id and vat_number(invoice.buyer_business_id):
        sub(buyer, "BuyerOrganisationTaxCode", vat_number(invoice.buyer_business_id))
    if invoice.buyer_street and invoice.buyer_city and invoice.buyer_postal_code:
        postal = sub(buyer, "BuyerPostalAddressDetails")
        _streets(postal, "BuyerStreetName", invoice.buyer_street, what=_("The buyer's street address"))
        sub(postal, "BuyerTownName", _clean(invoice.buyer_city))
        sub(postal, "BuyerPostCodeIdentifier", _clean(invoice.buyer_postal_code))
        sub(postal, "CountryCode", "FI")
    if address:
        sub(root, "BuyerOrganisationUnitNumber", address)
    if invoice.buyer_email:
        communication = sub(root, "BuyerCommunicationDetails")
        sub(communication, "BuyerEmailaddressIdentifier", invoice.buyer_email)
