"""PDFs of the worker's papers: the work certificate (työtodistus) and the gig CV.

Pure functions: an object in, PDF bytes out, so a document can be rendered again and tested
without a request. The certificate PDF reads only the
summary frozen into the certificate, never live order data.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone, translation

from jobcenter.pdf import render_pdf
from orders.selectors.certificates import GigCV, display_summary, language_of
from workers.models import WorkCertificate


def render_certificate_pdf(certificate: WorkCertificate) -> bytes:
    """The work certificate as an A4 PDF, in the language it was issued in."""
    with translation.override(certificate.language):
        return render_pdf(
            "workers/certificate_pdf.html",
            {
                "certificate": certificate,
                "summary": display_summary(certificate.summary),
                "issued_on": certificate.issued_on,
            },
        )


def render_cv_pdf(cv: GigCV) -> bytes:
    """The worker's gig CV as an A4 PDF, in the worker's language, rendered on the fly."""
    language = language_of(cv.worker)
    with translation.override(language):
        return render_pdf(
            "workers/cv_pdf.html",
            {
                "cv": cv,
                "today": timezone.localdate(),
                "language": language,
                "seller_name": settings.JOBCENTER_SELLER_NAME,
            },
        )
