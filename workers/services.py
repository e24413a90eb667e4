"""Writes of worker profiles and worker groups."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.models import User
from units.models import Unit
from workers.models import Worker, WorkerGroup
from workers.permissions import can_set_worker_language


@transaction.atomic
def worker_create(
    *,
    user: User,
    home_unit: Unit,
    support_needs: str = "",
    skills: Iterable = (),
    interests: Iterable = (),
    interests_note: str = "",
) -> Worker:
    """Create the worker profile of `user` in their home unit. `skills` and `interests` are TaskTypes.

    `support_needs` is special-category (health) data: it is stored here and read only through
    the logged selector.
    """
    if Worker.objects.filter(user=user).exists():
        raise DomainError(_("%(user)s already has a worker profile.") % {"user": user})
    worker = Worker(
        user=user,
        home_unit=home_unit,
        support_needs=support_needs.strip(),
        interests_note=interests_note.strip(),
    )
    worker.full_clean()
    worker.save()
    worker.skills.set(list(skills))
    worker.interests.set(list(interests))
    return worker


@transaction.atomic
def worker_group_create(*, unit: Unit, name: str, members: Iterable[Worker] = ()) -> WorkerGroup:
    """Create a group of workers of one unit who can take a gig together."""
    members = list(members)
    outsiders = [m for m in members if m.home_unit_id != unit.pk]
    if outsiders:
        raise DomainError(
            _("Only workers of %(unit)s can be in its group: %(names)s.")
            % {"unit": unit.name, "names": ", ".join(m.display_name for m in outsiders)}
        )
    group = WorkerGroup(unit=unit, name=name.strip())
    group.full_clean()
    group.save()
    group.members.set(members)
    return group


@transaction.atomic
def worker_set_language(*, worker_id: int, language: str, by) -> Worker:
    """The language the worker gets her emails, pay statements and certificates in.

    Set by the worker herself or by staff of her home unit (or a coordinator). It is the user's
    `language`, the one every email and PDF to the worker is rendered in."""
    worker = Worker.objects.select_related("user").filter(pk=worker_id).first()
    if worker is None:
        raise DomainError(_("The worker no longer exists."))
    if not can_set_worker_language(by, worker):
        raise ActionNotPermitted
    if language not in dict(settings.LANGUAGES):
        raise DomainError(_("Choose Finnish, Swedish or English."))
    user = User.objects.select_for_update().get(pk=worker.user_id)
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    worker.user = user
    return worker
