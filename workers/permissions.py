"""Who may do what with workers' data. Selectors and services check these."""

from __future__ import annotations

from jobcenter.roles import is_coordinator, staff_unit_ids


def can_view_support_needs(user, worker) -> bool:
    """The worker themself, active staff of the worker's home unit, or a coordinator."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if worker.user_id == user.pk:
        return True
    return worker.home_unit_id in staff_unit_ids(user) or is_coordinator(user)


def can_set_worker_language(user, worker) -> bool:
    """The language of the worker's emails and papers: the worker, staff of the home unit, a coordinator."""
    return can_view_support_needs(user, worker)
