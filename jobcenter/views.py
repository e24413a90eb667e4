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
    """Readiness: the database, the cache, the broker and the age of the oldest unsent email, by name
    and state only (no addresses, no error texts).

    The status code is for a load balancer, which should take a web process out only when it cannot
    serve pages: 503 when the database does not answer. With the cache or the broker down the pages
    keep working (the cache falls back per process, tasks wait), so the answer is 200 with the status
    "degraded" and the failing parts named; taking every process out then would turn a degraded site
    into a site that is down. A monitor asks `/readyz?strict=1`: 503 whenever anything is failing,
    an email older than JOBCENTER_READY_MAX_EMAIL_AGE_SECONDS included."""
    checks = {"database": _database(), "cache": _cache(), "broker": _broker()}
    failing = [name for name, state in checks.items() if state == UNREACHABLE]
    age = _oldest_queued_email_age() if checks["database"] == OK else None
    limit = settings.JOBCENTER_READY_MAX_EMAIL_AGE_SECONDS
    if limit and age is not None and age > limit:
        failing.append("email")
    cannot_serve = checks["database"] == UNREACHABLE
    strict = request.GET.get("strict") == "1"
    if cannot_serve:
        status = "unavailable"
    else:
        status = "degraded" if failing else "ready"
    body = {"status": status, **checks, "oldest_queued_email_age_seconds": age, "failing": failing}
    return JsonResponse(body, status=503 if cannot_serve or (strict and failing) else 200)


def bench_trivial(request: HttpRequest) -> HttpResponse:
    """The benchmark's baseline: the whole middleware stack, no database, no template
    (mounted only with JOBCENTER_BENCH_VIEWS=1, see bench/run.py)."""
    return HttpResponse(b"ok", content_type="text/plain")
