"""Who is told of a staffing move on a gig (a worker accepting, declining or being taken off it, the
gig getting all its workers), each with the language their email is written in.

The same people as a change of the gig (`orders.selectors.changes`): the worker, the staff member
who was to come along, the proposing unit (its own address), the client's contact. The person who
made the move is not told of it: a staff member acting for the worker knows what she did, and so
does her unit.
"""

from __future__ import annotations

from dataclasses import dataclass

from jobcenter.roles import is_unit_staff
from orders.models import Assignment, AssignmentStatus, Gig, OrderEvent, OrderStatusChange
from orders.selectors.changes import TOLD_WORKER_STATES, Recipient
from units.models import SupportMode


def _same_person(email: str, by) -> bool:
    return bool(email) and email.lower() == (getattr(by, "email", "") or "").lower()


def _unit(assignment: Assignment) -> Recipient | None:
    """The proposing unit: its own address (read in Finnish, as the "unit informed" email is); a unit
    without one is reached through the staff member who proposed the worker."""
    unit = assignment.unit
    if unit.email:
        return Recipient("unit", unit.name, unit.email, "fi")
    proposer = assignment.proposed_by
    if proposer is not None and proposer.email:
        return Recipient("unit", unit.name, proposer.email, proposer.language or "fi")
    return None


def _staff(assignment: Assignment) -> Recipient | None:
    person = assignment.support_person
    if person is None or not person.email:
        return None
    return Recipient("staff", person.get_full_name() or person.email, person.email, person.language or "fi")


def _worker(assignment: Assignment) -> Recipient | None:
    user = assignment.worker.user
    if not user.email:
        return None
    return Recipient("worker", assignment.worker.display_name, user.email, user.language or "fi", assignment=assignment)


def _client(gig: Gig) -> Recipient | None:
    order = gig.order
    contact = order.contact
    if contact is None or not contact.email:
        return None
    return Recipient("client", contact.name, contact.email, order.language or "fi")


def _without(recipients, by) -> list[Recipient]:
    """Drop the missing ones, the actor and a second copy to the same address."""
    found: list[Recipient] = []
    seen: set[str] = set()
    for recipient in recipients:
        if recipient is None or _same_person(recipient.email, by) or recipient.email.lower() in seen:
            continue
        seen.add(recipient.email.lower())
        found.append(recipient)
    return found


def accepted_recipients(*, assignment: Assignment, by, on_behalf: bool) -> list[Recipient]:
    """The worker took the gig: her unit (unless its own staff took it for her) and the staff member
    who comes along."""
    return _without([None if on_behalf else _unit(assignment), _staff(assignment)], by)


def declined_recipients(*, assignment: Assignment, by, on_behalf: bool) -> list[Recipient]:
    """The worker said no: the proposing unit, so it can propose someone else (unless its own staff
    said it for her). Not the worker herself."""
    return _without([None if on_behalf else _unit(assignment)], by)


def withdrawn_recipients(*, assignment: Assignment, by, was: str) -> list[Recipient]:
    """The worker is taken off the gig. She is told if she knew of the gig (it was offered to her or
    she took it), and so is the staff member who was to come along; her unit if somebody else (the
    coordinator) took her off; the client if she had taken the gig and the client had been told the
    gig has its workers (the place is being filled again)."""
    knew = was in TOLD_WORKER_STATES
    by_unit = is_unit_staff(by, assignment.unit_id)
    client = (
        _client(assignment.gig)
        if was == AssignmentStatus.ACCEPTED and client_told_staffed(gig=assignment.gig)
        else None
    )
    return _without(
        [
            _worker(assignment) if knew else None,
            _staff(assignment) if knew else None,
            None if by_unit else _unit(assignment),
            client,
        ],
        by,
    )


def staffed_recipients(*, gig: Gig) -> list[Recipient]:
    """The gig has all its workers: the client's contact."""
    return _without([_client(gig)], None)


# --- The gig's staffing ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Staffing:
    workers: int  # the workers who took a place
    staff_along: bool  # a staff member of a unit comes along with one of them


def gig_staffing(*, gig: Gig) -> Staffing:
    """How many workers come to the gig and whether a staff member comes along. What the client is
    told: a number, never who the workers are or what support they need."""
    filling = Assignment.objects.filter(gig=gig, status__in=AssignmentStatus.filling_states)
    along = filling.filter(support=SupportMode.STAFF_ALONG).exists()
    return Staffing(workers=filling.count(), staff_along=along)


def client_told_staffed(*, gig: Gig) -> bool:
    """The client has been told at least once that the gig has its workers."""
    return OrderStatusChange.objects.filter(
        order_id=gig.order_id, kind=OrderEvent.GIG_STAFFED, params__gig=gig.pk
    ).exists()
