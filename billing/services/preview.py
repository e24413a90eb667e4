"""What issuing an order's invoice would issue, shown before the coordinator confirms it.

Built from the very drafts the issue uses (`issuing._line_drafts`: the approved hours not yet
invoiced) and the same totals (`billing.pricing.vat_by_rate`), so the preview equals the invoice to
the cent. Nothing is saved and no number is taken: the series is not even read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from billing.channels import EINVOICE, EMAIL, invoice_channel
from billing.models import Invoice, InvoiceKind, VatBreakdownRow
from billing.pricing import ZERO, vat_by_rate, vat_total
from billing.services.issuing import LineDraft, _invoice_of, _line_drafts, partner_invoices_message
from jobcenter.errors import DomainError
from orders.models import ClientOrganisation, Order, OrderStatus


@dataclass(frozen=True)
class InvoicePreview:
    order: Order
    client: ClientOrganisation
    lines: list[LineDraft]
    vat_rows: list[VatBreakdownRow]
    net: Decimal
    vat: Decimal
    gross: Decimal
    issue_date: dt.date
    due_date: dt.date
    buyer_name: str
    buyer_address: str
    channel: str  # "einvoice", "email" or "none" (billing.channels)
    channel_to: str  # the e-invoice address / operator, or the billing email
    blocker: str  # why it cannot be issued yet; empty when it can
    standing: Invoice | None  # the order's invoice when all its work is invoiced already

    @property
    def can_issue(self) -> bool:
        return not self.blocker


def _channel(client: ClientOrganisation) -> tuple[str, str, str]:
    """The channel of the invoice issuing would make (`billing.channels`' rule on the buyer's details
    that issuing freezes), where it goes, and what stops it."""
    unsaved = Invoice(
        client=client,
        kind=InvoiceKind.INVOICE,
        buyer_einvoice_address=client.einvoice_address,
        buyer_email=client.billing_email,
    )
    channel = invoice_channel(unsaved)
    if channel == EINVOICE:
        if not (client.einvoice_address and client.einvoice_operator):
            return channel, "", _("No channel: fill in the client's e-invoice address and operator.")
        return channel, f"{client.einvoice_address} / {client.einvoice_operator}", ""
    if channel == EMAIL:
        return channel, client.billing_email, ""
    return channel, "", _("No channel: fill in the client's billing email or e-invoice address.")


def invoice_preview_for_order(order_id: int, *, issue_date: dt.date | None = None) -> InvoicePreview:
    """The lines, VAT per rate, totals, recipient, channel and due date of the order's next invoice."""
    try:
        order = Order.objects.select_related("client", "task_type").get(pk=order_id)
    except Order.DoesNotExist:
        raise DomainError(_("The order no longer exists.")) from None
    client = order.client
    drafts = _line_drafts([order], client.language, with_order_number=False)
    rows = vat_by_rate(drafts)
    net = sum((d.net for d in drafts), ZERO)
    vat = vat_total(rows)
    issue_date = issue_date or timezone.localdate()
    channel, channel_to, blocker = _channel(client)
    standing = None if drafts else _invoice_of(order)
    if partner_invoices_message(order):
        blocker = partner_invoices_message(order)
    elif order.status != OrderStatus.APPROVED:
        blocker = _("Only an approved order can be invoiced.")
    elif not drafts:
        blocker = _("There are no approved hours to invoice.")
    address = ", ".join(
        part for part in (client.billing_street, f"{client.billing_postal_code} {client.billing_city}".strip()) if part
    )
    return InvoicePreview(
        order=order,
        client=client,
        lines=drafts,
        vat_rows=rows,
        net=net,
        vat=vat,
        gross=net + vat,
        issue_date=issue_date,
        due_date=issue_date + dt.timedelta(days=client.invoice_term_days),
        buyer_name=client.billing_name or client.name,
        buyer_address=address,
        channel=channel,
        channel_to=channel_to,
        blocker=blocker,
        standing=standing,
    )
