from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from jobcenter.roles import Role, roles_of
from jobcenter.selectors import home_panels_for

ROLE_LABELS = {
    Role.ADMINISTRATOR: _("administrator"),
    Role.COORDINATOR: _("coordinator"),
    Role.UNIT_STAFF: _("unit staff"),
    Role.WORKER: _("worker"),
    Role.CLIENT_CONTACT: _("client contact"),
}


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


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The front page: for a visitor what the Jobcenter is; for a user, a panel per role."""
    if not request.user.is_authenticated:
        return render(request, "home.html", {})
    user_roles = roles_of(request.user)
    context = {
        "panels": home_panels_for(user=request.user, roles=user_roles),
        "role_names": [str(label) for role, label in ROLE_LABELS.items() if role in user_roles],
    }
    return render(request, "home.html", context)
