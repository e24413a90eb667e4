"""Reads of the units' client counts, narrowed to the units in which the user is active staff."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from jobcenter.roles import staff_unit_ids
from units.models import Unit, UnitClientCount


def client_count_unit_for(*, user, unit_id: int | None = None) -> Unit:
    """One of the user's staff units (the first by name when `unit_id` is None); `Http404` otherwise."""
    units = Unit.objects.filter(pk__in=staff_unit_ids(user)).order_by("name", "pk")
    unit = units.first() if unit_id is None else units.filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    return unit


def client_counts_of(*, user, unit: Unit) -> QuerySet[UnitClientCount]:
    """The unit's counts, newest period first, with who recorded each (for paging)."""
    if unit.pk not in staff_unit_ids(user):
        raise Http404
    return (
        UnitClientCount.objects.filter(unit=unit)
        .select_related("recorded_by")
        .order_by("-period_start", "-period_end", "-pk")
    )


def client_count_get_for(*, user, pk: int) -> UnitClientCount:
    """One count of the user's staff units with its unit; another unit's count is a 404."""
    count = UnitClientCount.objects.filter(pk=pk, unit_id__in=staff_unit_ids(user)).select_related("unit").first()
    if count is None:
        raise Http404
    return count
