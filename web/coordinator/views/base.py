"""What the coordinator's pages share: the base view, the status colours, links back, paging."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.decorators.cache import never_cache

from jobcenter.gates import CoordinatorRequiredMixin
from orders.models import AssignmentStatus, OrderStatus

PAGE_SIZE = 25

# Where a state's status label takes its colour from (the text says the state; colour only helps).
STATUS_TONES = {
    OrderStatus.SUBMITTED: "alert",
    OrderStatus.TERMS_SENT: "info",
    OrderStatus.TERMS_ACCEPTED: "info",
    OrderStatus.STAFFING: "alert",
    OrderStatus.SCHEDULED: "info",
    OrderStatus.DONE: "alert",
    OrderStatus.APPROVED: "success",
    OrderStatus.INVOICED: "success",
    OrderStatus.CLOSED: "",
    OrderStatus.CANCELLED: "error",
    OrderStatus.REJECTED: "error",
}
ASSIGNMENT_TONES = {
    AssignmentStatus.PROPOSED: "alert",
    AssignmentStatus.OFFERED: "info",
    AssignmentStatus.ACCEPTED: "info",
    AssignmentStatus.DONE: "alert",
    AssignmentStatus.APPROVED: "success",
    AssignmentStatus.DECLINED: "",
    AssignmentStatus.WITHDRAWN: "",
    AssignmentStatus.CANT_COME: "alert",  # a place to fill again
}


# --- Helpers --------------------------------------------------------------------------------------
def _back(request: HttpRequest, default: str) -> str:
    """The page to return to: a safe `next` (e.g. the filtered list), or `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _order_url(order_or_pk, anchor: str = "") -> str:
    pk = getattr(order_or_pk, "pk", order_or_pk)
    url = reverse("coordinator:order", args=[pk])
    return f"{url}#{anchor}" if anchor else url


def _query(request: HttpRequest, **changes) -> str:
    """The current filters with some parameters changed ("" or None drops one), as `?a=b`."""
    query = request.GET.copy()
    for key, value in changes.items():
        query.pop(key, None)
        if value not in ("", None):
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


class CountedPaginator(Paginator):
    """A paginator told its count (the dashboard sums its state counts): no second COUNT query."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._known_count = count

    @property
    def count(self) -> int:
        return self._known_count


class CoordinatorView(CoordinatorRequiredMixin, View):
    """Base of the dashboard's views: coordinators only, never cached."""

    @method_decorator(never_cache)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)
