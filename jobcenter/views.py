"""Kernel views: the health check and the benchmark's baseline."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database check for the container health checks."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def bench_trivial(request: HttpRequest) -> HttpResponse:
    """The benchmark's baseline: the whole middleware stack, no database, no template
    (mounted only with JOBCENTER_BENCH_VIEWS=1, see bench/run.py)."""
    return HttpResponse(b"ok", content_type="text/plain")
