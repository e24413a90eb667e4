"""The client tells that it hired a worker onto its own payroll ("We hired Aino onto our payroll").

A small form on the client's order page (logged in as a contact of the order's organisation; not
through the signed link): one button per worker who did a gig of the order. It records an outcome
step on her path (`orders.services.path_hired`), which her unit sees and the outcomes report counts.
Only first names are shown, as on the rest of the client's pages.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.roles import client_organisation_ids
from orders.models import Assignment
from orders.selectors import order_get_for
from orders.services.path_hired import path_record_hired_by_client
from orders.states import AssignmentStatus
from workers.models_paths import HIRED_BY_CLIENT, WorkerPathStep


def client_hired_context(request, order) -> list[dict]:
    """The order's workers who did a gig, for the form; [] unless a contact of the order's client is logged in."""
    user = request.user
    if not (user.is_authenticated and order.client_id in client_organisation_ids(user)):
        return []
    done = (
        Assignment.objects.filter(gig__order=order, status__in=AssignmentStatus.work_done_states)
        .select_related("worker__user")
        .defer("worker__support_needs")
        .order_by("worker_id")
    )
    workers = {a.worker_id: a.worker for a in done}
    recorded = set(
        WorkerPathStep.objects.filter(
            worker_id__in=workers, kind__code=HIRED_BY_CLIENT, note=order.client.name[:200]
        ).values_list("worker_id", flat=True)
    )
    return [
        {"pk": w.pk, "first_name": w.user.first_name or _("the worker"), "recorded": w.pk in recorded}
        for w in workers.values()
    ]


@login_required
@require_POST
def client_hired(request: HttpRequest, pk: int) -> HttpResponse:
    if not client_organisation_ids(request.user):
        raise PermissionDenied  # no client role at all (as on the order's page)
    order = order_get_for(user=request.user, pk=pk)
    worker_pk = request.POST.get("worker", "")
    if not worker_pk.isdigit():
        messages.error(request, _("Choose the worker you hired."))
        return redirect("orders:client-order", pk=order.pk)
    try:
        step = path_record_hired_by_client(worker_id=int(worker_pk), organisation_id=order.client_id, by=request.user)
    except ActionNotPermitted:
        raise Http404 from None
    except DomainError as err:
        messages.error(request, err.message)
    else:
        if step is not None:
            messages.success(request, _("Thank you! We told the worker's unit."))
    return redirect("orders:client-order", pk=order.pk)
