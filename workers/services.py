"""Writes of worker profiles and worker groups."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.models import User
from jobcenter.roles import is_coordinator
from units.models import Unit
from workers.models import WorkCertificate, Worker, WorkerGroup


@transaction.atomic
def worker_create(
    *,
    user: User,
    home_unit: Unit,
    support_needs: str = "",
    skills: Iterable = (),
    interests: Iterable = (),
    interests_note: str = "",
) -> Worker:
    """Create the worker profile of `user` in their home unit. `skills` and `interests` are TaskTypes.

    `support_needs` is special-category (health) data: it is stored here and read only through
    the logged selector.
    """
    if Worker.objects.filter(user=user).exists():
        raise DomainError(_("%(user)s already has a worker profile.") % {"user": user})
    worker = Worker(
        user=user,
        home_unit=home_unit,
        support_needs=support_needs.strip(),
        interests_note=interests_note.strip(),
    )
    worker.full_clean()
    worker.save()
    worker.skills.set(list(skills))
    worker.interests.set(list(interests))
    return worker


@transaction.atomic
def worker_group_create(*, unit: Unit, name: str, members: Iterable[Worker] = ()) -> WorkerGroup:
    """Create a group of workers of one unit who can take a gig together."""
    members = list(members)
    outsiders = [m for m in members if m.home_unit_id != unit.pk]
    if outsiders:
        raise DomainError(
            _("Only workers of %(unit)s can be in its group: %(names)s.")
            % {"unit": unit.name, "names": ", ".join(m.display_name for m in outsiders)}
        )
    group = WorkerGroup(unit=unit, name=name.strip())
    group.full_clean()
    group.save()
    group.members.set(members)
    return group


# --- Work certificates ----------------------------------------------------------------------------
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
    from workers.pdf import render_certificate_pdf
    from workers.selectors_certificates import language_of, work_list_for_worker, work_summary

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
