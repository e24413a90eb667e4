"""Celery entry points of orders. Tasks take ids and call services.

Each task imports the service it calls inside its body (services may queue tasks of this module).
"""

from __future__ import annotations

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

from jobcenter.tasks import enqueue

REMINDERS_LAST_SUCCESS = "orders:gig-reminders:last_success"


@shared_task(name="orders.send_gig_reminders")
def send_gig_reminders_task() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE "send-gig-reminders"): queue a send for each reminder due now
    that someone has not had. Safe to run twice, late or in parallel: each send claims its rows
    first, so a reminder goes once. Returns how many sends were queued; records the last success."""
    from orders.selectors.reminders import due_reminders

    queued = sum(
        enqueue(send_gig_reminder_task, assignment_id, reminder) for assignment_id, reminder in due_reminders()
    )
    cache.set(REMINDERS_LAST_SUCCESS, timezone.now().isoformat(), timeout=None)
    return queued


@shared_task(name="orders.send_gig_reminder")
def send_gig_reminder_task(assignment_id: int, reminder: str) -> int:
    """Send one assignment's reminder ("day_before" or "morning") to the worker and the staff member
    along, if still due and not sent. Returns how many people were newly reminded (0 when nothing
    was left to send, the worker is off the gig or the reminder's time has passed)."""
    from orders.services.reminders import gig_reminder_send

    return len(gig_reminder_send(assignment_id=assignment_id, reminder=reminder))


@shared_task(name="orders.create_gig_follow_ups")
def create_gig_follow_ups_task() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE "create-gig-follow-ups"): a review item for each worker on each
    gig that has ended ("käy keikka läpi Ainon kanssa"). Safe to run twice: one item per assignment."""
    from orders.services.follow_ups import follow_ups_create_reviews

    return follow_ups_create_reviews()
