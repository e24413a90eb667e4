"""Work certificates (työtodistus): a frozen summary of a worker's approved gigs, with its PDF."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.models import User
from jobcenter.roles import is_coordinator
from orders.pdf_certificates import render_certificate_pdf
from orders.selectors.certificates import language_of, work_list_for_worker, work_summary
from workers.models import WorkCertificate, Worker


@transaction.atomic
def certificate_issue(
    *,
    worker_id: int,
    by: User,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    include_feedback: bool = False,
) -> WorkCertificate:
    """Issue a work certificate (työtodistus) of the worker's approved work in the period.

    Coordinators only (`ActionNotPermitted` otherwise). Without a period the certificate covers all
    approved work, from the first gig to the last. The summary is frozen into the certificate, in the
    worker's language, and the PDF is rendered and stored at once: it never reads live order data.
    `include_feedback` is the worker's choice: client feedback quotes are printed only with it.
    """
    if not is_coordinator(by):
        raise ActionNotPermitted()
    worker = Worker.objects.select_related("user").defer("support_needs").filter(pk=worker_id).first()
    if worker is None:
        raise DomainError(_("The worker was not found."))
    if period_start and period_end and period_end < period_start:
        raise DomainError(_("The period ends before it starts. Check the dates."))
    work = list(work_list_for_worker(worker=worker, period_start=period_start, period_end=period_end))
    if not work:
        raise DomainError(
            _("%(name)s has no approved work in this period, so there is nothing to certify.")
            % {"name": worker.display_name}
        )
    language = language_of(worker)
    with translation.override(language):
        summary = work_summary(work, with_feedback=include_feedback)
    summary.update(
        worker_name=worker.display_name,
        issuer=settings.JOBCENTER_SELLER_NAME,
        signer=by.get_full_name() or by.email,
    )
    certificate = WorkCertificate(
        worker=worker,
        issued_by=by,
        issued_at=timezone.now(),
        period_start=period_start or work[0].gig.date,
        period_end=period_end or work[-1].gig.date,
        include_feedback=include_feedback,
        language=language,
        summary=summary,
    )
    certificate.full_clean(exclude=["pdf"])
    certificate.save()
    certificate.pdf.save(certificate.download_name, ContentFile(render_certificate_pdf(certificate)), save=False)
    certificate.save(update_fields=["pdf", "updated_at"])
    return certificate
