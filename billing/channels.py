"""How an invoice reaches the buyer: the one rule, for the sending and for the pages that show it.

- "einvoice": the Finvoice message through the e-invoice transport (billing.services.dispatch),
  never a PDF email. Invoices and credit notes alike: the buyer's system needs the credit note too.
- "email": the invoice email with the PDF (billing.services.emails). Credit notes are not emailed.
- "none": nothing is sent on its own (no billing email, or an email client's credit note); the
  client finds it on its own invoice page.

Decided on the invoice's frozen copy of the buyer (the e-invoice address copied at issue), so an
address added to the client later never sends an emailed invoice a second way. A City unit (Act
241/2019: e-invoices only) whose invoice froze no address still goes the e-invoice way: its
dispatch fails with a reason the coordinator acts on, rather than sending the City a PDF it will
not accept. Works on an unsaved invoice too (a preview).
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import pgettext_lazy

from billing.models import Invoice, InvoiceKind
from orders.models import ClientType

EINVOICE = "einvoice"
EMAIL = "email"
NONE = "none"

CHANNEL_LABELS = {
    EINVOICE: pgettext_lazy("invoice channel", "E-invoice"),
    EMAIL: pgettext_lazy("invoice channel", "Email with the PDF"),
    NONE: pgettext_lazy("invoice channel", "Not sent automatically"),
}


def invoice_channel(invoice: Invoice) -> str:
    """ "einvoice", "email" or "none" for this invoice or credit note (see the module)."""
    if invoice.buyer_einvoice_address or (invoice.client_id and invoice.client.client_type == ClientType.CITY_UNIT):
        return EINVOICE
    if invoice.kind == InvoiceKind.INVOICE and invoice.buyer_email:
        return EMAIL
    return NONE


def invoice_channel_label(invoice: Invoice) -> str:
    return str(CHANNEL_LABELS[invoice_channel(invoice)])


def einvoice_channel_q(prefix: str = "") -> Q:
    """The invoices whose channel is "einvoice", as a filter (the same rule as `invoice_channel`)."""
    return ~Q(**{f"{prefix}buyer_einvoice_address": ""}) | Q(**{f"{prefix}client__client_type": ClientType.CITY_UNIT})
