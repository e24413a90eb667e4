"""Before and after a gig: the supporting staff member's follow-up items (orders.models.follow_ups).

- A preparation item when a worker accepts her first gig of a task type (`follow_up_prepare_if_first`,
  called by `assignment_accept` in its transaction).
- A review item once a gig's planned end has passed, for each worker on it (`follow_ups_create_reviews`,
  run by the periodic job "create-gig-follow-ups" and `manage.py create_gig_follow_ups`).
- The staff member records a short note and the item is done (`follow_up_record_note`).

One item per assignment and kind: a job that runs twice, late or in parallel makes nothing more (the
check first, the unique constraint behind it, inserts that skip a conflict).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobcenter.errors import ActionNotPermitted, DomainError
from orders.gig_times import gig_ends_at, gig_starts_at
from orders.models import Assignment, FollowUpKind, GigFollowUp
from orders.models.follow_ups import NOTE_MAX_LENGTH
from orders.selectors.follow_ups import can_see_follow_up
from orders.states import AssignmentStatus

# Gigs that ended longer ago than this get no review item (the first run after the feature came
# must not fill the start page with last year's gigs).
REVIEW_LOOKBACK_DAYS = 14


def _staff_member_id(assignment: Assignment) -> int | None:
    """Who goes through the gig with her: the supporting staff member, else whoever proposed her."""
    return assignment.support_person_id or assignment.proposed_by_id


def _is_first_of_task_type(assignment: Assignment) -> bool:
    task_type_id = assignment.gig.order.task_type_id
    return not (
        Assignment.objects.filter(
            worker_id=assignment.worker_id,
            gig__order__task_type_id=task_type_id,
            status__in=AssignmentStatus.filling_states,
        )
        .exclude(pk=assignment.pk)
        .exists()
    )


@transaction.atomic
def follow_up_prepare_if_first(*, assignment: Assignment) -> GigFollowUp | None:
    """A preparation item, due at the gig's start, if this accepted gig is the worker's first of its
    task type. None otherwise (or when there already is one)."""
    assignment = Assignment.objects.select_related("gig__order").get(pk=assignment.pk)
    if assignment.status != AssignmentStatus.ACCEPTED or not _is_first_of_task_type(assignment):
        return None
    # A gig that has already begun (history entered afterwards) is past preparing for.
    if gig_starts_at(assignment.gig) <= timezone.now():
        return None
    item, created = GigFollowUp.objects.get_or_create(
        assignment=assignment,
        kind=FollowUpKind.PREPARE,
        defaults={"staff_member_id": _staff_member_id(assignment), "due_at": gig_starts_at(assignment.gig)},
    )
    return item if created else None


def _ended_assignments(now: dt.datetime, lookback_days: int):
    since = timezone.localtime(now).date() - dt.timedelta(days=lookback_days)
    candidates = (
        Assignment.objects.filter(
            status__in=AssignmentStatus.filling_states,
            gig__cancelled_at__isnull=True,
            gig__date__gte=since,
            gig__date__lte=timezone.localtime(now).date(),
        )
        .exclude(follow_ups__kind=FollowUpKind.REVIEW)
        .select_related("gig")
        .order_by("pk")
    )
    return [a for a in candidates if gig_ends_at(a.gig) <= now]


@transaction.atomic
def follow_ups_create_reviews(*, now: dt.datetime | None = None, lookback_days: int = REVIEW_LOOKBACK_DAYS) -> int:
    """A review item for each worker on each gig whose planned end has passed (in the last
    `lookback_days` days). Returns how many were made."""
    now = now or timezone.now()
    items = [
        GigFollowUp(
            assignment=assignment,
            kind=FollowUpKind.REVIEW,
            staff_member_id=_staff_member_id(assignment),
            due_at=gig_ends_at(assignment.gig),
        )
        for assignment in _ended_assignments(now, lookback_days)
    ]
    if not items:
        return 0
    before = GigFollowUp.objects.filter(kind=FollowUpKind.REVIEW).count()
    GigFollowUp.objects.bulk_create(items, ignore_conflicts=True)
    return GigFollowUp.objects.filter(kind=FollowUpKind.REVIEW).count() - before


@transaction.atomic
def follow_up_record_note(*, follow_up_id: int, by, note: str) -> GigFollowUp:
    """The staff member prepared or went through the gig with the worker: a short working note, and done."""
    item = (
        GigFollowUp.objects.select_for_update(of=("self",))
        .select_related("assignment__worker")
        .filter(pk=follow_up_id)
        .first()
    )
    if item is None:
        raise DomainError(_("The item no longer exists."))
    if not can_see_follow_up(by, item):
        raise ActionNotPermitted
    if item.done_at is not None:
        raise DomainError(_("This item is already done."))
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise DomainError(_("Keep the note short: at most %(count)s characters.") % {"count": NOTE_MAX_LENGTH})
    item.note = note
    item.done_at = timezone.now()
    item.done_by = by
    item.save(update_fields=["note", "done_at", "done_by"])
    return item
