"""The front page: for a visitor what the Jobcenter is; for a user, a panel per role."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from jobcenter.roles import Role, roles_of
from web.public.panels import home_panels_for

ROLE_LABELS = {
    Role.ADMINISTRATOR: _("administrator"),
    Role.COORDINATOR: _("coordinator"),
    Role.PAYER: _("payments"),
    Role.UNIT_STAFF: _("unit staff"),
    Role.WORKER: _("worker"),
    Role.CLIENT_CONTACT: _("client contact"),
}


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
