""" "Tulen": the worker says she is coming to a gig she took (from the reminder's link or her gig page).

It changes no state: the assignment stays accepted and its history gets a line "Confirmed coming",
once. It is allowed only while the gig is still to come.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from jobcenter.errors import DomainError
from orders import permissions
from orders.models import Assignment, AssignmentEvent, AssignmentStatusChange
from orders.selectors.reminders import has_confirmed_coming, has_gig_started
from orders.services.common import _lock_assignment, _require
from orders.states import AssignmentStatus


@transaction.atomic
def assignment_confirm_coming(*, assignment_id: int, by) -> Assignment:
    """The worker (or her unit's staff for her, recorded as such) confirms she comes to the gig.

    Refused unless she took the gig and it has not started (and is not cancelled). Confirming
    again changes nothing."""
    order, assignment = _lock_assignment(assignment_id)
    on_behalf = permissions.acting_for_worker(by, assignment.worker)
    _require(on_behalf is not None, _("Only the worker or the staff of their unit can do this."))
    if assignment.status != AssignmentStatus.ACCEPTED:
        raise DomainError(_("You can say you are coming only to a gig you have taken."))
    gig = assignment.gig
    if gig.is_cancelled:
        raise DomainError(_("The gig is cancelled. You do not go to this gig."))
    if has_gig_started(gig):
        raise DomainError(_("The gig has already started."))
    if has_confirmed_coming(assignment.pk):
        return assignment
    AssignmentStatusChange.objects.create(
        assignment=assignment,
        from_status=assignment.status,
        to_status=assignment.status,
        by=by,
        on_behalf=bool(on_behalf),
        kind=AssignmentEvent.CONFIRMED_COMING,
    )
    return assignment
