"""Celery entry points of the workers app. Tasks take ids (or nothing) and call services."""

from __future__ import annotations

import logging

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

from jobcenter.cache import SharedCacheUnavailable, add_shared

logger = logging.getLogger("workers.retention")

RETENTION_LOCK = "workers:retention:lock"
RETENTION_LAST_SUCCESS = "workers:retention:last_success"


@shared_task(name="workers.anonymise_expired_personal_data")
def anonymise_expired_personal_data_task() -> dict:
    """Nightly (CELERY_BEAT_SCHEDULE): anonymise the people whose retention period has passed.

    One run at a time (a lock in the shared cache; a second run at once exits and says so, and so
    does a run while that cache is unreachable). Idempotent: a person
    already anonymised is skipped. Returns the counts; records the time of the last success.
    What is anonymised is each app's retention steps (their `privacy.py`), run by the kernel.
    """
    from jobcenter.privacy import retention_run

    # The lock must be shared by every worker: with Redis down a per-process lock would let two
    # runs overlap, so the run fails closed (skips, logged) and the next night's run does the work.
    try:
        locked = add_shared(RETENTION_LOCK, timezone.now().isoformat(), timeout=60 * 60)
    except SharedCacheUnavailable as exc:
        logger.error("retention run skipped: the shared cache for its lock is unreachable (%s)", exc)
        return {"skipped": "the shared cache for the lock is unreachable"}
    if not locked:
        return {"skipped": "another run holds the lock"}
    try:
        counts = retention_run().as_dict()
        cache.set(RETENTION_LAST_SUCCESS, timezone.now().isoformat(), timeout=None)
        return counts
    finally:
        cache.delete(RETENTION_LOCK)
