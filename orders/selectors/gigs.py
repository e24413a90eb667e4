"""Reads of gigs and assignments: the worker's own gigs, the assignments a user may see, the units' needs."""

from __future__ import annotations

import operator
from collections.abc import Iterable
from functools import reduce

from django.db.models import (
    Count,
    F,
    FilteredRelation,
    Min,
    Prefetch,
    Q,
    QuerySet,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone

from jobcenter.roles import (
    is_administrator,
    is_coordinator,
    staff_unit_ids,
    worker_profile,
)
from orders.models import (
    ASSIGNMENT_FILLING_STATES,
    Assignment,
    AssignmentStatusChange,
    Gig,
    Order,
    OrderStatus,
    OrderUnitNotice,
)


def _sees_everything(user) -> bool:
    return is_coordinator(user) or is_administrator(user)


def gig_list_for_worker(
    *,
    worker,
    statuses: Iterable[str] | None = None,
    upcoming: bool | None = None,
) -> QuerySet[Gig]:
    """The gigs the worker is on, with their own assignment's details as annotations.

    Each gig carries `assignment_id`, `assignment_status`, `assignment_support`,
    `reported_hours`, `approved_hours` and `cancellation_pay`. `upcoming=True` gives gigs from today on, soonest first;
    `upcoming=False` gives earlier gigs, latest first. The pay is billing's: a page that shows it
    passes the queryset through `billing.pricing.with_worker_hourly_pay`.
    """
    qs = (
        Gig.objects.annotate(mine=FilteredRelation("assignments", condition=Q(assignments__worker=worker)))
        .filter(mine__isnull=False)
        .select_related("order", "order__task_type")
        .annotate(
            assignment_id=F("mine__id"),
            assignment_status=F("mine__status"),
            assignment_support=F("mine__support"),
            reported_hours=F("mine__reported_hours"),
            approved_hours=F("mine__approved_hours"),
            # Her minimum pay for a gig the client cancelled late (0 or None otherwise).
            cancellation_pay=F("mine__cancellation_pay"),
        )
    )
    if statuses is not None:
        qs = qs.filter(mine__status__in=list(statuses))
    today = timezone.localdate()
    if upcoming is True:
        qs = qs.filter(date__gte=today).order_by("date", "start_time", "pk")
    elif upcoming is False:
        qs = qs.filter(date__lt=today).order_by("-date", "-start_time", "-pk")
    return qs


def assignment_list_for(
    *,
    user,
    statuses: Iterable[str] | None = None,
    upcoming: bool | None = None,
) -> QuerySet[Assignment]:
    """Assignments the user may see.

    A worker sees their own; unit staff see their unit's workers' assignments (and those their unit
    proposed); coordinators and administrators see all. The worker's support needs are deferred:
    they are read only through `workers.selectors.worker_support_needs_for`.
    """
    qs = Assignment.objects.select_related(
        "gig", "gig__order", "gig__order__task_type", "gig__order__client", "worker", "worker__user", "unit"
    ).defer("worker__support_needs")
    if not _sees_everything(user):
        conditions: list[Q] = []
        own = worker_profile(user)
        if own is not None:
            conditions.append(Q(worker=own))
        unit_ids = staff_unit_ids(user)
        if unit_ids:
            conditions.append(Q(worker__home_unit_id__in=unit_ids) | Q(unit_id__in=unit_ids))
        if not conditions:
            return qs.none()
        qs = qs.filter(reduce(operator.or_, conditions))
    if statuses is not None:
        qs = qs.filter(status__in=list(statuses))
    today = timezone.localdate()
    if upcoming is True:
        qs = qs.filter(gig__date__gte=today).order_by("gig__date", "gig__start_time", "pk")
    elif upcoming is False:
        qs = qs.filter(gig__date__lt=today).order_by("-gig__date", "-gig__start_time", "-pk")
    return qs


def needs_for_unit(*, user) -> QuerySet[Order]:
    """Orders being staffed that were announced to the user's units, soonest first.

    Each order has its coming gigs prefetched (`order.gigs.all()`), each gig with `filled_places`.
    Only unit staff get rows: a coordinator sees the same orders through `order_list_for`.
    """
    unit_ids = staff_unit_ids(user)
    if not unit_ids:
        return Order.objects.none()
    coming_gigs = (
        Gig.objects.live()
        .filter(date__gte=timezone.localdate())
        .annotate(filled_places=Count("assignments", filter=Q(assignments__status__in=ASSIGNMENT_FILLING_STATES)))
        .order_by("date", "start_time", "pk")
    )
    return (
        Order.objects.filter(
            status=OrderStatus.STAFFING,
            pk__in=OrderUnitNotice.objects.filter(unit_id__in=unit_ids).values("order_id"),
        )
        .select_related("client", "task_type")
        .annotate(first_gig_date=Min("gigs__date", filter=Q(gigs__cancelled_at__isnull=True)))
        .prefetch_related(Prefetch("gigs", queryset=coming_gigs))
        .order_by(F("first_gig_date").asc(nulls_last=True), "-created_at", "-pk")
    )


def _on_behalf_changes() -> Prefetch:
    """An assignment's changes made by staff for the worker, as `on_behalf_changes`."""
    return Prefetch(
        "status_changes",
        queryset=AssignmentStatusChange.objects.filter(on_behalf=True).order_by("at", "pk"),
        to_attr="on_behalf_changes",
    )


def assignment_get_for(*, user, pk: int) -> Assignment:
    """One assignment in the user's scope (with its gig, order, worker, unit and feedback); 404 otherwise."""
    qs = (
        assignment_list_for(user=user)
        .select_related("support_person", "approved_by", "feedback")
        .prefetch_related(_on_behalf_changes())
    )
    return get_object_or_404(qs, pk=pk)
