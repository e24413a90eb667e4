"""Reads of orders: the scoped lists, the coordinator's dashboard and an order's page."""

from __future__ import annotations

import operator
from collections.abc import Mapping
from dataclasses import dataclass
from functools import reduce

from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.shortcuts import get_object_or_404

from jobcenter.roles import (
    client_organisation_ids,
    staff_unit_ids,
)
from orders.filters import OrderFilter
from orders.models import (
    ASSIGNMENT_FILLING_STATES,
    Assignment,
    ClientOrganisation,
    Gig,
    Order,
    OrderStatus,
    OrderUnitNotice,
)
from orders.selectors.gigs import _on_behalf_changes, _sees_everything


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
    # Correlated subqueries, not joins with GROUP BY: the list stays an indexed scan on
    # (created_at, id) with a LIMIT, whatever the number of orders (docs/performance.md).
    qs = (
        _scoped_orders(user)
        .select_related("client", "contact", "task_type")
        .annotate(
            gig_count=_count_of(Gig.objects.live().filter(order=OuterRef("pk")), "order"),
            filled_places=_count_of(
                Assignment.objects.filter(gig__order=OuterRef("pk"), status__in=ASSIGNMENT_FILLING_STATES),
                "gig__order",
            ),
        )
        .order_by("-created_at", "-pk")
    )
    if filters:
        qs = OrderFilter(_as_querydict(filters), queryset=qs).qs
    return qs


def _count_of(rows: QuerySet, group_by: str) -> Coalesce:
    """The number of `rows` (already narrowed to one order with OuterRef) as a subquery; 0 when none."""
    counted = rows.order_by().values(group_by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _first_gig_date() -> Subquery:
    return Subquery(Gig.objects.live().filter(order=OuterRef("pk")).order_by("date").values("date")[:1])


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
    # COUNT(*) rather than COUNT(id): PostgreSQL then counts from the status index alone.
    rows = _scoped_orders(user).order_by().values("status").annotate(count=Count("*")).values_list("status", "count")
    found = dict(rows)
    return {status: found.get(status, 0) for status in OrderStatus.values}


# --- The coordinator's dashboard ------------------------------------------------------------------
@dataclass
class OrderDashboard:
    """The order list with its filter form and the number of orders per state under the same filters.

    `form` is the filter's form: adjust its fields (labels, widgets) before reading `orders`, which
    validates it and filters (invalid values are shown with their errors, then ignored).
    """

    filterset: OrderFilter
    counts: dict[str, int]
    # The client chosen by id (`?client=`, links from elsewhere) when it is in the user's scope, to name it.
    client: ClientOrganisation | None

    @property
    def form(self):
        return self.filterset.form

    @property
    def orders(self) -> QuerySet[Order]:
        return self.filterset.qs

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def count(self) -> int:
        """The number of orders in `orders`, from `counts` (no second count query over the same filters)."""
        self.filterset.qs  # noqa: B018 - validates the form, so cleaned_data is there
        statuses = self.filterset.form.cleaned_data.get("status") or []
        if not statuses:
            return self.total
        return sum(self.counts.get(status, 0) for status in set(statuses))


def _places_needed() -> Coalesce:
    """The places on the order's gigs; before any gig exists, the number of workers the client asked for."""
    gig_places = (
        Gig.objects.live()
        .filter(order=OuterRef("pk"))
        .order_by()
        .values("order")
        .annotate(places=Sum("workers_needed"))
        .values("places")
    )
    return Coalesce(Subquery(gig_places), F("workers_needed"), output_field=IntegerField())


def order_dashboard_for(*, user, filters: Mapping | None = None) -> OrderDashboard:
    """Orders for the coordinator's list, filtered by `OrderFilter`, newest first.

    Each order carries `gig_count`, `filled_places` (see `order_list_for`), `first_gig_date` and
    `places_needed`. `counts` follow every filter except the state, so each state's tab tells how many
    orders it would show; `count` (for the paginator) is their sum, not a second count. Two queries
    whatever the number of rows, counts and page (a third names the client chosen by id).
    """
    data = _as_querydict(filters or {})
    orders = order_list_for(user=user).annotate(first_gig_date=_first_gig_date(), places_needed=_places_needed())
    filterset = OrderFilter(data, queryset=orders)
    without_status = data.copy()
    without_status.pop("status", None)
    rows = (
        OrderFilter(without_status, queryset=_scoped_orders(user))
        .qs.order_by()
        .values("status")
        .annotate(count=Count("*"))  # COUNT(*): unfiltered, PostgreSQL counts from the status index alone
        .values_list("status", "count")
    )
    found = dict(rows)
    client = None
    client_id = data.get("client", "")
    if client_id.isdigit():
        client = (
            ClientOrganisation.objects.filter(pk=int(client_id), pk__in=_scoped_orders(user).values("client_id"))
            .only("pk", "name", "business_id")
            .first()
        )
    return OrderDashboard(
        filterset=filterset,
        counts={status: found.get(status, 0) for status in OrderStatus.values},
        client=client,
    )


def order_detail_for(*, user, pk: int) -> Order:
    """One order in the user's scope with everything its page shows, in a fixed number of queries.

    Prefetched: `gigs` (each with `filled_places` and its `assignments`, each with worker, unit,
    supporting staff member, approver, feedback and `on_behalf_changes`; never the worker's support
    needs) and
    `unit_notices` (with unit, service and who informed it). 404 outside the scope.
    """
    assignments = (
        Assignment.objects.select_related(
            "worker__user", "unit", "support_person", "approved_by", "feedback", "feedback__recorded_by"
        )
        .defer("worker__support_needs")
        .prefetch_related(_on_behalf_changes())
        .order_by("pk")
    )
    gigs = (
        Gig.objects.annotate(
            filled_places=Count("assignments", filter=Q(assignments__status__in=ASSIGNMENT_FILLING_STATES))
        )
        .prefetch_related(Prefetch("assignments", queryset=assignments))
        .order_by("date", "start_time", "pk")
    )
    notices = OrderUnitNotice.objects.select_related("unit__service", "informed_by").order_by(
        "unit__service__name", "unit__name"
    )
    qs = (
        order_list_for(user=user)
        .select_related("terms", "terms_accepted_by", "accepted_terms_copy")
        .annotate(first_gig_date=_first_gig_date())
        .prefetch_related(Prefetch("gigs", queryset=gigs), Prefetch("unit_notices", queryset=notices))
    )
    return get_object_or_404(qs, pk=pk)
