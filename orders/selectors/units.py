"""Reads for the unit staff pages (needs, candidates, the unit's workers and their gigs), always narrowed
to the units in which the user is active staff.

They build on the shared scoped selectors (`orders.selectors`, `workers.selectors`) and only narrow
further, so an object outside the user's units is a 404. Lists are built with a constant number of
queries: related rows are joined, annotated or prefetched, never loaded per row.

A worker's support needs are never read here: only `workers.selectors.worker_support_needs_for`
reads them, and it logs every read.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from functools import reduce

from django.db.models import BooleanField, Count, Exists, Min, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.shortcuts import get_object_or_404
from django.utils import timezone

from jobcenter.roles import staff_unit_ids
from orders.models import (
    ASSIGNMENT_ACTIVE_STATES,
    ASSIGNMENT_FILLING_STATES,
    Assignment,
    AssignmentStatus,
    Gig,
    Order,
    OrderUnitNotice,
)
from orders.permissions import can_withdraw_assignment
from orders.selectors.gigs import assignment_list_for, needs_for_unit
from orders.selectors.orders import order_list_for
from workers.models import Worker, WorkerGroup
from workers.selectors import worker_list_for

# A worker's gigs that are still ahead of them, and the work they have done (or that is due).
UPCOMING_STATES = AssignmentStatus.coming_states
WORK_DONE_STATES = AssignmentStatus.work_done_states
WITHDRAWABLE_STATES = AssignmentStatus.states_that_can_move_to(AssignmentStatus.WITHDRAWN)


def _narrow(user, unit_id: int | None) -> set[int]:
    """The user's staff units, or just `unit_id` when it is one of them (a filter never widens)."""
    mine = staff_unit_ids(user)
    if unit_id is not None and unit_id in mine:
        return {unit_id}
    return set(mine)


# --- Needs (orders being staffed) -----------------------------------------------------------------
def _coming_gigs(unit_ids: set[int]) -> QuerySet[Gig]:
    active = [str(state) for state in ASSIGNMENT_ACTIVE_STATES]
    return (
        Gig.objects.live()
        .filter(date__gte=timezone.localdate())
        .annotate(
            filled_places=Count("assignments", filter=Q(assignments__status__in=ASSIGNMENT_FILLING_STATES)),
            proposed_from_mine=Count(
                "assignments", filter=Q(assignments__unit_id__in=unit_ids, assignments__status__in=active)
            ),
        )
        .order_by("date", "start_time", "pk")
    )


def unit_needs_for(*, user, unit_id: int | None = None) -> QuerySet[Order]:
    """Orders being staffed that were announced to the user's units (or to one of them), soonest first.

    Each order has `order.gigs.all()` (its coming gigs, each with `filled_places` and
    `proposed_from_mine`) and `order.my_notices` (which of the user's units were informed).
    """
    mine = staff_unit_ids(user)
    wanted = _narrow(user, unit_id)
    qs = needs_for_unit(user=user)
    if wanted != mine:
        qs = qs.filter(pk__in=OrderUnitNotice.objects.filter(unit_id__in=wanted).values("order_id"))
    return qs.prefetch_related(None).prefetch_related(
        Prefetch("gigs", queryset=_coming_gigs(mine)),
        Prefetch(
            "unit_notices",
            queryset=OrderUnitNotice.objects.filter(unit_id__in=mine).select_related("unit").order_by("unit__name"),
            to_attr="my_notices",
        ),
    )


def unit_order_get_for(*, user, pk: int) -> Order:
    """An order announced to one of the user's units (any state); `Http404` otherwise.

    `order.my_unit_ids` holds the user's units that were informed of it.
    """
    mine = staff_unit_ids(user)
    informed = OrderUnitNotice.objects.filter(unit_id__in=mine)
    # With its employer partner: the proposal page names who employs on a partner-model gig.
    scoped = order_list_for(user=user).filter(pk__in=informed.values("order_id")).select_related("employer_partner")
    order = get_object_or_404(scoped, pk=pk)
    order.my_unit_ids = set(informed.filter(order=order).values_list("unit_id", flat=True))
    return order


def unit_gig_get_for(*, order: Order, pk: int) -> Gig:
    """A gig of an order already in the user's scope, with `filled_places`; `Http404` otherwise."""
    qs = (
        Gig.objects.live()
        .filter(order=order)
        .annotate(filled_places=Count("assignments", filter=Q(assignments__status__in=ASSIGNMENT_FILLING_STATES)))
    )
    return get_object_or_404(qs, pk=pk)


# --- Proposing workers ----------------------------------------------------------------------------
# The columns of a candidate: the name, the home unit and its service's default support, the
# worker's own words about their interests, and the ids the benefit foresight and its log use.
CANDIDATE_FIELDS = (
    "id",
    "user_id",
    "home_unit_id",
    "interests_note",
    "is_active",
    "user__first_name",
    "user__last_name",
    "user__email",
    "home_unit__name",
    "home_unit__service_id",
    "home_unit__service__default_support",
)


def propose_candidates_for(*, user, order: Order, gig: Gig, unit_ids: Iterable[int]) -> list[Worker]:
    """The active workers of `unit_ids` (units of the user informed of the order), in one query.

    Each worker carries `skill_match` and `interest_match` (their skills or interests include the
    order's task type) and `gig_status` (their assignment's state on this gig, or None). Workers
    who match come first.
    """
    return dress_candidates(propose_candidates_qs(user=user, order=order, gig=gig, unit_ids=unit_ids))


def dress_candidates(workers: Iterable[Worker]) -> list[Worker]:
    """The candidates as a list, each with the label of their state on the gig."""
    workers = list(workers)
    for worker in workers:
        worker.gig_status_label = AssignmentStatus(worker.gig_status).label if worker.gig_status else ""
    return workers


