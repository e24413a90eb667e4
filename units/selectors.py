"""Reads of units and their staff, narrowed to the units in which the user is active staff."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from jobcenter.roles import staff_unit_ids
from units.models import Unit, UnitMembership


# --- Units and their staff ------------------------------------------------------------------------
def staff_units_for(*, user) -> list[Unit]:
    """The units in which the user is active staff, by name."""
    return list(Unit.objects.filter(pk__in=staff_unit_ids(user)).select_related("service").order_by("name"))


@dataclass(frozen=True)
class StaffChoice:
    user_id: int
    name: str


def unit_staff_choices(*, unit_ids: Iterable[int]) -> dict[int, list[StaffChoice]]:
    """Active staff of each unit (one query), for choosing who supports a worker on a gig."""
    found: dict[int, list[StaffChoice]] = defaultdict(list)
    memberships = (
        UnitMembership.objects.active()
        .filter(unit_id__in=set(unit_ids))
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "user__email")
    )
    for membership in memberships:
        user = membership.user
        found[membership.unit_id].append(StaffChoice(user.pk, user.get_full_name() or user.email))
    return found
