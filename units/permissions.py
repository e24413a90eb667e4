"""Who may use the unit staff pages. Selectors narrow every object to the user's units (404 outside);
the services check each action again (403)."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from jobcenter.roles import is_unit_staff


def can_use_unit_pages(user) -> bool:
    """Active staff of at least one unit (an active membership of an active user)."""
    return is_unit_staff(user)


def unit_staff_required(view):
    """First gate of every unit staff page.

    Anonymous visitors go to the login page; a logged-in user without an active unit membership
    gets a 403 page that says whom the pages are for. Responses are never cached: the pages run on
    shared computers and show personal data.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_use_unit_pages(request.user):
            return render(request, "units/forbidden.html", status=403)
        return view(request, *args, **kwargs)

    return never_cache(wrapped)
