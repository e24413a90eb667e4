"""Billing's answer to the order flow's question "does an issued invoice cover this order?".

Registered into `orders.hooks.invoice_covers_order` in `BillingConfig.ready()`: the order services
move an order to invoiced only when this says yes, so no page, admin action or seed can mark an
order invoiced without the invoice that the state stands for.
"""

from __future__ import annotations

from billing.models import Invoice, InvoiceKind, InvoiceStatus
from orders.models import Gig

# An invoice that stands: issued or paid. A credited one no longer does, and a credit note never does.
STANDING = (InvoiceStatus.ISSUED, InvoiceStatus.PAID)


def order_has_issued_invoice(order) -> bool:
    """True if a standing invoice lists the order and has a line for the work of one of its gig dates.

    Inside the issuing transaction the invoice, its lines and its order links are saved before the
    order is moved to invoiced, so the check sees them. One query."""
    gig_dates = Gig.objects.filter(order=order).values("date")
    return Invoice.objects.filter(
        orders=order, kind=InvoiceKind.INVOICE, status__in=STANDING, lines__date__in=gig_dates
    ).exists()
