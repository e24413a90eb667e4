""" "En pääse": a worker who took a gig cannot come, or did not come; and the stand-in who comes instead.

The place is free at once: the assignment moves to "can't come" and the order goes back to
staffing. The worker's unit and the coordinator are told at once, and the other units informed of
the order that the place is open again. A cancellation shortly before the gig, or a gig not come to,
is an attendance note for the unit: a fact, never a strike, never told to the client.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobcenter.errors import DomainError
from jobcenter.mail import queue_email
from jobcenter.roles import is_unit_staff
from orders import permissions
from orders.gig_times import gig_ends_at, gig_starts_at
from orders.models import AbsenceReason, Assignment, AssignmentEvent, AttendanceKind, AttendanceNote, Order
from orders.selectors.absence import Told, cant_come_recipients, place_open_units
from orders.services.common import (
    _lock_assignment,
    _move_assignment,
    _require,
    _require_order_allows,
    _reverse_in,
    _site_url,
)
from orders.services.staffing import _order_advance
from orders.states import AssignmentStatus

NOTE_MAX_LENGTH = 500
CANT_COME_EMAILS = {"unit": "cant_come_unit", "staff": "cant_come_unit", "coordinator": "cant_come_coordinator"}


def is_late_cancellation(gig, *, now: dt.datetime | None = None) -> bool:
    """Cancelled within the late window before the gig's start (`JOBCENTER_ATTENDANCE_LATE_HOURS`)."""
    now = now or timezone.now()
    return gig_starts_at(gig) - now < dt.timedelta(hours=settings.JOBCENTER_ATTENDANCE_LATE_HOURS)


def can_say_cant_come(assignment_status: str, gig, *, now: dt.datetime | None = None) -> bool:
    """The worker's "En pääse" button shows on a gig she has taken, until the gig is over."""
    return assignment_status == AssignmentStatus.ACCEPTED and (now or timezone.now()) < gig_ends_at(gig)


def _clean(reason: str, note: str) -> tuple[str, str]:
    reason = (reason or "").strip()
    if reason and reason not in AbsenceReason.values:
        raise DomainError(_("Choose one of the reasons, or none."))
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise DomainError(_("Write the note in at most %(count)s characters.") % {"count": NOTE_MAX_LENGTH})
    return reason, note


def _stand_in_links(told: Told, assignment: Assignment) -> str:
    gig = assignment.gig
    if told.role == "coordinator":
        return _site_url(_reverse_in(told.language, "coordinator:stand-in", pk=gig.pk))
    return _site_url(_reverse_in(told.language, "units:stand-in", order_pk=gig.order_id, gig_pk=gig.pk))


def _tell_cant_come(order: Order, assignment: Assignment) -> list[Told]:
    """Queue the emails of a worker who cannot come (after commit): her unit and staff member, the
    coordinators, and the other informed units that the place is open. No reason, no note: those stay
    with the unit's page (a reason may tell of her health)."""
    told = cant_come_recipients(assignment=assignment)
    context = {"order": order, "gig": assignment.gig, "assignment": assignment, "worker": assignment.worker}
    for recipient in told:
        queue_email(
            to=recipient.email,
            code=CANT_COME_EMAILS[recipient.role],
            language=recipient.language,
            context={**context, "recipient": recipient, "link": _stand_in_links(recipient, assignment)},
        )
    gig = assignment.gig
    for unit in place_open_units(assignment=assignment, told=told):
        link = _site_url(_reverse_in("fi", "units:propose", order_pk=gig.order_id, gig_pk=gig.pk))
        queue_email(
            to=unit.email,
            code="place_open_unit",
            language="fi",
            context={"order": order, "gig": gig, "unit": unit, "link": link},
        )
    return told


