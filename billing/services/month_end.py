"""The month-end run: its start and its progress, kept in the cache for the progress page.

The run itself is `billing.tasks.run_monthly_invoices_task`, which calls `invoice_issue_monthly`
for each monthly client.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from billing.services.common import require_coordinator
from billing.services.issuing import month_bounds
from billing.tasks import run_monthly_invoices_task
from jobcenter.cache import SharedCacheUnavailable, add_shared
from jobcenter.errors import DomainError
from jobcenter.tasks import enqueue

PROGRESS_TIMEOUT = 24 * 60 * 60


def _progress_key(run_id: str) -> str:
    return f"billing:month-end:{run_id}"


def month_end_progress(run_id: str) -> dict | None:
    """The run's progress: year, month, total, done, issued (invoice ids), failed, finished."""
    return cache.get(_progress_key(run_id))


def month_end_progress_set(run_id: str, **values) -> None:
    progress = month_end_progress(run_id) or {}
    progress.update(values)
    cache.set(_progress_key(run_id), progress, PROGRESS_TIMEOUT)


NOT_STARTED = _(
    "The month-end run could not start: a background service is not reachable right now. Nothing was "
    "invoiced. Try again in a few minutes."
)


def month_end_run_start(*, year: int, month: int, by) -> str:
    """Start the month-end run in the worker; returns the run's id for the progress page.

    Safe to start twice: invoice_issue_monthly issues nothing for work already invoiced. Starts all
    or nothing: when the shared cache (where the worker writes the progress the page shows) or the
    broker cannot be reached, nothing is queued and a DomainError says the run did not start."""
    require_coordinator(by)
    month_bounds(year, month)  # a ValueError for an impossible month, before anything starts
    run_id = uuid.uuid4().hex
    progress = {"year": year, "month": month, "total": None, "done": 0, "issued": [], "failed": 0, "finished": False}
    try:
        add_shared(_progress_key(run_id), progress, PROGRESS_TIMEOUT)
    except SharedCacheUnavailable as exc:
        raise DomainError(NOT_STARTED) from exc
    # Queued now, not after a commit: the run writes nothing here, and the page must know at once.
    if not enqueue(run_monthly_invoices_task, year, month, by.pk, run_id):
        cache.delete(_progress_key(run_id))
        raise DomainError(NOT_STARTED)
    return run_id
