"""Reads of the clients' wishes for a worker again: the open ones of the user's units (their needs
page) and those of one order (the coordinator's order page). One query each."""

from __future__ import annotations

from django.db.models import Exists, F, OuterRef
from django.shortcuts import get_object_or_404

from jobcenter.roles import staff_unit_ids
from orders.models import OrderUnitNotice, WorkerAgainRequest

_COLUMNS = (
    "id",
    "order_id",
    "unit_id",
    "asked_at",
    "note",
    "handled_at",
    "outcome",
    "order__id",
    "order__title",
    "order__status",
    "order__client__id",
    "order__client__name",
    "unit__id",
    "unit__name",
    "worker__id",
    "worker__user__id",
    "worker__user__first_name",
    "worker__user__last_name",
)


def open_wishes_for_units(*, user) -> list[WorkerAgainRequest]:
    """The open wishes for the workers of the user's units, oldest first. Each has `informed`: the
    order was announced to one of the user's units, so its gigs can be proposed for on the needs page."""
    mine = staff_unit_ids(user)
    informed = OrderUnitNotice.objects.filter(order=OuterRef("order_id"), unit_id__in=mine)
    return list(
        WorkerAgainRequest.objects.filter(unit_id__in=mine, handled_at__isnull=True)
        .select_related("order__client", "unit", "worker__user")
        .only(*_COLUMNS)
        .annotate(informed=Exists(informed))
        .order_by("asked_at", "pk")
    )


def wishes_for_order(order) -> list[WorkerAgainRequest]:
    """Every wish on the order (open first), with the unit and the worker's name."""
    return list(
        WorkerAgainRequest.objects.filter(order=order)
        .select_related("unit", "worker__user", "order__client")
        .only(*_COLUMNS)
        .order_by(F("handled_at").asc(nulls_first=True), "asked_at", "pk")
    )


def unit_wish_get_for(*, user, pk: int) -> WorkerAgainRequest:
    """A wish for a worker of one of the user's units; `Http404` otherwise (another unit's is not there)."""
    return get_object_or_404(WorkerAgainRequest.objects.filter(unit_id__in=staff_unit_ids(user)), pk=pk)
