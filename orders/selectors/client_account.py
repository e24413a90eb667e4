"""Reads for the client contact's own account: its organisation's orders with their gigs, who is
coming (first names and counts only), the wishes for a worker again, and the workers who worked
for it (first name and the last name's initial).

Only the user's own organisations (`client_organisation_ids`), never a wider scope: a contact who is
also unit staff sees here only what the contact may see. Nothing about a worker but the name is
read: no support needs, no surnames beyond the initial, no reasons for dropping out.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from jobcenter.roles import client_organisation_ids
from orders.models import Assignment, Feedback, Gig, Order, OrderStatus, WorkerAgainRequest
from orders.models.worker_again import client_worker_name
from orders.selectors.orders import _count_of
from orders.states import AssignmentStatus

# Only the name columns of a worker on a gig: the client sees the first name (and the initial).
_NAME_COLUMNS = ("id", "gig_id", "status", "worker_id", "worker__id", "worker__user__id")
_NAMES = ("worker__user__first_name", "worker__user__last_name")


def client_orders_for(*, user, status: str = "", q: str = "") -> QuerySet[Order]:
    """The user's organisations' orders, newest first, with `gig_count` and `feedback_given`."""
    org_ids = client_organisation_ids(user)
    qs = (
        Order.objects.filter(client_id__in=org_ids)
        .select_related("task_type", "accepted_terms_copy")
        .annotate(
            gig_count=_count_of(Gig.objects.live().filter(order=OuterRef("pk")), "order"),
            feedback_given=Exists(Feedback.objects.filter(assignment__gig__order=OuterRef("pk"))),
        )
        .order_by("-created_at", "-pk")
    )
    if status in OrderStatus.values:
        qs = qs.filter(status=status)
    words = " ".join((q or "").split())
    if words:
        condition = Q(title__icontains=words) | Q(description__icontains=words) | Q(street_address__icontains=words)
        number = words.lstrip("#")
        if number.isdigit():
            condition |= Q(pk=int(number))
        qs = qs.filter(condition)
    return qs


def client_order_get_for(*, user, pk: int) -> Order:
    """One order of the user's own organisations; `Http404` otherwise (another's is not there)."""
    order = Order.objects.filter(pk=pk, client_id__in=client_organisation_ids(user)).select_related("client").first()
    if order is None:
        raise Http404
    return order


def dress_client_orders(orders: Iterable[Order]) -> list[Order]:
    """Each order gets `gig_rows` (its gigs in date order, each with `coming_names` and `filled`),
    `past_workers` (who did its work: [(worker id, name)]) and `wishes` (its wishes for a worker
    again, with `worker_name`). Three queries for any number of orders."""
    orders = list(orders)
    if not orders:
        return orders
    people = Assignment.objects.filter(status__in=AssignmentStatus.filling_states).only(*_NAME_COLUMNS, *_NAMES)
    gigs = (
        Gig.objects.filter(order__in=orders)
        .order_by("date", "start_time", "pk")
        .prefetch_related(Prefetch("assignments", queryset=people.select_related("worker__user").order_by("pk")))
    )
    by_order: dict[int, list[Gig]] = {}
    for gig in gigs:
        by_order.setdefault(gig.order_id, []).append(gig)
    wishes = (
        WorkerAgainRequest.objects.filter(order__in=orders)
        .select_related("worker__user")
        .only("id", "order_id", "asked_at", "handled_at", "outcome", "worker__id", "worker__user__id", *_NAMES)
        .order_by("asked_at", "pk")
    )
    wishes_by_order: dict[int, list[WorkerAgainRequest]] = {}
    for wish in wishes:
        wish.worker_name = client_worker_name(wish.worker.user.first_name, wish.worker.user.last_name)
        wishes_by_order.setdefault(wish.order_id, []).append(wish)
    for order in orders:
        order.gig_rows = by_order.get(order.pk, [])
        past: dict[int, str] = {}
        for gig in order.gig_rows:
            on_gig = list(gig.assignments.all())
            gig.filled = len(on_gig)
            gig.coming_names = [a.worker.user.first_name.strip() or "–" for a in on_gig]
            for a in on_gig:
                if a.status in AssignmentStatus.work_done_states:
                    past.setdefault(a.worker_id, client_worker_name(a.worker.user.first_name, a.worker.user.last_name))
        order.past_workers = sorted(past.items(), key=lambda item: item[1])
        order.wishes = wishes_by_order.get(order.pk, [])
    return orders


def workers_who_worked_for(*, user) -> list[tuple[int, str]]:
    """[(worker id, "Aino V.")] of the active workers who did work for the user's organisations."""
    rows = (
        Assignment.objects.filter(
            gig__order__client_id__in=client_organisation_ids(user),
            status__in=AssignmentStatus.work_done_states,
            worker__is_active=True,
        )
        .order_by()
        .values_list("worker_id", "worker__user__first_name", "worker__user__last_name")
        .distinct()
    )
    found = {worker_id: client_worker_name(first, last) for worker_id, first, last in rows}
    return sorted(found.items(), key=lambda item: (item[1], item[0]))
