"""PDFs of the worker's papers: the work certificate (työtodistus) and the gig CV.

Pure functions: an object in, PDF bytes out, so a document can be rendered again and tested
without a request. The certificate PDF reads only the
summary frozen into the certificate, never live order data.
"""

from __future__ import annotations

from email.utils import parseaddr

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


def render_cv_pdf(cv: GigCV, *, show_workplaces: bool = False) -> bytes:
    """The worker's gig CV as an A4 PDF for a future employer, in the worker's language, made now.

    The client organisations are named only if the worker chose `show_workplaces` (they are where
    the worker has been, which the worker may not want to tell); quotes are only those the clients
    allowed (`GigCV.quotes`).
    """
    language = language_of(cv.worker)
    with translation.override(language):
        return render_pdf(
            "workers/cv_pdf.html",
            {
                "cv": cv,
                "today": timezone.localdate(),
                "language": language,
                "show_workplaces": show_workplaces,
                "contact_email": settings.JOBCENTER_CONTACT_EMAIL or parseaddr(settings.DEFAULT_FROM_EMAIL)[1],
                "contact_phone": settings.JOBCENTER_CONTACT_PHONE or "",
            },
        )
