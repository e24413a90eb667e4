"""Reads of workers, scoped to the acting user.

A worker's support needs are special-category (health) data. Lists never load them
(`defer("support_needs")`); they are read only through `worker_support_needs_for`, which writes an
access-log entry for every read (`jobcenter.access_log.log_access`), and a "denied" entry for a
refused attempt.
"""

from __future__ import annotations

import operator
from functools import reduce

from django.db import transaction
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from jobcenter.access_log import DATA_SUPPORT_NEEDS, log_access
from jobcenter.errors import ActionNotPermitted
from jobcenter.models import AccessLogOutcome
from jobcenter.roles import is_administrator, is_coordinator, staff_unit_ids, worker_profile
from workers.models import Worker
from workers.permissions import can_view_support_needs

SUPPORT_NEEDS = DATA_SUPPORT_NEEDS


def worker_list_for(*, user) -> QuerySet[Worker]:
    """Workers the user may see: coordinators all, unit staff their units' workers, a worker themself."""
    qs = Worker.objects.select_related("user", "home_unit").defer("support_needs")
    if is_coordinator(user) or is_administrator(user):
        return qs
    conditions: list[Q] = []
    unit_ids = staff_unit_ids(user)
    if unit_ids:
        conditions.append(Q(home_unit_id__in=unit_ids))
    own = worker_profile(user)
    if own is not None:
        conditions.append(Q(pk=own.pk))
    if not conditions:
        return qs.none()
    return qs.filter(reduce(operator.or_, conditions))


def worker_get_for(*, user, pk: int) -> Worker:
    """One worker in the user's scope; `Http404` otherwise."""
    return get_object_or_404(worker_list_for(user=user), pk=pk)


def worker_support_needs_for(*, user, worker: Worker, path: str = "", reason: str = "", request=None) -> str:
    """The worker's support needs, for a user allowed to see them. Every read is logged.

    Raises `ActionNotPermitted` (a 403) for anyone else, after writing a "denied" log row.
    Pass `request` to log its request id too.
    """
    who = request if request is not None else user
    if not can_view_support_needs(user, worker):
        log_access(who, worker, SUPPORT_NEEDS, reason=reason, outcome=AccessLogOutcome.DENIED, path=path)
        raise ActionNotPermitted()
    with transaction.atomic():
        log_access(who, worker, SUPPORT_NEEDS, reason=reason, path=path)
        # Read from the database, not from the passed object: lists defer this field.
        return Worker.objects.values_list("support_needs", flat=True).get(pk=worker.pk)
