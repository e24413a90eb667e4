"""Reads of production orders: the coordinator's list and page, the producing unit's list and page,
and an order's timeline (every step in order, with its date and owner once done).

The coordinator sees every production order; unit staff only those their unit makes (another
unit's is a 404). Lists use a constant number of queries: the client, unit and items are joined
or prefetched, never read per row."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from jobcenter.roles import staff_unit_ids
from orders.models import (
    PRODUCTION_STEPS,
    AssignmentStatus,
    Gig,
    ProductionOrder,
    ProductionStep,
    ProductionStepKind,
    ProductionStop,
)


def _base() -> QuerySet[ProductionOrder]:
    return ProductionOrder.objects.select_related("client", "contact", "unit", "order").prefetch_related("items")


def production_order_list(
    *, step: str = "", stopped: bool | None = None, unit_id: int | None = None
) -> QuerySet[ProductionOrder]:
    """Every production order for the coordinator, newest first, narrowed by the filters."""
    qs = _base()
    if step:
        qs = qs.filter(current_step=step)
    if stopped is not None:
        qs = qs.filter(stopped=stopped)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    return qs.order_by("-created_at", "-id")


def production_orders_for_unit(*, user) -> QuerySet[ProductionOrder]:
    """The production orders of the units in which the user is active staff."""
    return _base().filter(unit_id__in=staff_unit_ids(user)).order_by("-created_at", "-id")


def _detail(qs: QuerySet[ProductionOrder]) -> QuerySet[ProductionOrder]:
    return qs.prefetch_related(
        Prefetch("steps", queryset=ProductionStep.objects.select_related("owner_user", "owner_contact", "recorded_by")),
        Prefetch("stops", queryset=ProductionStop.objects.select_related("stopped_by", "reopened_by")),
    )


def production_order_get(*, pk: int) -> ProductionOrder:
    """One production order for the coordinator (404 when there is none)."""
    return get_object_or_404(_detail(_base()), pk=pk)


def production_order_get_for_unit(*, user, pk: int) -> ProductionOrder:
    """One production order of the user's units; `Http404` for another unit's."""
    return get_object_or_404(_detail(production_orders_for_unit(user=user)), pk=pk)


@dataclass(frozen=True)
class TimelineEntry:
    step: ProductionStepKind
    number: int  # 1-based position among the steps
    done: ProductionStep | None
    is_current: bool  # the step the order is at now: the next to be done (or the last, once delivered)

    @property
    def done_on(self) -> dt.date | None:
        return self.done.done_on if self.done else None


def production_timeline(production_order: ProductionOrder) -> list[TimelineEntry]:
    """Every step in order, with the row of each done step (from the prefetched steps)."""
    done = {row.step: row for row in production_order.steps.all()}
    current = production_order.next_step or ProductionStepKind(production_order.current_step)
    return [
        TimelineEntry(step=step, number=index, done=done.get(step), is_current=step == current)
        for index, step in enumerate(PRODUCTION_STEPS, start=1)
    ]


def open_stop(production_order: ProductionOrder) -> ProductionStop | None:
    """The stop that holds the order now (from the prefetched stops)."""
    return next((stop for stop in production_order.stops.all() if stop.reopened_at is None), None)


def production_gigs(production_order: ProductionOrder) -> list[Gig]:
    """The gigs of the order made from the production order, each with how many workers said yes
    and how many are done (one query)."""
    if production_order.order_id is None:
        return []
    return list(
        Gig.objects.filter(order_id=production_order.order_id)
        .annotate(
            filled=Count("assignments", filter=Q(assignments__status__in=AssignmentStatus.filling_states)),
            worked=Count("assignments", filter=Q(assignments__status__in=AssignmentStatus.work_done_states)),
        )
        .order_by("date", "start_time", "pk")
    )
