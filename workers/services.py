"""Writes of worker profiles and worker groups."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from jobcenter.errors import DomainError
from jobcenter.models import User
from units.models import Unit
from workers.models import Worker, WorkerGroup


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
