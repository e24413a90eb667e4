"""One gate per audience: the first check of every page, before any selector runs.

An anonymous visitor goes to the login page (and back afterwards). A logged-in user without the
audience's role gets that audience's 403 page, which says whom the pages are for. Beyond the gate,
selectors narrow every object to the user's scope (404 outside it) and services check each action
again, so the gate is the first of three checks, never the only one.

Staff, worker and client pages show personal data on shared computers and phones, so their
responses are never cached (`never_cache`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from jobcenter.roles import is_coordinator, is_payer, is_unit_staff, worker_profile


@dataclass(frozen=True)
class Audience:
    """Who a group of pages is for: the predicate of the role and the page that refuses others."""

    name: str
    admits: Callable[[object], bool]
    forbidden_template: str
    cache_allowed: bool = False


COORDINATOR = Audience("coordinator", is_coordinator, "coordinator/forbidden.html", cache_allowed=True)
UNIT_STAFF = Audience("unit staff", lambda user: is_unit_staff(user), "units/forbidden.html")
# Unit staff or the coordinator: the pages both use for a worker (in-person identification).
STAFF = Audience("staff", lambda user: is_unit_staff(user) or is_coordinator(user), "units/forbidden.html")
# The payment pages: the coordinator who makes payment runs and the paying role that approves them
# (the same person never does both for one run: the service checks that, not the gate).
PAYMENTS = Audience(
    "payments", lambda user: is_coordinator(user) or is_payer(user), "coordinator/forbidden.html", cache_allowed=False
)
PAYER = Audience("payer", is_payer, "coordinator/forbidden.html", cache_allowed=False)
WORKER = Audience("worker", lambda user: worker_profile(user) is not None, "workers/mobile/not_worker.html")


def refusal(request, audience: Audience):
    """None when the request's user may use the audience's pages, otherwise the response instead."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not audience.admits(request.user):
        return render(request, audience.forbidden_template, status=403)
    if audience is WORKER:
        request.worker = worker_profile(request.user)
    return None


def gate(audience: Audience):
    """A decorator for the function views of `audience`."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            refused = refusal(request, audience)
            if refused is not None:
                return refused
            return view(request, *args, **kwargs)

        return wrapper if audience.cache_allowed else never_cache(wrapper)

    return decorator


class AudienceRequiredMixin:
    """For class-based views: set `audience`; only its users get past `dispatch`."""

    audience: Audience

    def dispatch(self, request, *args, **kwargs):
        refused = refusal(request, self.audience)
        if refused is not None:
            return refused
        return super().dispatch(request, *args, **kwargs)


class CoordinatorRequiredMixin(AudienceRequiredMixin):
    audience = COORDINATOR


class PaymentsRequiredMixin(AudienceRequiredMixin):
    audience = PAYMENTS


class PayerRequiredMixin(AudienceRequiredMixin):
    audience = PAYER


coordinator_required = gate(COORDINATOR)
payments_required = gate(PAYMENTS)
payer_required = gate(PAYER)
unit_staff_required = gate(UNIT_STAFF)
staff_required = gate(STAFF)
worker_required = gate(WORKER)
