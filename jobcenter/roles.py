"""Who a user is in the Jobcenter. Authorization predicates build on these; allauth only authenticates.

Roles come from records, not flags: a coordinator has the `jobcenter.coordinate` permission,
unit staff have an active `UnitMembership`, a worker has a `Worker` profile, a client contact has a
`ClientContact` row, and an administrator is a Django superuser.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser

COORDINATOR_PERMISSION = "jobcenter.coordinate"


class Role:
    ADMINISTRATOR = "administrator"
    COORDINATOR = "coordinator"
    UNIT_STAFF = "unit_staff"
    WORKER = "worker"
    CLIENT_CONTACT = "client_contact"


def is_administrator(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_superuser)


def is_coordinator(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(COORDINATOR_PERMISSION))


def staff_unit_ids(user) -> set[int]:
    """Ids of the units in which the user is active staff (cached on the user object per request)."""
    if not (user and user.is_authenticated and user.is_active):
        return set()
    cached = getattr(user, "_staff_unit_ids", None)
    if cached is None:
        from units.models import UnitMembership

        cached = set(UnitMembership.objects.active().filter(user=user).values_list("unit_id", flat=True))
        user._staff_unit_ids = cached
    return cached


def is_unit_staff(user, unit_id: int | None = None) -> bool:
    ids = staff_unit_ids(user)
    return bool(ids) if unit_id is None else unit_id in ids


def worker_profile(user):
    """The user's Worker profile, or None."""
    if not (user and user.is_authenticated and user.is_active):
        return None
    if not hasattr(user, "_worker_profile"):
        from workers.models import Worker

        # Support needs are special-category data: never load them just to learn the role.
        user._worker_profile = Worker.objects.filter(user=user).defer("support_needs").first()
    return user._worker_profile


def client_organisation_ids(user) -> set[int]:
    if not (user and user.is_authenticated and user.is_active):
        return set()
    cached = getattr(user, "_client_org_ids", None)
    if cached is None:
        from orders.models import ClientContact

        cached = set(ClientContact.objects.filter(user=user, is_active=True).values_list("organisation_id", flat=True))
        user._client_org_ids = cached
    return cached


@dataclass(frozen=True)
class UserRoles:
    roles: frozenset[str] = field(default_factory=frozenset)

    def __contains__(self, role: str) -> bool:
        return role in self.roles


def roles_of(user) -> UserRoles:
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return UserRoles()
    found = set()
    if is_administrator(user):
        found.add(Role.ADMINISTRATOR)
    if is_coordinator(user):
        found.add(Role.COORDINATOR)
    if staff_unit_ids(user):
        found.add(Role.UNIT_STAFF)
    if worker_profile(user) is not None:
        found.add(Role.WORKER)
    if client_organisation_ids(user):
        found.add(Role.CLIENT_CONTACT)
    return UserRoles(frozenset(found))
