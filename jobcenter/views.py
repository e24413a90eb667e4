"""Kernel views: the liveness and readiness checks, and the benchmark's baseline."""

from __future__ import annotations

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from jobcenter import cache as shared_cache
from jobcenter.models import OutboundEmail, OutboundEmailStatus

OK = "ok"
UNREACHABLE = "unreachable"


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers. No dependency is checked on purpose: a restart of the web
    process mends none of them, and a liveness check that fails with the database would restart
    every web process at once. What the process depends on is /readyz."""
    return JsonResponse({"status": "ok"})


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return UNREACHABLE
    return OK


def _cache() -> str:
    try:
        shared_cache.ping()
    except shared_cache.SharedCacheUnavailable:
        return UNREACHABLE
    return OK


def _broker() -> str:
    from jobcenter.celery import app

    if app.conf.task_always_eager:
        return "inline"  # no broker: tasks run in the request (development)
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0.2, interval_max=0.2, timeout=2)
    except Exception:  # noqa: BLE001 - kombu and redis-py raise many types; any of them means unreachable
        return UNREACHABLE
    return OK


def _oldest_queued_email_age() -> int | None:
    """Seconds since the oldest email still waiting to be sent was queued (None: none, or no database)."""
    try:
        oldest = (
            OutboundEmail.objects.filter(status=OutboundEmailStatus.QUEUED)
            .order_by("created_at")
            .values_list("created_at", flat=True)
            .first()
        )
    except DatabaseError:
        return None
    return None if oldest is None else max(int((timezone.now() - oldest).total_seconds()), 0)


@require_GET
@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness for a load balancer or a monitor: 200 when the database, the cache and the broker
    answer, 503 naming the part that does not. Also the age of the oldest unsent email; over
    JOBCENTER_READY_MAX_EMAIL_AGE_SECONDS (when set) that too makes it 503. The body names the parts
    and their state only: no addresses, no error texts."""
    checks = {"database": _database(), "cache": _cache(), "broker": _broker()}
    failing = [name for name, state in checks.items() if state == UNREACHABLE]
    age = _oldest_queued_email_age() if checks["database"] == OK else None
    limit = settings.JOBCENTER_READY_MAX_EMAIL_AGE_SECONDS
    if limit and age is not None and age > limit:
        failing.append("email")
    body = {
        "status": "unavailable" if failing else "ready",
        **checks,
        "oldest_queued_email_age_seconds": age,
        "failing": failing,
    }
    return JsonResponse(body, status=503 if failing else 200)


def bench_trivial(request: HttpRequest) -> HttpResponse:
    """The benchmark's baseline: the whole middleware stack, no database, no template
    (mounted only with JOBCENTER_BENCH_VIEWS=1, see bench/run.py)."""
    return HttpResponse(b"ok", content_type="text/plain")
