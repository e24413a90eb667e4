"""Reads around "En pääse": who is told when a worker cannot come, the gig a stand-in is looked for,
its stand-in candidates, and the attendance notes a unit sees.

Who is told is one list, used by the service that sends the emails and by the worker's done page
that says who was told, so the page never names someone who got no email. Attendance notes are
read only here, for the worker's unit and the coordinator, and never for a client.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.utils import parseaddr

from django.conf import settings
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from jobcenter.roles import is_coordinator, staff_unit_ids
from orders.models import (
    ASSIGNMENT_FILLING_STATES,
    Assignment,
    AssignmentStatus,
    AssignmentStatusChange,
    AttendanceNote,
    Gig,
    OrderUnitNotice,
)
from orders.selectors.orders import order_list_for
from orders.selectors.units import CANDIDATE_FIELDS
from workers.models import Worker
from workers.selectors import worker_list_for

TOLD_LABELS = {
    "unit": pgettext_lazy("told of an absence", "Your unit"),
    "staff": pgettext_lazy("told of an absence", "Your instructor"),
    "coordinator": pgettext_lazy("told of an absence", "Jobcenter's coordinator"),
}


@dataclass(frozen=True)
class Told:
    role: str  # a key of TOLD_LABELS
    name: str
    email: str
    language: str

    @property
    def role_label(self) -> str:
        return str(TOLD_LABELS[self.role])


def _coordinators_of(assignment: Assignment) -> list[Told]:
    """The coordinators who offered the gig to the worker (they arranged it); the coordinators'
    shared mailbox when none of them is a coordinator any more."""
    offered_by = (
        AssignmentStatusChange.objects.filter(assignment=assignment, to_status=AssignmentStatus.OFFERED)
        .select_related("by")
        .order_by("at", "pk")
    )
    found = [
        Told("coordinator", change.by.get_full_name() or change.by.email, change.by.email, change.by.language or "fi")
        for change in offered_by
        if change.by is not None and change.by.email and is_coordinator(change.by)
    ]
    if found:
        return found
    mailbox = settings.JOBCENTER_CONTACT_EMAIL or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    # The coordinators' shared mailbox reads Finnish, as the accessibility feedback's does.
    return [Told("coordinator", "Jobcenter", mailbox, "fi")] if mailbox else []


def cant_come_recipients(*, assignment: Assignment) -> list[Told]:
    """Who is told at once that the worker cannot come: her unit's address, the staff member who
    was to come along, the coordinator(s). Each once, each with their language."""
    found: list[Told] = []
    seen: set[str] = set()

    def add(told: Told) -> None:
        if told.email and told.email.lower() not in seen:
            seen.add(told.email.lower())
            found.append(told)

    unit = assignment.unit
    # A unit's own address reads Finnish, as the "unit informed" email does.
    add(Told("unit", unit.name, unit.email, "fi"))
    person = assignment.support_person
    if person is not None:
        add(Told("staff", person.first_name or person.get_full_name() or person.email, person.email, person.language))
    for told in _coordinators_of(assignment):
        add(told)
    return found


def place_open_units(*, assignment: Assignment, told: list[Told]):
    """The other units informed of the order (with an address not told already): the place is open."""
    emails = {t.email.lower() for t in told}
    notices = OrderUnitNotice.objects.filter(order_id=assignment.gig.order_id).select_related("unit")
    return [n.unit for n in notices.order_by("unit__name") if n.unit.email and n.unit.email.lower() not in emails]


# --- The gig a stand-in is looked for -------------------------------------------------------------
def _with_places(qs: QuerySet[Gig]) -> QuerySet[Gig]:
    return qs.annotate(
        filled_places=Count("assignments", filter=Q(assignments__status__in=ASSIGNMENT_FILLING_STATES)),
        cant_come_count=Count("assignments", filter=Q(assignments__status=AssignmentStatus.CANT_COME)),
    )


def stand_in_gig_get_for(*, user, pk: int) -> Gig:
    """A live gig of an order in the user's scope (the coordinator: all; unit staff: the orders their
    units were informed of), with `filled_places`, `cant_come_count` and `order.my_unit_ids`."""
    qs = Gig.objects.live().select_related("order", "order__client", "order__contact")
    if not is_coordinator(user):
        informed = OrderUnitNotice.objects.filter(unit_id__in=staff_unit_ids(user)).values("order_id")
        qs = qs.filter(order__in=informed)
    gig = get_object_or_404(_with_places(qs.filter(order__in=order_list_for(user=user).values("pk"))), pk=pk)
    informed_units = OrderUnitNotice.objects.filter(order_id=gig.order_id).values_list("unit_id", flat=True)
    gig.order.informed_unit_ids = set(informed_units)
    return gig


def gig_has_freed_place(gig: Gig) -> bool:
    """Someone on the gig could not come and a place is open (the gig's day has not passed)."""
    return bool(gig.cant_come_count) and gig.filled_places < gig.workers_needed and gig.date >= timezone.localdate()


@dataclass
class StandIns:
    asked: list[Worker]  # on the gig before: proposed (waiting), or said no
    others: list[Worker]  # active workers of the informed units not on the gig


STAND_IN_LIMIT = 25  # the page shows at most this many other workers; the unit's proposal page has all


def stand_in_candidates_for(*, user, gig: Gig) -> StandIns:
    """Two queries whatever the numbers: the workers asked before, and the others. Each worker has
    `gig_status` (their state on the gig, or None) and `assignment_id`. Unit staff see their own
    units' workers; the coordinator the workers of every informed unit."""
    unit_ids = set(gig.order.informed_unit_ids)
    if not is_coordinator(user):
        unit_ids &= staff_unit_ids(user)
    on_gig = Assignment.objects.filter(gig=gig, worker_id=OuterRef("pk"))
    workers = (
        worker_list_for(user=user)
        .filter(home_unit_id__in=unit_ids, is_active=True, user__is_active=True)
        .select_related("home_unit__service")
        .only(*CANDIDATE_FIELDS)
        .annotate(gig_status=Subquery(on_gig.values("status")[:1]), assignment_id=Subquery(on_gig.values("pk")[:1]))
    )
    asked = list(
        workers.filter(
            assignments__gig=gig,
            assignments__status__in=[AssignmentStatus.PROPOSED, AssignmentStatus.OFFERED, AssignmentStatus.DECLINED],
        ).order_by("user__last_name", "user__first_name", "pk")
    )
    others = list(
        workers.exclude(assignments__gig=gig).order_by("user__last_name", "user__first_name", "pk")[:STAND_IN_LIMIT]
    )
    for worker in [*asked, *others]:
        worker.gig_status_label = AssignmentStatus(worker.gig_status).label if worker.gig_status else ""
    return StandIns(asked=asked, others=others)


# --- Attendance notes -----------------------------------------------------------------------------
def attendance_pattern_for(*, worker: Worker, now: dt.datetime | None = None) -> int:
    """How many attendance notes the worker has in the pattern's days, when they make a pattern
    (`JOBCENTER_ATTENDANCE_PATTERN_NOTES` or more); 0 otherwise. One query."""
    since = (now or timezone.now()) - dt.timedelta(days=settings.JOBCENTER_ATTENDANCE_PATTERN_DAYS)
    count = AttendanceNote.objects.filter(worker=worker, recorded_at__gte=since).count()
    return count if count >= settings.JOBCENTER_ATTENDANCE_PATTERN_NOTES else 0


def attendance_notes_for(*, user, worker: Worker) -> QuerySet[AttendanceNote]:
    """The worker's notes for her unit's staff or the coordinator (nobody else: an empty list)."""
    qs = AttendanceNote.objects.filter(worker=worker).select_related("assignment__gig__order", "recorded_by")
    if is_coordinator(user) or worker.home_unit_id in staff_unit_ids(user):
        return qs
    return qs.none()
