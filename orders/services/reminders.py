"""Sending a gig's reminder, exactly once per person: the worker who took the gig and the staff member
coming along (when times are due: orders.selectors.reminders).

`gig_reminder_send` runs in one transaction: it locks the order and the gig (the lock order of every
order service), checks again that the reminder is due and the worker still on the gig, inserts the
`GigReminder` rows and only then queues the emails (sent after commit). A periodic job that runs
twice, late or in two workers at once finds the rows and sends nothing more; the unique constraint
backs the lock up (on SQLite, which has no row locks, a second insert fails and is skipped).

A staff member coming along with several workers of the same gig gets one email naming them all.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from jobcenter.errors import DomainError
from jobcenter.mail import queue_email
from orders.models import Assignment, Gig, GigReminder, ReminderKind, ReminderRecipient
from orders.selectors.reminders import reminder_assignments, reminder_is_due
from orders.services.common import _lock_order, _reverse_in, _site_url
from orders.tokens_answer import make_answer_token
from workers.contact import tell_worker_queued

EMAILS = {ReminderRecipient.WORKER: "gig_reminder_worker", ReminderRecipient.STAFF: "gig_reminder_staff"}


def _claim(assignment: Assignment, kind: str, reminder: str, recipient, now: dt.datetime) -> GigReminder | None:
    """Insert the row that says this reminder went; None when it already has."""
    if GigReminder.objects.filter(assignment=assignment, recipient_kind=kind, reminder=reminder).exists():
        return None
    try:
        with transaction.atomic():
            return GigReminder.objects.create(
                assignment=assignment, recipient_kind=kind, reminder=reminder, recipient=recipient, sent_at=now
            )
    except IntegrityError:
        return None


def _phone_to_call(assignment: Assignment) -> str:
    """Whom the worker phones: the staff member coming along, else her unit."""
    person = assignment.support_person
    return (person.phone if person is not None else "") or assignment.unit.phone


def _context(assignment: Assignment, reminder: str) -> dict:
    gig = assignment.gig
    return {
        "assignment": assignment,
        "gig": gig,
        "order": gig.order,
        "day_before": reminder == ReminderKind.DAY_BEFORE,
        "unit": assignment.unit,
        "support_person": assignment.support_person,
        "phone": _phone_to_call(assignment),
    }


def _worker_email(assignment: Assignment, reminder: str):
    user = assignment.worker.user
    language = user.language or "fi"
    link = _site_url(_reverse_in(language, "workers:gig-answer", token=make_answer_token(assignment)))
    context = {**_context(assignment, reminder), "worker": assignment.worker, "link": link}
    # By her channel: the email (kept on the reminder's row), a text message, or both.
    email, _sms = tell_worker_queued(assignment.worker, code=EMAILS[ReminderRecipient.WORKER], context=context)
    return email


def _staff_email(assignment: Assignment, reminder: str, workers: list):
    person = assignment.support_person
    context = {**_context(assignment, reminder), "recipient": person, "workers": workers}
    return queue_email(
        to=person.email, code=EMAILS[ReminderRecipient.STAFF], language=person.language or "fi", context=context
    )


@transaction.atomic
def gig_reminder_send(*, assignment_id: int, reminder: str, now: dt.datetime | None = None) -> list[GigReminder]:
    """Send the reminder of this assignment to whoever on it has not had it; return the rows
    claimed now (none when everyone has it, the worker is off the gig, it is cancelled, or the
    reminder's time has passed)."""
    if reminder not in ReminderKind.values:
        raise DomainError(f"unknown reminder {reminder!r}")
    now = now or timezone.now()
    order_id = Assignment.objects.filter(pk=assignment_id).values_list("gig__order_id", flat=True).first()
    if order_id is None:
        return []
    _lock_order(order_id)
    gig_id = Assignment.objects.filter(pk=assignment_id).values_list("gig_id", flat=True).first()
    gig = Gig.objects.select_for_update().get(pk=gig_id)
    assignment = (
        reminder_assignments()
        .select_related("gig__order", "worker__user", "unit", "support_person")
        .defer("worker__support_needs")
        .filter(pk=assignment_id)
        .first()
    )
    if assignment is None or not reminder_is_due(gig, reminder, now):
        return []
    claimed = []
    row = _claim(assignment, ReminderRecipient.WORKER, reminder, assignment.worker.user, now)
    if row is not None:
        row.email = _worker_email(assignment, reminder)
        row.save(update_fields=["email"])
        claimed.append(row)
    person = assignment.support_person
    if person is not None and person.email:
        claimed += _staff_reminder(assignment, reminder, now)
    return claimed


def _staff_reminder(assignment: Assignment, reminder: str, now: dt.datetime) -> list[GigReminder]:
    """One email to the staff member for all her workers of the gig who have not had theirs sent."""
    alongside = list(
        reminder_assignments()
        .filter(gig_id=assignment.gig_id, support_person_id=assignment.support_person_id)
        .select_related("worker__user")
        .defer("worker__support_needs")
        .order_by("pk")
    )
    rows = [
        row
        for other in alongside
        if (row := _claim(other, ReminderRecipient.STAFF, reminder, assignment.support_person, now)) is not None
    ]
    if not rows:
        return []
    workers = [other.worker for other in alongside]
    first = rows[0]
    first.email = _staff_email(assignment, reminder, workers)
    first.save(update_fields=["email"])
    return rows
