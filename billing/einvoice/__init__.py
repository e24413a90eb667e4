"""E-invoice transport: how a Finvoice message, in its SOAP envelope, leaves for the buyer's operator.

- `transport.py`: the interface (`EInvoiceTransport.send(message) -> Receipt`, raising
  `TemporaryTransportError` or `PermanentTransportError`) and `get_transport()`, which builds the one
  named by `JOBCENTER_EINVOICE_TRANSPORT`;
- `envelope.py`: `einvoice_message(invoice)`, the validated Finvoice message with the ebXML SOAP
  envelope of Finvoice's transmission standard in front of it;
- `folder.py`: `FolderTransport`, the shipped implementation: one file per message in an outbound
  folder that the operator's SFTP collects.

The dispatch state and its at-most-once discipline are billing.services.dispatch's.
"""

from billing.einvoice.envelope import MessageNotRoutable, einvoice_message, soap_envelope
from billing.einvoice.transport import (
    EInvoiceTransport,
    OutboundMessage,
    PermanentTransportError,
    Receipt,
    TemporaryTransportError,
    TransportError,
    get_transport,
)

__all__ = [
    "EInvoiceTransport",
    "MessageNotRoutable",
    "OutboundMessage",
    "PermanentTransportError",
    "Receipt",
    "TemporaryTransportError",
    "TransportError",
    "einvoice_message",
    "get_transport",
    "soap_envelope",
]
