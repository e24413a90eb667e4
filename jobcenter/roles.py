"""Who a user is in the Jobcenter. Authorization predicates build on these; allauth only authenticates.

Roles come from records, not flags: a coordinator has the `jobcenter.coordinate` permission,
unit staff have an active unit membership, a worker has a worker profile, a client contact has a
contact row of a client organisation, and an administrator is a Django superuser.

The kernel does not know the models behind three of these. The app that owns the records registers
a provider for each fact in its `AppConfig.ready()`:

    register_role_fact(STAFF_UNIT_IDS, lambda user: {...unit ids...})       # units
    register_role_fact(WORKER_PROFILE, lambda user: worker_or_None)         # workers
    register_role_fact(CLIENT_ORGANISATION_IDS, lambda user: {...org ids...})  # orders

A provider is called with an authenticated, active user and only once per user object: the answer
is cached on the user, which lives for one request. A fact that no installed app provides is empty
(no units, no profile, no organisations), so the role simply does not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser

COORDINATOR_PERMISSION = "jobcenter.coordinate"
# The paying role approves payment runs (never one it made) and alone sees bank accounts and
# identity codes in full. It is a permission of its own, given to the City's payment staff.
PAYER_PERMISSION = "jobcenter.pay_workers"

# The facts a domain app provides, and the attribute of the user object that caches each one
# (`units.services` drops `_staff_unit_ids` after changing a membership of the same user object).
STAFF_UNIT_IDS = "staff_unit_ids"
WORKER_PROFILE = "worker_profile"
CLIENT_ORGANISATION_IDS = "client_organisation_ids"
_CACHE_ATTRIBUTES = {
    STAFF_UNIT_IDS: "_staff_unit_ids",
    WORKER_PROFILE: "_worker_profile",
    CLIENT_ORGANISATION_IDS: "_client_org_ids",
}
_providers: dict[str, Callable] = {}
_NOT_CACHED = object()


def register_role_fact(fact: str, provider: Callable) -> None:
    """Say how to learn `fact` about a user (called from the owning app's `AppConfig.ready()`)."""
    if fact not in _CACHE_ATTRIBUTES:
        raise ValueError(f"Unknown role fact {fact!r}; known: {sorted(_CACHE_ATTRIBUTES)}")
    _providers[fact] = provider


class Role:
    ADMINISTRATOR = "administrator"
    COORDINATOR = "coordinator"
    PAYER = "payer"
    UNIT_STAFF = "unit_staff"
    WORKER = "worker"
    CLIENT_CONTACT = "client_contact"


def _is_active_user(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _fact(user, fact: str, empty):
    """The provider's answer for `user`, cached on the user object for the rest of the request."""
    if not _is_active_user(user):
        return empty
    attribute = _CACHE_ATTRIBUTES[fact]
    # getattr/setattr, not the instance dict: `request.user` is a lazy proxy that forwards them.
    cached = getattr(user, attribute, _NOT_CACHED)
    if cached is _NOT_CACHED:
        provider = _providers.get(fact)
        cached = provider(user) if provider is not None else empty
        setattr(user, attribute, cached)
    return cached


def is_administrator(user) -> bool:
    return bool(_is_active_user(user) and user.is_superuser)


def is_coordinator(user) -> bool:
    return bool(_is_active_user(user) and user.has_perm(COORDINATOR_PERMISSION))


def is_payer(user) -> bool:
    """The paying role, granted by its permission. Not to a superuser as such: Django gives a
    superuser every permission, but seeing bank accounts and identity codes in full and approving
    payments belong to the City's payment staff, so an administrator who pays needs the role too."""
    if not _is_active_user(user):
        return False
    if user.is_superuser:
        return (
            user.user_permissions.filter(codename="pay_workers", content_type__app_label="jobcenter").exists()
            or user.groups.filter(permissions__codename="pay_workers").exists()
        )
    return user.has_perm(PAYER_PERMISSION)


def staff_unit_ids(user) -> set[int]:
    """Ids of the units in which the user is active staff (cached on the user object per request)."""
    return _fact(user, STAFF_UNIT_IDS, set())


def is_unit_staff(user, unit_id: int | None = None) -> bool:
    ids = staff_unit_ids(user)
    return bool(ids) if unit_id is None else unit_id in ids


def worker_profile(user):
    """The user's Worker profile, or None (cached on the user object per request).

    The provider loads the profile without its support needs: they are special-category (health)
    data and are never read just to learn the role."""
    return _fact(user, WORKER_PROFILE, None)


def client_organisation_ids(user) -> set[int]:
    """Ids of the client organisations of which the user is an active contact (cached per request)."""
    return _fact(user, CLIENT_ORGANISATION_IDS, set())


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
    if is_payer(user):
        found.add(Role.PAYER)
    if staff_unit_ids(user):
        found.add(Role.UNIT_STAFF)
    if worker_profile(user) is not None:
        found.add(Role.WORKER)
    if client_organisation_ids(user):
        found.add(Role.CLIENT_CONTACT)
    return UserRoles(frozenset(found))
