from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from jobcenter.roles import Role, roles_of


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database check for the container health checks."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def home(request: HttpRequest) -> HttpResponse:
    """The front page: who you are and where you work. The four surfaces replace its panels."""
    context = {}
    user_roles = roles_of(request.user)
    if request.user.is_authenticated:
        from jobcenter.selectors import home_panels_for

        context["panels"] = home_panels_for(user=request.user, roles=user_roles)
    context["role_labels"] = {
        Role.ADMINISTRATOR: "administrator",
        Role.COORDINATOR: "coordinator",
    }
    return render(request, "home.html", context)
