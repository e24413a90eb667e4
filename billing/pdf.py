"""The invoice PDF: one pure function from a frozen invoice to bytes (WeasyPrint).

The bank barcode (pankkiviivakoodi) is the 54-digit virtual barcode drawn as Code 128. All 54
characters are digits, so python-barcode encodes them in code set C, two digits a symbol: start C,
27 symbols, the check symbol and the stop, 332 modules. Finance Finland's barcode guide asks for a
narrowest bar of at least 0.25 mm, a height of at least 10 mm and 6.4 mm of white on each side.
"""

from __future__ import annotations

import io
import re

import barcode
from barcode.writer import SVGWriter
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import pgettext_lazy

from billing.models import Invoice
from jobcenter.pdf import render_pdf

BARCODE_OPTIONS = {
    "module_width": 0.25,  # mm
    "module_height": 13.0,  # mm
    "quiet_zone": 6.5,  # mm, each side
    "margin_top": 0.0,
    "margin_bottom": 0.0,
    "write_text": False,  # the digits are printed under it by the template, in the PDF's font
}

# The payment slip's fields, labelled as the standard Finnish slip (tilisiirtolomake) labels them: in
# Finnish and Swedish whatever the invoice's language, and in English too on an English invoice.
SLIP_LABELS = {
    "account": pgettext_lazy("payment slip", "Recipient's account number"),
    "recipient": pgettext_lazy("payment slip", "Recipient"),
    "payer": pgettext_lazy("payment slip", "Payer's name and address"),
    "signature": pgettext_lazy("payment slip", "Signature"),
    "from_account": pgettext_lazy("payment slip", "From account no."),
    "reference": pgettext_lazy("payment slip", "Reference no."),
    "due": pgettext_lazy("payment slip", "Due date"),
    "euro": pgettext_lazy("payment slip", "Euro"),
}
SLIP_LANGUAGES = ("fi", "sv")


def slip_labels(language: str) -> dict[str, list[str]]:
    """Each slip label in Finnish and Swedish (and in `language` when it is neither)."""
    languages = SLIP_LANGUAGES + (() if language in SLIP_LANGUAGES else (language,))
    labels: dict[str, list[str]] = {key: [] for key in SLIP_LABELS}
    for code in languages:
        with translation.override(code):
            for key, label in SLIP_LABELS.items():
                labels[key].append(str(label))
    return labels


def bank_barcode_svg(digits: str) -> SafeString:
    """The bank barcode of `digits` as an inline <svg> element (no XML prologue) for the PDF."""
    out = io.BytesIO()
    barcode.Code128(digits, writer=SVGWriter()).write(out, options=BARCODE_OPTIONS)
    svg = out.getvalue().decode("utf-8")
    # The writer's output is a whole document; an element inside HTML starts at <svg. Its style
    # attributes become presentation attributes: WeasyPrint reads style="" on inline SVG as HTML CSS,
    # where `fill` is unknown (the bars would stay black by default, with a warning per bar).
    svg = re.sub(r'style="fill:(\w+);?"', r'fill="\1"', svg[svg.index("<svg") :])
    return mark_safe(svg)  # noqa: S308 - python-barcode's own markup of digits


def _supply_period(lines) -> tuple:
    dates = [line.date for line in lines]
    return (min(dates), max(dates)) if dates else (None, None)


def invoice_pdf_context(invoice: Invoice) -> dict:
    """What the template needs: the frozen invoice, its lines, VAT per rate, the orders and the barcode."""
    lines = list(invoice.lines.all())
    first, last = _supply_period(lines)
    orders = [order.number for order in invoice.orders.order_by("pk")]
    barcode_digits = "" if invoice.is_credit_note else invoice.virtual_barcode
    return {
        "invoice": invoice,
        "lines": lines,
        "vat_rows": invoice.vat_breakdown(),
        "supply_first": first,
        "supply_last": last,
        "order_numbers": orders,
        "barcode_digits": barcode_digits,
        "barcode_svg": bank_barcode_svg(barcode_digits) if barcode_digits else "",
        "slip": slip_labels(invoice.language),
    }


def render_invoice_html(invoice: Invoice) -> str:
    """The invoice's HTML as the PDF renders it, in the invoice's language."""
    with translation.override(invoice.language):
        return render_to_string("billing/invoice_pdf.html", invoice_pdf_context(invoice))


def render_invoice_pdf(invoice: Invoice) -> bytes:
    """The invoice (or credit note) as a PDF, in the invoice's language. Reads only the frozen copy."""
    with translation.override(invoice.language):
        return render_pdf("billing/invoice_pdf.html", invoice_pdf_context(invoice))
