"""Writes of user accounts and roles. Views, admin, commands and tests call these."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jobcenter.errors import DomainError
from jobcenter.models import User
from jobcenter.roles import COORDINATOR_PERMISSION

COORDINATORS_GROUP = "Coordinators"

# What a coordinator may open in the Django admin. Every state change there still goes through the
# services (admin actions); these only let the pages open and the plain fields be corrected.
COORDINATOR_MODEL_PERMISSIONS: dict[str, tuple[str, ...]] = {
    "jobcenter.user": ("view",),  # also lets the user pickers (autocomplete) work
    "units.workactivityservice": ("view",),
    "units.unit": ("view", "change"),
    "units.unitmembership": ("view", "add", "change"),
    "workers.worker": ("view", "change"),
    "workers.workergroup": ("view", "add", "change"),
    "orders.tasktype": ("view", "change"),
    "orders.clientorganisation": ("view", "change"),
    "orders.clientcontact": ("view", "add", "change"),
    "orders.orderterms": ("view",),
    "orders.order": ("view", "change"),
    "orders.orderstatuschange": ("view",),
    "orders.orderunitnotice": ("view",),
    "orders.gig": ("view", "add", "change"),
    "orders.assignment": ("view", "change"),
    "orders.assignmentstatuschange": ("view",),
    "orders.feedback": ("view",),
    "billing.pricelist": ("view",),
    "billing.vatrate": ("view",),
    "jobcenter.outboundemail": ("view",),
    "workers.accesslogentry": ("view",),
}


def _forget_cached_permissions(user: User) -> None:
    """Django caches permissions on the user object; drop them so `has_perm` sees the change."""
    for attr in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        user.__dict__.pop(attr, None)


def _coordinate_permission() -> Permission:
    app_label, codename = COORDINATOR_PERMISSION.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def user_create(
    *,
    email: str,
    first_name: str,
    last_name: str,
    password: str | None = None,
    language: str = "fi",
    phone: str = "",
    is_staff: bool = False,
    is_superuser: bool = False,
    password_hash: str | None = None,
) -> User:
    """Create a user account. Without a password the account logs in with an emailed code only.

    `is_staff` opens the Django admin; give it only to those who need the admin (coordinators,
    administrators). `is_superuser` makes an administrator. `password_hash` is a password already
    hashed with `make_password` (the demo seed hashes its one password once: hashing is slow on purpose).
    """
    email = User.objects.normalize_email((email or "").strip()).lower()
    if User.objects.filter(email__iexact=email).exists():
        raise DomainError(_("A user with the email address %(email)s already exists.") % {"email": email})
    user = User(
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        language=language,
        phone=phone.strip(),
        is_staff=is_staff or is_superuser,
        is_superuser=is_superuser,
    )
    if password_hash:
        user.password = password_hash
    elif password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def coordinators_group_ensure() -> Group:
    """The "Coordinators" group: the coordinator permission plus what the admin pages need. Idempotent."""
    group, _created = Group.objects.get_or_create(name=COORDINATORS_GROUP)
    wanted = [_coordinate_permission()]
    for model_label, actions in COORDINATOR_MODEL_PERMISSIONS.items():
        app_label, model = model_label.split(".")
        codenames = [f"{action}_{model}" for action in actions]
        found = list(Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))
        if len(found) != len(codenames):
            missing = set(codenames) - {p.codename for p in found}
            raise ValidationError(f"Permissions missing (run migrate first): {sorted(missing)}")
        wanted.extend(found)
    group.permissions.add(*wanted)
    return group


@transaction.atomic
def coordinator_grant(*, user: User, admin_access: bool = False) -> User:
    """Make the user a coordinator (the `jobcenter.coordinate` permission). Granting twice changes nothing.

    With `admin_access` the user also joins the "Coordinators" group and may open the Django admin.
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    user.user_permissions.add(_coordinate_permission())
    if admin_access:
        user.groups.add(coordinators_group_ensure())
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
    _forget_cached_permissions(user)
    return user
