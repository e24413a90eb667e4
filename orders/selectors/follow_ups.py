"""Reads of the gig follow-up items. Only staff of the worker's home unit and coordinators see them;
a page that shows an item's note writes an access-log entry (`orders.privacy_follow_ups.LOG_FOLLOW_UPS`)."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404

from jobcenter.roles import is_coordinator, staff_unit_ids
from orders.models import GigFollowUp


def can_see_follow_up(user, item: GigFollowUp) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    return item.assignment.worker.home_unit_id in staff_unit_ids(user) or is_coordinator(user)


def _items() -> QuerySet[GigFollowUp]:
    return GigFollowUp.objects.select_related(
        "assignment__worker__user", "assignment__worker__home_unit", "assignment__gig__order", "staff_member"
    ).defer("assignment__worker__support_needs")


def follow_ups_open_for(*, user, unit_id: int | None = None) -> list[GigFollowUp]:
    """Open items of the workers of the user's units: the user's own first, then by when due.
    No notes are shown from these (open items have none)."""
    unit_ids = staff_unit_ids(user)
    if unit_id:
        unit_ids = unit_ids & {unit_id}
    if not unit_ids:
        return []
    return list(
        _items()
        .filter(done_at__isnull=True, assignment__worker__home_unit_id__in=unit_ids)
        .annotate(
            mine=Case(When(staff_member_id=user.pk, then=Value(0)), default=Value(1), output_field=IntegerField())
        )
        .order_by("mine", "due_at", "pk")[:50]
    )


def follow_up_get_for(*, user, pk: int) -> GigFollowUp:
    """One item in the user's scope; 404 otherwise."""
    item = get_object_or_404(_items(), pk=pk)
    if not can_see_follow_up(user, item):
        raise Http404
    return item


def follow_ups_done_for_worker(*, user, worker) -> list[GigFollowUp]:
    """The worker's done items with their notes, newest first (the caller logs the look)."""
    if not (worker.home_unit_id in staff_unit_ids(user) or is_coordinator(user)):
        return []
    return list(_items().filter(assignment__worker=worker, done_at__isnull=False).order_by("-done_at", "-pk"))
