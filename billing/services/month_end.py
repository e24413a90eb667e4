"""The month-end run: its start and its progress, kept in the cache for the progress page.

The run itself is `billing.tasks.run_monthly_invoices_task`, which calls `invoice_issue_monthly`
for each monthly client.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache

from billing.services.common import require_coordinator
from billing.services.issuing import month_bounds
from billing.tasks import run_monthly_invoices_task

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


def month_end_run_start(*, year: int, month: int, by) -> str:
    """Start the month-end run in the worker; returns the run's id for the progress page.

    Safe to start twice: invoice_issue_monthly issues nothing for work already invoiced."""
    require_coordinator(by)
    month_bounds(year, month)  # a ValueError for an impossible month, before anything starts
    run_id = uuid.uuid4().hex
    month_end_progress_set(run_id, year=year, month=month, total=None, done=0, issued=[], failed=0, finished=False)
    run_monthly_invoices_task.delay_on_commit(year, month, by.pk, run_id)
    return run_id
