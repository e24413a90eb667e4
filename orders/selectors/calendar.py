"""The events of a person's calendar feed (`/calendar/<token>.ics`): the gigs she is going to.

- A worker: her own gigs that she took (accepted, and those done or approved), not cancelled.
- Unit staff: the same gigs of the workers of their units, and of every worker they come along
  with (`Assignment.support_person`), whichever unit those belong to.

From 30 days back on, so a gig of last week stays in the calendar as it was. Each event is one
assignment, with a UID that stays the same while the assignment lives, so a calendar app updates
the event when the gig moves instead of adding a second one.

What a calendar holds leaves the service (calendar apps sync to their clouds), so an event says
what the worker's own gig page says and nothing more: the task, the place, the time, the notes for
the workers and whom to call. Never support needs, the kind of support, benefits or pay. A staff
member's event names the worker by first name only.

One query for the assignments whatever their number (plus the role look-ups, cached per user).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jobcenter.roles import staff_unit_ids, worker_profile
from orders.gig_times import gig_ends_at, gig_starts_at
from orders.models import ASSIGNMENT_FILLING_STATES, Assignment, Gig

# How far back the feed reaches: last month's gigs stay where they were in the calendar.
PAST_DAYS = 30


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    starts_at: dt.datetime  # aware, Europe/Helsinki
    ends_at: dt.datetime
    location: str
    description: str
    changed_at: dt.datetime
    # For the page the event links to (the pages' addresses are web's to build).
    assignment_id: int
    worker_id: int
    worker_home_unit_id: int
    own: bool  # the user's own gig (not a gig of a worker she supports)


def _address(order) -> str:
    place = " ".join(part for part in (order.postal_code, order.city) if part)
    return ", ".join(part for part in (order.street_address, place) if part)


def _uid(assignment: Assignment) -> str:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "jobcenter"
    return f"assignment-{assignment.pk}@{host}"


def _description(assignment: Assignment, *, for_staff: bool) -> str:
    gig, unit = assignment.gig, assignment.unit
    lines = []
    if gig.order.task_type_id:
        lines.append(str(gig.order.task_type.name))
    if for_staff:
        lines.append(_("Worker: %(name)s") % {"name": assignment.worker.user.first_name})
    if gig.notes:
        lines.append(gig.notes)
    support = assignment.support_person
    if support is not None:
        lines.append(_("Coming along: %(name)s") % {"name": support.first_name})
    if unit.phone:
        lines.append(_("Questions? Call %(unit)s, %(phone)s") % {"unit": unit.name, "phone": unit.phone})
    return "\n\n".join(lines)


def _assignments_for(user, since: dt.date):
    worker = worker_profile(user)
    units = staff_unit_ids(user)
    scope = Q(support_person=user)
    if worker is not None:
        scope |= Q(worker=worker)
    if units:
        scope |= Q(worker__home_unit_id__in=units)
    live_gigs = Gig.objects.live().filter(date__gte=since)
    return (
        Assignment.objects.filter(scope, status__in=ASSIGNMENT_FILLING_STATES, gig__in=live_gigs)
        .select_related("gig__order__task_type", "unit", "support_person", "worker__user")
        .order_by("gig__date", "gig__start_time", "pk")
    )


def calendar_events_for(*, user, today: dt.date | None = None) -> list[CalendarEvent]:
    """The events of the user's feed, soonest first, written in the user's language."""
    since = (today or timezone.localdate()) - dt.timedelta(days=PAST_DAYS)
    worker = worker_profile(user)
    events = []
    with translation.override(user.language or settings.LANGUAGE_CODE):
        for assignment in _assignments_for(user, since):
            gig = assignment.gig
            own = worker is not None and assignment.worker_id == worker.pk
            summary = gig.order.title if own else f"{assignment.worker.user.first_name}: {gig.order.title}"
            events.append(
                CalendarEvent(
                    uid=_uid(assignment),
                    summary=summary,
                    starts_at=gig_starts_at(gig),
                    ends_at=gig_ends_at(gig),
                    location=_address(gig.order),
                    description=_description(assignment, for_staff=not own),
                    changed_at=max(assignment.updated_at, gig.updated_at, gig.order.updated_at),
                    assignment_id=assignment.pk,
                    worker_id=assignment.worker_id,
                    worker_home_unit_id=assignment.worker.home_unit_id,
                    own=own,
                )
            )
    return events
