"""When a gig's reminders are due, which are due now, and whether a worker said she is coming.

Two reminders go before a gig to the worker who took it and to the staff member coming along
(times in Helsinki, from the JOBCENTER_REMINDER_* settings):

- the day before ("day_before"), from DAY_BEFORE_AT (16:00) on the day before the gig;
- on the morning ("morning"), from MORNING_AT (07:00) on the gig's day, or MORNING_MIN_HOURS (2)
  hours before the start when the gig starts earlier (a gig at 8.00 gets it at 6.00).

Each is sent only while it still makes sense: the day-before one until the morning one is due (a
periodic job that runs late sends one reminder, not a "tomorrow" email on the gig's day followed by
"today"), the morning one until the gig starts. A reminder whose time passed unsent stays unsent.
Whether one was sent is a `GigReminder` row (orders.services.reminders claims it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from orders.gig_times import gig_starts_at, local_zone
from orders.models import (
    Assignment,
    AssignmentEvent,
    AssignmentStatusChange,
    Gig,
    GigReminder,
    ReminderKind,
    ReminderRecipient,
)
from orders.states import AssignmentStatus, OrderStatus

# Assignments looked at per run of the periodic job; the rest wait for its next run.
DUE_BATCH = 500


def _clock_setting(name: str) -> dt.time:
    return dt.time.fromisoformat(getattr(settings, name))


def reminder_window(gig: Gig, reminder: str) -> tuple[dt.datetime, dt.datetime]:
    """[from, until) in which the reminder of `gig` may be sent."""
    starts = gig_starts_at(gig)
    zone = local_zone()
    morning_at = dt.datetime.combine(gig.date, _clock_setting("JOBCENTER_REMINDER_MORNING_AT"), tzinfo=zone)
    morning = min(morning_at, starts - dt.timedelta(hours=settings.JOBCENTER_REMINDER_MORNING_MIN_HOURS))
    if reminder == ReminderKind.MORNING:
        return morning, starts
    day_before = dt.datetime.combine(
        gig.date - dt.timedelta(days=1), _clock_setting("JOBCENTER_REMINDER_DAY_BEFORE_AT"), tzinfo=zone
    )
    return day_before, morning


def reminder_is_due(gig: Gig, reminder: str, now: dt.datetime | None = None) -> bool:
    since, until = reminder_window(gig, reminder)
    return since <= (now or timezone.now()) < until


def has_gig_started(gig: Gig, now: dt.datetime | None = None) -> bool:
    return (now or timezone.now()) >= gig_starts_at(gig)


def reminder_assignments():
    """The assignments that get reminders: the worker took the gig, which is not cancelled, on an
    order whose work goes on."""
    return Assignment.objects.filter(
        status=AssignmentStatus.ACCEPTED,
        gig__cancelled_at__isnull=True,
        gig__order__status__in=OrderStatus.work_states,
    )


def due_reminders(*, now: dt.datetime | None = None, limit: int = DUE_BATCH) -> list[tuple[int, str]]:
    """(assignment id, reminder) of each reminder due now that someone on it has not had yet."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    # A morning reminder of tomorrow's very early gig may be due tonight: look at two days.
    candidates = list(
        reminder_assignments()
        .filter(gig__date__range=(today, today + dt.timedelta(days=1)))
        .select_related("gig")
        .only("pk", "support_person_id", "gig__date", "gig__start_time")
        .order_by("gig__date", "gig__start_time", "pk")[:limit]
    )
    sent = set(
        GigReminder.objects.filter(assignment__in=[a.pk for a in candidates]).values_list(
            "assignment_id", "recipient_kind", "reminder"
        )
    )
    due = []
    for assignment in candidates:
        wanted = [ReminderRecipient.WORKER] + ([ReminderRecipient.STAFF] if assignment.support_person_id else [])
        for reminder in ReminderKind.values:
            if not reminder_is_due(assignment.gig, reminder, now):
                continue
            if any((assignment.pk, kind, reminder) not in sent for kind in wanted):
                due.append((assignment.pk, reminder))
    return due


# --- "Tulen": the worker said she is coming -------------------------------------------------------
def has_confirmed_coming(assignment_id: int) -> bool:
    return AssignmentStatusChange.objects.filter(
        assignment_id=assignment_id, kind=AssignmentEvent.CONFIRMED_COMING
    ).exists()


@dataclass(frozen=True)
class Coming:
    """What the worker's gig page shows about "Tulen"."""

    can_confirm: bool  # the button shows
    confirmed: bool  # she has said so already


def coming_for(gig: Gig, now: dt.datetime | None = None) -> Coming:
    """For a gig of the worker's own list (`assignment_id`, `assignment_status` annotated)."""
    if gig.assignment_status != AssignmentStatus.ACCEPTED or gig.is_cancelled or has_gig_started(gig, now):
        return Coming(can_confirm=False, confirmed=False)
    confirmed = has_confirmed_coming(gig.assignment_id)
    return Coming(can_confirm=not confirmed, confirmed=confirmed)


def answer_assignment_get(*, assignment_id: int) -> Assignment | None:
    """The assignment a signed answer link names (the link is the scope: it was sent to her), with
    what its page shows; never the worker's support needs. None when it is gone."""
    return (
        Assignment.objects.select_related("gig__order", "worker__user", "unit", "support_person")
        .defer("worker__support_needs")
        .filter(pk=assignment_id)
        .first()
    )
