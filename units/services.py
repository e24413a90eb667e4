"""Writes of the work-activity services, their units, unit staff memberships and the units' client counts."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.models import User
from jobcenter.roles import is_coordinator, is_unit_staff
from units.models import (
    ServiceKind,
    StaffRole,
    SupportMode,
    Unit,
    UnitClientCount,
    UnitMembership,
    WorkActivityService,
)


@transaction.atomic
def work_activity_service_create(
    *, kind: str, name: str, default_support: str = SupportMode.STAFF_ALONG, time_limited: bool = False
) -> WorkActivityService:
    """Create one of the city's two work-activity services (one row per kind)."""
    service = WorkActivityService(
        kind=ServiceKind(kind), name=name.strip(), default_support=default_support, time_limited=time_limited
    )
    service.full_clean()
    service.save()
    return service


@transaction.atomic
def unit_create(
    *,
    service: WorkActivityService,
    name: str,
    street_address: str = "",
    postal_code: str = "",
    city: str = "Helsinki",
    phone: str = "",
    email: str = "",
) -> Unit:
    """Create a work-activity unit of a service."""
    unit = Unit(
        service=service,
        name=name.strip(),
        street_address=street_address.strip(),
        postal_code=postal_code.strip(),
        city=city.strip() or "Helsinki",
        phone=phone.strip(),
        email=email.strip().lower(),
    )
    unit.full_clean()
    unit.save()
    return unit


@transaction.atomic
def unit_membership_add(*, user: User, unit: Unit, role: str) -> UnitMembership:
    """Make `user` staff of `unit` in `role`. Idempotent: an existing membership is kept, updated to
    `role` and re-activated if it had ended."""
    role = StaffRole(role)
    membership = UnitMembership.objects.select_for_update().filter(user=user, unit=unit).first()
    if membership is None:
        membership = UnitMembership(user=user, unit=unit, role=role)
    elif membership.role == role and membership.is_active:
        return membership
    membership.role = role
    membership.is_active = True
    membership.full_clean()
    membership.save()
    # Roles are cached on the user object per request (jobcenter.roles.staff_unit_ids).
    user.__dict__.pop("_staff_unit_ids", None)
    return membership


# --- The unit's client counts ---------------------------------------------------------------------
def _client_count_guard(by, unit_id: int) -> None:
    """Staff of the unit, or the coordinator: the figure is the unit's own."""
    if not (is_coordinator(by) or is_unit_staff(by, unit_id)):
        raise ActionNotPermitted


def _client_count_check(
    *, unit_id: int, period_start: dt.date, period_end: dt.date, clients: int, exclude_pk: int | None = None
) -> None:
    if period_end < period_start:
        raise DomainError(_("The period ends before it starts."))
    if clients < 0:
        raise DomainError(_("The number of clients cannot be negative."))
    # Two counts over the same days would count the unit's clients twice in the results report.
    overlapping = UnitClientCount.objects.filter(
        unit_id=unit_id, period_start__lte=period_end, period_end__gte=period_start
    )
    if exclude_pk is not None:
        overlapping = overlapping.exclude(pk=exclude_pk)
    other = overlapping.order_by("period_start").first()
    if other is not None:
        raise DomainError(
            _("The unit already has a count for %(start)s–%(end)s, which overlaps this period.")
            % {"start": f"{other.period_start:%d.%m.%Y}", "end": f"{other.period_end:%d.%m.%Y}"}
        )


def _lock_unit(unit_id: int) -> None:
    # The unit's row is the lock: two staff members adding overlapping periods at once are taken in turn.
    Unit.objects.select_for_update().filter(pk=unit_id).first()


@transaction.atomic
def unit_client_count_create(
    *, unit: Unit, by, period_start: dt.date, period_end: dt.date, clients: int, source: str = ""
) -> UnitClientCount:
    """Record the unit's number of work-activity clients in period_start..period_end (inclusive)."""
    _client_count_guard(by, unit.pk)
    _lock_unit(unit.pk)
    _client_count_check(unit_id=unit.pk, period_start=period_start, period_end=period_end, clients=clients)
    count = UnitClientCount(
        unit=unit,
        period_start=period_start,
        period_end=period_end,
        clients=clients,
        source=source.strip(),
        recorded_by=by,
    )
    count.full_clean()
    count.save()
    return count


def _locked_count(count_id: int, by) -> UnitClientCount:
    count = UnitClientCount.objects.filter(pk=count_id).first()
    if count is None:
        raise DomainError(_("The client count no longer exists."))
    _client_count_guard(by, count.unit_id)
    _lock_unit(count.unit_id)
    return UnitClientCount.objects.select_for_update().get(pk=count_id)


@transaction.atomic
def unit_client_count_update(
    *, count_id: int, by, period_start: dt.date, period_end: dt.date, clients: int, source: str = ""
) -> UnitClientCount:
    """Correct a client count's period, number or source."""
    count = _locked_count(count_id, by)
    _client_count_check(
        unit_id=count.unit_id, period_start=period_start, period_end=period_end, clients=clients, exclude_pk=count.pk
    )
    count.period_start, count.period_end = period_start, period_end
    count.clients, count.source = clients, source.strip()
    count.recorded_by = by
    count.full_clean()
    count.save()
    return count


@transaction.atomic
def unit_client_count_delete(*, count_id: int, by) -> None:
    """Remove a client count (the results report then shows no share for that period)."""
    _locked_count(count_id, by).delete()
