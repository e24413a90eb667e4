"""The message as Finvoice's transmission standard sends it: an ebXML SOAP envelope (the routing:
sender and receiver e-invoice addresses with their intermediators, the message id and time),
followed in the same file by the Finvoice message itself.

The routing is read from the message's own MessageTransmissionDetails when it has them, so the
envelope and the message never disagree; otherwise from the frozen invoice (the buyer's e-invoice
address and operator) and the seller's settings.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from billing.einvoice.transport import OutboundMessage
from billing.finvoice import finvoice_xml
from billing.models import Invoice

SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/"
EB_NS = "http://www.oasis-open.org/committees/ebxml-msg/schema/msg-header-2_0.xsd"
XLINK_NS = "http://www.w3.org/1999/xlink"
_NSMAP = {"SOAP-ENV": SOAP_NS, "eb": EB_NS, "xlink": XLINK_NS}


class MessageNotRoutable(ValueError):
    """The invoice lacks what an operator needs to deliver it (the buyer's e-invoice address)."""


def _soap(tag: str) -> str:
    return f"{{{SOAP_NS}}}{tag}"


def _eb(tag: str) -> str:
    return f"{{{EB_NS}}}{tag}"


def _party(header, tag: str, party_id: str, role: str) -> None:
    if not party_id:
        return
    party = etree.SubElement(header, _eb(tag))
    etree.SubElement(party, _eb("PartyId")).text = party_id
    etree.SubElement(party, _eb("Role")).text = role


def soap_envelope(
    *,
    message_id: str,
    timestamp: str,
    sender: str,
    sender_intermediator: str,
    receiver: str,
    receiver_intermediator: str,
) -> bytes:
    """The ebXML SOAP envelope (msg-header-2_0) that goes in front of a Finvoice message."""
    envelope = etree.Element(_soap("Envelope"), nsmap=_NSMAP)
    header = etree.SubElement(
        etree.SubElement(envelope, _soap("Header")),
        _eb("MessageHeader"),
        {_soap("mustUnderstand"): "1", _eb("version"): "2.0"},
    )
    _party(header, "From", sender, "Sender")
    _party(header, "From", sender_intermediator, "Intermediator")
    _party(header, "To", receiver, "Receiver")
    _party(header, "To", receiver_intermediator, "Intermediator")
    etree.SubElement(header, _eb("CPAId")).text = "yoursandmycpa"
    etree.SubElement(header, _eb("Service")).text = "Routing"
    etree.SubElement(header, _eb("Action")).text = "ProcessInvoice"
    data = etree.SubElement(header, _eb("MessageData"))
    etree.SubElement(data, _eb("MessageId")).text = message_id
    etree.SubElement(data, _eb("Timestamp")).text = timestamp
    manifest = etree.SubElement(
        etree.SubElement(envelope, _soap("Body")), _eb("Manifest"), {_eb("id"): "Manifest", _eb("version"): "2.0"}
    )
    reference = etree.SubElement(manifest, _eb("Reference"), {_eb("id"): "Finvoice", f"{{{XLINK_NS}}}href": message_id})
    schema = {_eb("location"): "http://www.finvoice.info/finvoice.xsd", _eb("version"): "3.0"}
    etree.SubElement(reference, _eb("schema"), schema)
    return etree.tostring(envelope, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def seller_einvoice_address() -> str:
    """The seller's e-invoice address: the setting, else the OVT code of its business ID (0037 + the
    ID's digits), which is how Finnish organisations are addressed by default."""
    configured = getattr(settings, "JOBCENTER_SELLER_EINVOICE_ADDRESS", "")
    return configured or "0037" + settings.JOBCENTER_SELLER_BUSINESS_ID.replace("-", "")


def _transmission(finvoice: bytes) -> dict[str, str]:
    """The routing the message states about itself (MessageTransmissionDetails), as far as it does."""
    root = etree.fromstring(finvoice)
    details = root.find("MessageTransmissionDetails")
    if details is None:
        return {}
    paths = {
        "sender": "MessageSenderDetails/FromIdentifier",
        "sender_intermediator": "MessageSenderDetails/FromIntermediator",
        "receiver": "MessageReceiverDetails/ToIdentifier",
        "receiver_intermediator": "MessageReceiverDetails/ToIntermediator",
        "message_id": "MessageDetails/MessageIdentifier",
        "timestamp": "MessageDetails/MessageTimeStamp",
    }
    found = {key: (details.findtext(path) or "").strip() for key, path in paths.items()}
    return {key: value for key, value in found.items() if value}


def einvoice_message(invoice: Invoice) -> OutboundMessage:
    """The invoice's Finvoice message, validated against the schema, in its SOAP envelope.

    Raises billing.finvoice.FinvoiceInvalid when the message fails the schema, and
    MessageNotRoutable when the invoice has no e-invoice address to send it to."""
    finvoice = finvoice_xml(invoice)
    routing = {
        "sender": seller_einvoice_address(),
        "sender_intermediator": getattr(settings, "JOBCENTER_SELLER_EINVOICE_OPERATOR", ""),
        "receiver": invoice.buyer_einvoice_address,
        "receiver_intermediator": invoice.buyer_einvoice_operator,
        "message_id": invoice.display_number,
        "timestamp": timezone.localtime().isoformat(timespec="seconds"),
    }
    routing.update(_transmission(finvoice))
    if not routing["receiver"]:
        raise MessageNotRoutable(
            _("The invoice has no e-invoice address. Fill in the client's e-invoice address and operator.")
        )
    envelope = soap_envelope(**routing)
    return OutboundMessage(
        message_id=routing["message_id"], invoice_number=invoice.display_number, content=envelope + finvoice
    )
