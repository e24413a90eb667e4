"""Celery entry points of the workers app. Tasks take ids (or nothing) and call services."""

from __future__ import annotations

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

RETENTION_LOCK = "workers:retention:lock"
RETENTION_LAST_SUCCESS = "workers:retention:last_success"


@shared_task(name="workers.anonymise_expired_personal_data")
def anonymise_expired_personal_data_task() -> dict:
    """Nightly (CELERY_BEAT_SCHEDULE): anonymise the people whose retention period has passed.

    One run at a time (a cache lock; a second run at once exits and says so). Idempotent: a person
    already anonymised is skipped. Returns the counts; records the time of the last success.
    What is anonymised is each app's retention steps (their `privacy.py`), run by the kernel.
    """
    from jobcenter.privacy import retention_run

    if not cache.add(RETENTION_LOCK, timezone.now().isoformat(), timeout=60 * 60):
        return {"skipped": "another run holds the lock"}
    try:
        counts = retention_run().as_dict()
        cache.set(RETENTION_LAST_SUCCESS, timezone.now().isoformat(), timeout=None)
        return counts
    finally:
        cache.delete(RETENTION_LOCK)
