"""The invoice PDF: one pure function from a frozen invoice to bytes (WeasyPrint)."""

from __future__ import annotations

import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from billing.models import Invoice


def _base_url() -> str:
    return getattr(settings, "PDF_ASSET_BASE_URL", None) or str(settings.BASE_DIR / "static")


def render_invoice_pdf(invoice: Invoice) -> bytes:
    """The invoice (or credit note) as a PDF, in the invoice's language. Reads only the frozen copy."""
    with translation.override(invoice.language):
        html = render_to_string(
            "billing/invoice_pdf.html",
            {"invoice": invoice, "lines": invoice.lines.all(), "vat_rows": invoice.vat_breakdown()},
        )
    return weasyprint.HTML(string=html, base_url=_base_url()).write_pdf()