def propose_candidates_qs(*, user, order: Order, gig: Gig, unit_ids: Iterable[int]) -> QuerySet[Worker]:
    """The candidates as a queryset, for a page of them (see `propose_candidates_for`)."""
    unit_ids = set(unit_ids) & staff_unit_ids(user)
    if order.task_type_id is None:
        skill_match = interest_match = Value(False, output_field=BooleanField())
    else:
        skill_match = Exists(
            Worker.skills.through.objects.filter(worker_id=OuterRef("pk"), tasktype_id=order.task_type_id)
        )
        interest_match = Exists(
            Worker.interests.through.objects.filter(worker_id=OuterRef("pk"), tasktype_id=order.task_type_id)
        )
    on_gig = Assignment.objects.filter(gig=gig, worker_id=OuterRef("pk")).values("status")[:1]
    qs = (
        worker_list_for(user=user)
        .filter(home_unit_id__in=unit_ids, is_active=True, user__is_active=True)
        .select_related("home_unit__service")
        # Only what the page and the access log read: a unit's 500 candidates come back in a
        # third of the time without the user's, unit's and service's other columns.
        .only(*CANDIDATE_FIELDS)
        .annotate(skill_match=skill_match, interest_match=interest_match, gig_status=Subquery(on_gig))
        .order_by("-skill_match", "-interest_match", "user__last_name", "user__first_name", "pk")
    )
    return qs


def worker_groups_for(*, user, unit_ids: Iterable[int]) -> list[WorkerGroup]:
    """Worker groups of the given units of the user, each with `active_members` (two queries)."""
    unit_ids = set(unit_ids) & staff_unit_ids(user)
    members = Worker.objects.filter(is_active=True).select_related("user").defer("support_needs")
    return list(
        WorkerGroup.objects.filter(unit_id__in=unit_ids)
        .select_related("unit__service")
        .prefetch_related(Prefetch("members", queryset=members, to_attr="active_members"))
        .order_by("unit__name", "name")
    )


# --- My units' workers ----------------------------------------------------------------------------
def unit_worker_list_for(*, user, unit_id: int | None = None, q: str = "") -> QuerySet[Worker]:
    """Workers of the user's units (or one of them), by name, searchable by name or email.

    Each worker carries `upcoming_count` (gigs ahead: proposed, offered or accepted),
    `next_date` (the first of them) and `past_count` (work done, or accepted and its day passed).
    """
    today = timezone.localdate()
    upcoming = Q(assignments__gig__date__gte=today, assignments__status__in=list(UPCOMING_STATES))
    past = Q(assignments__status__in=list(WORK_DONE_STATES)) | Q(
        assignments__status=AssignmentStatus.ACCEPTED, assignments__gig__date__lt=today
    )
    qs = (
        worker_list_for(user=user)
        .filter(home_unit_id__in=_narrow(user, unit_id))
        .annotate(
            upcoming_count=Count("assignments", filter=upcoming),
            next_date=Min("assignments__gig__date", filter=upcoming),
            past_count=Count("assignments", filter=past),
        )
        .order_by("user__last_name", "user__first_name", "pk")
    )
    words = q.split()
    if words:
        qs = qs.filter(
            reduce(
                operator.and_,
                (
                    Q(user__first_name__icontains=word)
                    | Q(user__last_name__icontains=word)
                    | Q(user__email__icontains=word)
                    for word in words
                ),
            )
        )
    return qs


def unit_worker_get_for(*, user, pk: int) -> Worker:
    """A worker whose home unit is one of the user's units; `Http404` otherwise (also for a
    coordinator who is staff elsewhere: these pages show only the user's own units)."""
    qs = worker_list_for(user=user).filter(home_unit_id__in=staff_unit_ids(user)).select_related("home_unit__service")
    return get_object_or_404(qs, pk=pk)


def _worker_assignments(user, worker: Worker) -> QuerySet[Assignment]:
    return (
        assignment_list_for(user=user)
        .filter(worker=worker)
        .select_related("feedback", "support_person", "gig__order__contact")
    )


def worker_gigs_for(*, user, worker: Worker) -> tuple[list[Assignment], list[Assignment]]:
    """The worker's gigs as (upcoming, soonest first; the rest, latest first), in one query.

    Each assignment carries what the user may do on the worker's behalf: `can_accept`,
    `can_decline`, `can_report` (accepted and its day has come) and `can_withdraw`.
    """
    today = timezone.localdate()
    upcoming: list[Assignment] = []
    others: list[Assignment] = []
    for assignment in _worker_assignments(user, worker).order_by("gig__date", "gig__start_time", "pk"):
        status = assignment.status
        assignment.can_accept = assignment.can_decline = status == AssignmentStatus.OFFERED
        assignment.can_report = status == AssignmentStatus.ACCEPTED and assignment.gig.date <= today
        assignment.can_withdraw = status in WITHDRAWABLE_STATES and can_withdraw_assignment(user, assignment)
        # A coming gig she cannot come to stays among the coming ones: the unit may look for a stand-in.
        coming = status in UPCOMING_STATES or status == AssignmentStatus.CANT_COME
        if coming and assignment.gig.date >= today:
            upcoming.append(assignment)
        else:
            others.append(assignment)
    others.reverse()
    return upcoming, others


def worker_assignment_get_for(*, user, worker: Worker, pk: int) -> Assignment:
    """One of the worker's assignments in the user's scope; `Http404` otherwise."""
    return get_object_or_404(_worker_assignments(user, worker), pk=pk)
