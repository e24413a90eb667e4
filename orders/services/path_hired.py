"""The client records that it hired a worker onto its own payroll (a step of her path, an outcome).

Only an active contact of an organisation for which the worker has done a gig may record it, and
only once per organisation and worker: the step goes on her path with the organisation's name in
the note, so her unit sees it and the outcomes report counts it.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobcenter.errors import ActionNotPermitted, DomainError
from orders.models import Assignment, ClientContact, ClientOrganisation
from orders.states import AssignmentStatus
from workers.models_paths import HIRED_BY_CLIENT, PathStepKind, WorkerPathStep
from workers.services_paths import path_step_add


def client_may_record_hire(user, *, organisation_id: int, worker_id: int) -> bool:
    """An active contact of the organisation, and the worker did a gig for it."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if not ClientContact.objects.filter(user=user, organisation_id=organisation_id, is_active=True).exists():
        return False
    return Assignment.objects.filter(
        worker_id=worker_id,
        gig__order__client_id=organisation_id,
        status__in=AssignmentStatus.work_done_states,
    ).exists()


def _already_recorded(worker_id: int, organisation: ClientOrganisation) -> bool:
    return WorkerPathStep.objects.filter(
        worker_id=worker_id, kind__code=HIRED_BY_CLIENT, note=organisation.name[:200]
    ).exists()


@transaction.atomic
def path_record_hired_by_client(
    *, worker_id: int, organisation_id: int, by, started_on: dt.date | None = None
) -> WorkerPathStep | None:
    """ "We hired Aino onto our payroll." Returns the step, or None when it was recorded before."""
    organisation = ClientOrganisation.objects.select_for_update().filter(pk=organisation_id).first()
    if organisation is None:
        raise DomainError(_("The client no longer exists."))
    if not client_may_record_hire(by, organisation_id=organisation_id, worker_id=worker_id):
        raise ActionNotPermitted
    kind = PathStepKind.objects.filter(code=HIRED_BY_CLIENT, is_active=True).first()
    if kind is None:
        raise DomainError(_("This cannot be recorded now. Please tell the coordinator."))
    if _already_recorded(worker_id, organisation):
        return None
    return path_step_add(
        worker_id=worker_id,
        kind_id=kind.pk,
        started_on=started_on or timezone.localdate(),
        by=by,
        note=organisation.name[:200],
        checked_by_caller=True,
    )
