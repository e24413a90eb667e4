"""Who is told of a change to an order or a gig: the same list is shown on the confirmation page
before the change and used by the service that sends the emails, so the page never promises an
email that is not sent.

- the workers on the gig who were offered it or took it (a worker only proposed has not heard of the
  gig from the Jobcenter; her unit is told);
- the units that proposed a worker still on the gig (the unit's own address), and the staff member
  who was to come along;
- the client's contact person.
Each with the language their email is written in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.shortcuts import get_object_or_404
from django.utils.translation import pgettext_lazy

from orders.models import Assignment, AssignmentStatus, Gig, Order
from orders.selectors.orders import order_list_for

# The workers who know of the gig: it was offered to them, or they took it.
TOLD_WORKER_STATES = frozenset({AssignmentStatus.OFFERED, AssignmentStatus.ACCEPTED})

ROLE_LABELS = {
    "worker": pgettext_lazy("told of a change", "Worker"),
    "staff": pgettext_lazy("told of a change", "Staff member coming along"),
    "unit": pgettext_lazy("told of a change", "Unit"),
    "client": pgettext_lazy("told of a change", "Client's contact person"),
}


@dataclass(frozen=True)
class Recipient:
    role: str  # a key of ROLE_LABELS
    name: str
    email: str
    language: str
    assignment: Assignment | None = None  # set for a worker

    @property
    def role_label(self) -> str:
        return str(ROLE_LABELS[self.role])


def _open_assignments(gigs: Iterable[Gig]) -> list[Assignment]:
    return list(
        Assignment.objects.filter(gig__in=list(gigs), status__in=AssignmentStatus.coming_states)
        .select_related("worker__user", "unit", "support_person", "gig")
        .defer("worker__support_needs")
        .order_by("gig__date", "gig__start_time", "pk")
    )


def _recipients(order: Order, assignments: list[Assignment], *, units: bool) -> list[Recipient]:
    found: list[Recipient] = []
    seen: set[tuple[str, str]] = set()

    def add(recipient: Recipient) -> None:
        key = (recipient.role, recipient.email.lower())
        if recipient.email and key not in seen:
            seen.add(key)
            found.append(recipient)

    for a in assignments:
        if a.status in TOLD_WORKER_STATES:
            user = a.worker.user
            add(Recipient("worker", a.worker.display_name, user.email, user.language or "fi", assignment=a))
    for a in assignments:
        if a.status in TOLD_WORKER_STATES and a.support_person_id:
            person = a.support_person
            add(Recipient("staff", person.get_full_name() or person.email, person.email, person.language or "fi"))
    if units:
        for a in assignments:
            # A unit's own address reads Finnish, as the "unit informed" email does.
            add(Recipient("unit", a.unit.name, a.unit.email, "fi"))
    contact = order.contact
    add(Recipient("client", contact.name, contact.email, order.language or "fi"))
    return found


def gig_cancel_recipients(*, gig: Gig) -> list[Recipient]:
    """Who is told when the gig is cancelled: its workers, their units and staff, the client."""
    return _recipients(gig.order, _open_assignments([gig]), units=True)


def gig_change_recipients(*, gig: Gig) -> list[Recipient]:
    """Who is told when the gig's date, time or hours change: its workers and staff, the client."""
    return _recipients(gig.order, _open_assignments([gig]), units=False)


def order_change_recipients(*, order: Order) -> list[Recipient]:
    """Who is told when the order's task or place changes: the workers of its gigs still to come (and
    their staff), the client."""
    return _recipients(order, _open_assignments(order.gigs.live()), units=False)


def gig_get_for(*, user, pk: int) -> Gig:
    """One gig of an order in the user's scope (with its order); `Http404` otherwise."""
    return get_object_or_404(
        Gig.objects.select_related("order", "order__client", "order__contact", "cancelled_by"),
        pk=pk,
        order__in=order_list_for(user=user).values("pk"),
    )
