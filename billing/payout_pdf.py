"""The fee statement (palkkiolaskelma) PDF: one pure function from a frozen payout to bytes."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

from billing.models import Payout
from jobcenter.pdf import render_pdf


def render_payout_pdf(payout: Payout) -> bytes:
    """The payout statement in the worker's language. Reads only the frozen copy."""
    with translation.override(payout.language):
        return render_pdf(
            "billing/payout_pdf.html",
            {"payout": payout, "lines": payout.lines.all(), "payer": settings.JOBCENTER_SELLER_NAME},
        )
