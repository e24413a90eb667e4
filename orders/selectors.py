"""Reads of orders, gigs and assignments, always scoped to the acting user.

Who sees which orders:
- coordinators and administrators: every order;
- unit staff: orders their unit was informed of, and orders with an assignment from their unit
  (proposed by it, or of a worker whose home unit it is);
- client contacts: the orders of their organisation(s);
- workers (as workers): no orders; they see their own gigs through `gig_list_for_worker`.
A person with several roles sees the union. Anything outside the scope is a 404 (`order_get_for`).
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping
from functools import reduce

from django.db.models import (
    Count,
    DecimalField,
    F,
    FilteredRelation,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.http import QueryDict
from django.shortcuts import get_object_or_404
from django.utils import timezone

from billing.models import PriceList
from jobcenter.roles import (
    client_organisation_ids,
    is_administrator,
    is_coordinator,
    staff_unit_ids,
    worker_profile,
)
from orders.filters import OrderFilter
from orders.models import (
    ASSIGNMENT_FILLING_STATES,
    Assignment,
    Gig,
    Order,
    OrderStatus,
    OrderUnitNotice,
)


def _sees_everything(user) -> bool:
    return is_coordinator(user) or is_administrator(user)


def _scoped_orders(user) -> QuerySet[Order]:
    """Orders in the user's scope, without joins or annotations (safe to aggregate)."""
    qs = Order.objects.all()
    if _sees_everything(user):
        return qs
    conditions: list[Q] = []
    unit_ids = staff_unit_ids(user)
    if unit_ids:
        informed = OrderUnitNotice.objects.filter(unit_id__in=unit_ids).values("order_id")
        staffed = Assignment.objects.filter(Q(unit_id__in=unit_ids) | Q(worker__home_unit_id__in=unit_ids)).values(
            "gig__order_id"
        )
        conditions.append(Q(pk__in=informed) | Q(pk__in=staffed))
    org_ids = client_organisation_ids(user)
    if org_ids:
        conditions.append(Q(client_id__in=org_ids))
    if not conditions:
        return qs.none()
    # Subqueries, not joins: no duplicate rows, so no DISTINCT is needed.
    return qs.filter(reduce(operator.or_, conditions))


def order_list_for(*, user, filters: Mapping[str, str] | None = None) -> QuerySet[Order]:
    """Orders the user may see, newest first, with their client, contact and task type.

    Each order carries `gig_count` and `filled_places` (workers who accepted or did the work).
    `filters` are narrowed with `orders.filters.OrderFilter` (status, task_type, client, q).
    """
    qs = (
        _scoped_orders(user)
        .select_related("client", "contact", "task_type")
        .annotate(
            gig_count=Count("gigs", distinct=True),
            filled_places=Count(
                "gigs__assignments",
                filter=Q(gigs__assignments__status__in=ASSIGNMENT_FILLING_STATES),
                distinct=True,
            ),
        )
        .order_by("-created_at", "-pk")
    )
    if filters:
        qs = OrderFilter(_as_querydict(filters), queryset=qs).qs
    return qs


def _as_querydict(filters: Mapping) -> QueryDict:
    """A request's GET as is; a plain dict (values or lists of values) as a QueryDict."""
    if isinstance(filters, QueryDict):
        return filters
    data = QueryDict(mutable=True)
    for key, value in filters.items():
        values = value if isinstance(value, list | tuple | set | frozenset) else [value]
        data.setlist(key, [str(item) for item in values])
    return data


def order_get_for(*, user, pk: int) -> Order:
    """One order in the user's scope; `Http404` otherwise (we do not tell that it exists)."""
    return get_object_or_404(order_list_for(user=user), pk=pk)


def order_status_counts_for(*, user) -> dict[str, int]:
    """How many orders the user may see in each state, in the order of `OrderStatus` (one query)."""
    rows = _scoped_orders(user).order_by().values("status").annotate(count=Count("pk")).values_list("status", "count")
    found = dict(rows)
    return {status: found.get(status, 0) for status in OrderStatus.values}


def _worker_hourly_pay_subquery() -> Subquery:
    """The worker's hourly pay on the gig's date for the order's contract type (dated price list)."""
    return Subquery(
        PriceList.objects.valid_on(OuterRef("date"))
        .filter(contract_type=OuterRef("order__contract_type"))
        .order_by("-valid_from")
        .values("worker_hourly_pay")[:1],
        output_field=DecimalField(max_digits=8, decimal_places=2),
    )


def gig_list_for_worker(
    *,
    worker,
    statuses: Iterable[str] | None = None,
    upcoming: bool | None = None,
) -> QuerySet[Gig]:
    """The gigs the worker is on, with their own assignment's details as annotations.

    Each gig carries `assignment_id`, `assignment_status`, `assignment_support`,
    `reported_hours`, `approved_hours` and `worker_hourly_pay` (from the price list in force on the
    gig's date). `upcoming=True` gives gigs from today on, soonest first; `upcoming=False` gives
    earlier gigs, latest first.
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
            worker_hourly_pay=_worker_hourly_pay_subquery(),
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
        Gig.objects.filter(date__gte=timezone.localdate())
        .annotate(filled_places=Count("assignments", filter=Q(assignments__status__in=ASSIGNMENT_FILLING_STATES)))
        .order_by("date", "start_time", "pk")
    )
    return (
        Order.objects.filter(
            status=OrderStatus.STAFFING,
            pk__in=OrderUnitNotice.objects.filter(unit_id__in=unit_ids).values("order_id"),
        )
        .select_related("client", "task_type")
        .annotate(first_gig_date=Min("gigs__date"))
        .prefetch_related(Prefetch("gigs", queryset=coming_gigs))
        .order_by(F("first_gig_date").asc(nulls_last=True), "-created_at", "-pk")
    )
