"""The e-invoice transport interface. One implementation ships (billing.einvoice.folder); an
operator's web service or a test double is another class with the same `send`, named by the setting
`JOBCENTER_EINVOICE_TRANSPORT`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from django.conf import settings
from django.utils.module_loading import import_string


class TransportError(Exception):
    """The message did not leave. The text is shown to the coordinator as the reason."""


class TemporaryTransportError(TransportError):
    """Worth another try later (a full disk, a folder not mounted, an operator's service down)."""


class PermanentTransportError(TransportError):
    """Trying again will not help until a person fixes the cause."""


@dataclass(frozen=True)
class OutboundMessage:
    """One e-invoice as it leaves: the SOAP envelope followed by the Finvoice message, in bytes."""

    message_id: str
    invoice_number: str
    content: bytes


@dataclass(frozen=True)
class Receipt:
    """What the transport says it did: the message's id and where it went (a file name, a URL)."""

    message_id: str
    location: str


@runtime_checkable
class EInvoiceTransport(Protocol):
    def send(self, message: OutboundMessage) -> Receipt:
        """Hand the message over, or raise a TemporaryTransportError or PermanentTransportError.
        Returning means it left: the dispatch is recorded as sent and never sent again."""
        ...


def get_transport() -> EInvoiceTransport:
    """The transport of this installation (`JOBCENTER_EINVOICE_TRANSPORT`, a dotted class path)."""
    return import_string(settings.JOBCENTER_EINVOICE_TRANSPORT)()