# --- The worker cannot come -----------------------------------------------------------------------
@transaction.atomic
def assignment_cant_come(*, assignment_id: int, by, reason: str = "", note: str = "") -> Assignment:
    """The worker (or her unit's staff for her) says she cannot come to a gig she took.

    Only an accepted gig, and not once it is over; saying it twice changes nothing. Less than the
    late window before the start it is noted as a late cancellation (for the unit, without blame)."""
    order, assignment = _lock_assignment(assignment_id)
    on_behalf = permissions.acting_for_worker(by, assignment.worker)
    _require(on_behalf is not None, _("Only the worker or the staff of their unit can do this."))
    if assignment.status == AssignmentStatus.CANT_COME:
        return assignment
    reason, note = _clean(reason, note)
    if assignment.status != AssignmentStatus.ACCEPTED:
        raise DomainError(_("You can say this only about a gig that you have taken."))
    gig = assignment.gig
    if gig.is_cancelled:
        raise DomainError(_("The gig is cancelled. Nobody goes to it."))
    now = timezone.now()
    if now >= gig_ends_at(gig):
        raise DomainError(_("The gig is already over. Tell your instructor what happened."))
    _require_order_allows(
        order, AssignmentStatus.CANT_COME, _("This can no longer be changed. The order is “%(status)s”.")
    )
    _move_assignment(
        assignment,
        AssignmentStatus.CANT_COME,
        by=by,
        on_behalf=bool(on_behalf),
        kind=AssignmentEvent.CANT_COME,
        params={"reason": reason} if reason else None,
        note=note,
    )
    assignment.save(update_fields=["status", "updated_at"])
    if is_late_cancellation(gig, now=now):
        AttendanceNote.objects.create(
            worker=assignment.worker,
            assignment=assignment,
            kind=AttendanceKind.LATE_CANCELLATION,
            reason=reason,
            note=note,
            recorded_by=by,
            recorded_at=now,
        )
    _order_advance(order, by=by)
    _tell_cant_come(order, assignment)
    return assignment


# --- The worker did not come ----------------------------------------------------------------------
@transaction.atomic
def attendance_record_no_show(*, assignment_id: int, by, reason: str, note: str = "") -> AttendanceNote:
    """Staff of the worker's unit, or the coordinator, note that she did not come to a gig she took.

    Only after the gig's start, on an accepted gig. The place is freed as in "En pääse" (the
    assignment is "can't come", its history says she did not come), so a stand-in may still take it
    on the day. Nobody is emailed: the one who notes it already knows. Noting it twice changes nothing."""
    order, assignment = _lock_assignment(assignment_id)
    _require(
        permissions.can_coordinate(by) or is_unit_staff(by, assignment.worker.home_unit_id),
        _("Only the staff of the worker's unit or the coordinator can note this."),
    )
    existing = AttendanceNote.objects.filter(assignment=assignment, kind=AttendanceKind.NO_SHOW).first()
    if existing is not None:
        return existing
    reason, note = _clean(reason, note)
    if assignment.status != AssignmentStatus.ACCEPTED:
        raise DomainError(_("Only a gig the worker has taken, and not reported done, can be noted as not come to."))
    now = timezone.now()
    if now < gig_starts_at(assignment.gig):
        raise DomainError(_("The gig has not started yet. If the worker cannot come, use “Can't come”."))
    _require_order_allows(
        order, AssignmentStatus.CANT_COME, _("This can no longer be changed. The order is “%(status)s”.")
    )
    _move_assignment(
        assignment,
        AssignmentStatus.CANT_COME,
        by=by,
        on_behalf=True,
        kind=AssignmentEvent.NO_SHOW,
        params={"reason": reason} if reason else None,
        note=note,
    )
    assignment.save(update_fields=["status", "updated_at"])
    # The "can't come" of a late cancellation made no note yet: this is the only one for the assignment.
    attendance = AttendanceNote.objects.create(
        worker=assignment.worker,
        assignment=assignment,
        kind=AttendanceKind.NO_SHOW,
        reason=reason,
        note=note,
        recorded_by=by,
        recorded_at=now,
    )
    _order_advance(order, by=by)
    return attendance


# --- A stand-in takes the place -------------------------------------------------------------------
def stand_in_tell_client(*, order: Order, assignment: Assignment) -> None:
    """Called by `assignment_accept` (order locked): when someone on this gig could not come, the
    client's contact is told who comes instead, by first name as the client's pages name workers.
    Who could not come, and why, is not told."""
    gig = assignment.gig
    if not gig.assignments.filter(status=AssignmentStatus.CANT_COME).exists():
        return
    contact = order.contact
    if contact is None or not contact.email:
        return
    queue_email(
        to=contact.email,
        code="stand_in_client",
        language=order.language or "fi",
        context={
            "order": order,
            "gig": gig,
            "contact": contact,
            "first_name": assignment.worker.user.first_name or assignment.worker.display_name,
        },
    )
