"""Writes of the work-activity services, their units and unit staff memberships."""

from __future__ import annotations

from django.db import transaction

from jobcenter.models import User
from units.models import ServiceKind, StaffRole, SupportMode, Unit, UnitMembership, WorkActivityService


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
