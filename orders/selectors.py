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

import datetime as dt
import operator
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import reduce

from django.db.models import (
    Count,
    DecimalField,
    F,
    FilteredRelation,
    IntegerField,
    Min,
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
    AssignmentStatus,
    AssignmentStatusChange,
    ClientOrganisation,
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
    # Correlated subqueries, not joins with GROUP BY: the list stays an indexed scan on
    # (created_at, id) with a LIMIT, whatever the number of orders (docs/performance.md).
    qs = (
        _scoped_orders(user)
        .select_related("client", "contact", "task_type")
        .annotate(
            gig_count=_count_of(Gig.objects.filter(order=OuterRef("pk")), "order"),
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
    return Subquery(Gig.objects.filter(order=OuterRef("pk")).order_by("date").values("date")[:1])


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
        Gig.objects.filter(order=OuterRef("pk"))
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
        .annotate(count=Count("pk"))
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


def _on_behalf_changes() -> Prefetch:
    """An assignment's changes made by staff for the worker, as `on_behalf_changes`."""
    return Prefetch(
        "status_changes",
        queryset=AssignmentStatusChange.objects.filter(on_behalf=True).order_by("at", "pk"),
        to_attr="on_behalf_changes",
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
        .select_related("terms", "terms_accepted_by")
        .annotate(first_gig_date=_first_gig_date())
        .prefetch_related(Prefetch("gigs", queryset=gigs), Prefetch("unit_notices", queryset=notices))
    )
    return get_object_or_404(qs, pk=pk)


@dataclass(frozen=True)
class HistoryEntry:
    """One line of an order's timeline: the order's or one assignment's change of state."""

    at: dt.datetime
    by: object  # a user, or None (the client through a link or the public form)
    from_status: str
    to_status: str
    note: str
    worker_name: str = ""  # set for an assignment's change
    gig_date: dt.date | None = None
    on_behalf: bool = False

    @property
    def is_assignment(self) -> bool:
        return bool(self.worker_name)

    @property
    def from_label(self) -> str:
        return self._label(self.from_status)

    @property
    def to_label(self) -> str:
        return self._label(self.to_status)

    @property
    def same_state(self) -> bool:
        return self.from_status == self.to_status

    def _label(self, status: str) -> str:
        if not status:
            return ""
        choices = AssignmentStatus if self.is_assignment else OrderStatus
        return str(choices(status).label)


def order_history_for(*, user, order: Order) -> list[HistoryEntry]:
    """The order's changes of state and its assignments' changes, oldest first (two queries).

    `order` must come from a scoped selector; the assignments are narrowed to the user's scope too.
    """
    # Only the columns shown: a busy order has hundreds of changes, each with four related rows.
    by_columns = ("by__first_name", "by__last_name", "by__email")
    entries = [
        HistoryEntry(at=c.at, by=c.by, from_status=c.from_status, to_status=c.to_status, note=c.note)
        for c in order.status_changes.select_related("by").only(
            "at", "from_status", "to_status", "note", "order_id", *by_columns
        )
    ]
    visible = assignment_list_for(user=user).filter(gig__order=order).values("pk")
    changes = (
        AssignmentStatusChange.objects.filter(assignment__in=visible)
        .select_related("by", "assignment__worker__user", "assignment__gig")
        .only(
            "at",
            "from_status",
            "to_status",
            "note",
            "on_behalf",
            *by_columns,
            "assignment__worker__user__first_name",
            "assignment__worker__user__last_name",
            "assignment__worker__user__email",
            "assignment__gig__date",
        )
    )
    entries += [
        HistoryEntry(
            at=c.at,
            by=c.by,
            from_status=c.from_status,
            to_status=c.to_status,
            note=c.note,
            worker_name=c.assignment.worker.display_name,
            gig_date=c.assignment.gig.date,
            on_behalf=c.on_behalf,
        )
        for c in changes
    ]
    return sorted(entries, key=lambda e: e.at)


def assignment_get_for(*, user, pk: int) -> Assignment:
    """One assignment in the user's scope (with its gig, order, worker, unit and feedback); 404 otherwise."""
    qs = (
        assignment_list_for(user=user)
        .select_related("support_person", "approved_by", "feedback")
        .prefetch_related(_on_behalf_changes())
    )
    return get_object_or_404(qs, pk=pk)
