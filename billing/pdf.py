"""The invoice PDF: one pure function from a frozen invoice to bytes (WeasyPrint)."""

from __future__ import annotations

from django.utils import translation

from billing.models import Invoice
from jobcenter.pdf import render_pdf


def render_invoice_pdf(invoice: Invoice) -> bytes:
    """The invoice (or credit note) as a PDF, in the invoice's language. Reads only the frozen copy."""
    with translation.override(invoice.language):
        return render_pdf(
            "billing/invoice_pdf.html",
            {"invoice": invoice, "lines": invoice.lines.all(), "vat_rows": invoice.vat_breakdown()},
        )
