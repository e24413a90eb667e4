"""The fee statement (palkkiolaskelma) PDF: one pure function from a frozen payout to bytes."""

from __future__ import annotations

import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from billing.models import Payout
from billing.pdf import _base_url


def render_payout_pdf(payout: Payout) -> bytes:
    """The payout statement in the worker's language. Reads only the frozen copy."""
    with translation.override(payout.language):
        html = render_to_string(
            "billing/payout_pdf.html",
            {"payout": payout, "lines": payout.lines.all(), "payer": settings.JOBCENTER_SELLER_NAME},
        )
    return weasyprint.HTML(string=html, base_url=_base_url()).write_pdf()
