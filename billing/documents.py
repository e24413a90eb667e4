"""The stored PDF of an invoice: rendered by a task after issue, or here when a reader is first."""

from __future__ import annotations

from billing.models import Invoice
from billing.pdf import render_invoice_pdf
from billing.services import invoice_attach_pdf


def invoice_with_stored_pdf(invoice: Invoice) -> Invoice | None:
    """The invoice with its PDF stored (rendering and storing it now when the task has not run yet),
    or None when no PDF could be stored."""
    if not invoice.pdf:
        invoice_attach_pdf(invoice_id=invoice.pk, content=render_invoice_pdf(invoice))
        invoice.refresh_from_db()
    return invoice if invoice.pdf else None
