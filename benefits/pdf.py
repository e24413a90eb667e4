"""The consent form to print and sign on paper (suostumuslomake). Object in, PDF bytes out."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone, translation

from benefits.models import Actor, ConsentData
from jobcenter.pdf import render_pdf


def consent_form_pdf_bytes(*, worker, language: str = "fi") -> bytes:
    """An A4 form with the worker's name and unit filled in, a box for every actor and every kind of
    information, the validity and signature lines. The signed paper is scanned back in."""
    with translation.override(language):
        return render_pdf(
            "benefits/consent_form_pdf.html",
            {
                "worker": worker,
                "actors": Actor.choices,
                "data": ConsentData.choices,
                "today": timezone.localdate(),
                "issuer": settings.JOBCENTER_SELLER_NAME,
                "language": language,
            },
        )
