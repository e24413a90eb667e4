"""Writes of a worker's path (jatkopolku): add a step, end it, remove one recorded by mistake.

Staff of the worker's home unit and coordinators record the steps. The step "hired by the client
onto its own payroll" may also come from the client (`orders.services.path_hired`), which checks
the client's side and calls `path_step_add` with `checked_by_caller=True`.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.roles import is_coordinator, staff_unit_ids
from workers.models import Worker
from workers.models_paths import PathStepKind, WorkerPathStep

NOTE_MAX_LENGTH = 200
# A step may be recorded ahead (she starts career coaching next month), but not years ahead, and
# not before the Jobcenter's time.
MAX_DAYS_AHEAD = 366
EARLIEST = dt.date(2000, 1, 1)


def can_record_path(user, worker) -> bool:
    """Active staff of the worker's home unit, or a coordinator."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return worker.home_unit_id in staff_unit_ids(user) or is_coordinator(user)


def _worker(worker_id: int) -> Worker:
    worker = Worker.objects.select_for_update().filter(pk=worker_id).first()
    if worker is None:
        raise DomainError(_("The worker no longer exists."))
    return worker


def _note(note: str) -> str:
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise DomainError(_("Keep the note short: at most %(count)s characters.") % {"count": NOTE_MAX_LENGTH})
    return note


def _check_start(started_on: dt.date) -> None:
    today = timezone.localdate()
    if started_on < EARLIEST or started_on > today + dt.timedelta(days=MAX_DAYS_AHEAD):
        raise DomainError(_("Check the start date: it is too far in the past or the future."))


def _check_end(started_on: dt.date, ended_on: dt.date | None) -> None:
    if ended_on is None:
        return
    if ended_on < started_on:
        raise DomainError(_("A step cannot end before it started."))
    if ended_on > timezone.localdate():
        raise DomainError(_("A step can be ended only on a day that has come."))


@transaction.atomic
def path_step_add(
    *,
    worker_id: int,
    kind_id: int,
    started_on: dt.date,
    by,
    ended_on: dt.date | None = None,
    note: str = "",
    checked_by_caller: bool = False,
) -> WorkerPathStep:
    """Record a step of the worker's path. `checked_by_caller`: the caller (the client's service)
    has already checked that `by` may record this step; nobody else passes it."""
    worker = _worker(worker_id)
    if not checked_by_caller and not can_record_path(by, worker):
        raise ActionNotPermitted
    kind = PathStepKind.objects.filter(pk=kind_id, is_active=True).first()
    if kind is None:
        raise DomainError(_("Choose a kind of step from the list."))
    _check_start(started_on)
    _check_end(started_on, ended_on)
    step = WorkerPathStep(
        worker=worker,
        kind=kind,
        started_on=started_on,
        ended_on=ended_on,
        note=_note(note),
        recorded_by=by if getattr(by, "is_authenticated", False) else None,
        recorded_at=timezone.now(),
    )
    step.full_clean()
    step.save()
    return step


def _step(step_id: int, worker_id: int) -> WorkerPathStep:
    step = (
        WorkerPathStep.objects.select_for_update()
        .select_related("worker")
        .filter(pk=step_id, worker_id=worker_id)
        .first()
    )
    if step is None:
        raise DomainError(_("The step no longer exists."))
    return step


@transaction.atomic
def path_step_end(*, worker_id: int, step_id: int, ended_on: dt.date, by) -> WorkerPathStep:
    """The step ended on `ended_on` (the worker left the service, the job ended)."""
    step = _step(step_id, worker_id)
    if not can_record_path(by, step.worker):
        raise ActionNotPermitted
    if step.ended_on is not None:
        raise DomainError(_("This step has already ended."))
    _check_end(step.started_on, ended_on)
    step.ended_on = ended_on
    step.save(update_fields=["ended_on"])
    return step


@transaction.atomic
def path_step_remove(*, worker_id: int, step_id: int, by) -> None:
    """Remove a step recorded by mistake."""
    step = _step(step_id, worker_id)
    if not can_record_path(by, step.worker):
        raise ActionNotPermitted
    step.delete()
