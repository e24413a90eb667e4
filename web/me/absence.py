""" "En pääse" on the worker's phone: a gig she has taken, and she cannot come after all.

Two taps: the button on the gig page opens a screen with the reason (optional, plain words) and
"Vahvista: en pääse"; the done screen says who was told. The same service as the unit's staff
use, and the signed reminder link (`orders.services.assignment_cant_come`).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe

from jobcenter.errors import DomainError
from jobcenter.gates import worker_required
from orders.forms_absence import WorkerCantComeForm
from orders.models import Assignment, AssignmentStatus
from orders.selectors.absence import cant_come_recipients
from orders.selectors.worker import worker_gig_get
from orders.services import assignment_cant_come
from orders.services.absence import can_say_cant_come


def _gig(request: HttpRequest, assignment_pk: int):
    return worker_gig_get(worker=request.worker, assignment_id=assignment_pk)


@sensitive_post_parameters("reason")  # "I am ill" is about her health
@require_http_methods(["GET", "HEAD", "POST"])
@worker_required
def gig_cant_come(request: HttpRequest, assignment_pk: int) -> HttpResponse:
    gig = _gig(request, assignment_pk)
    if gig.assignment_status == AssignmentStatus.CANT_COME:
        return redirect("workers:gig-cant-come-done", assignment_pk=assignment_pk)
    if not can_say_cant_come(gig.assignment_status, gig):
        return redirect("workers:gig", assignment_pk=assignment_pk)
    form = WorkerCantComeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            assignment_cant_come(assignment_id=gig.assignment_id, by=request.user, reason=form.cleaned_data["reason"])
        except DomainError as err:
            messages.error(request, err.message)
            return redirect("workers:gig", assignment_pk=assignment_pk)
        return redirect("workers:gig-cant-come-done", assignment_pk=assignment_pk)
    return render(request, "workers/mobile/cant_come.html", {"gig": gig, "form": form})


@require_safe
@worker_required
def gig_cant_come_done(request: HttpRequest, assignment_pk: int) -> HttpResponse:
    gig = _gig(request, assignment_pk)
    if gig.assignment_status != AssignmentStatus.CANT_COME:
        return redirect("workers:gig", assignment_pk=assignment_pk)
    assignment = Assignment.objects.select_related("unit", "support_person").get(
        pk=gig.assignment_id, worker=request.worker
    )
    told = cant_come_recipients(assignment=assignment)
    return render(request, "workers/mobile/cant_come_done.html", {"gig": gig, "told": told})
