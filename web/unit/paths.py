"""Unit staff: a worker's path (jatkopolku), the steps before and after the Jobcenter, in time order.

The page shows special-category data (which services she has been in), so every look is
access-logged; adding, ending and removing a step go through `workers.services_paths`.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jobcenter.access_log import log_access
from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.gates import unit_staff_required
from orders.selectors import units as unit_selectors
from web.unit.forms_paths import PathStepAddForm, PathStepEndForm
from workers.privacy_paths import LOG_PATH
from workers.selectors_paths import path_kinds_active, path_steps_for
from workers.services_paths import path_step_add, path_step_end, path_step_remove


def _page(request, worker, form=None, status=200):
    try:
        steps = path_steps_for(user=request.user, worker=worker)
    except ActionNotPermitted:
        raise Http404 from None
    log_access(request, worker, LOG_PATH)
    for step in steps:
        step.end_form = PathStepEndForm(auto_id=f"end-{step.pk}-%s") if step.ended_on is None else None
    return render(
        request,
        "units/worker_path.html",
        {
            "worker": worker,
            "steps": steps,
            "form": form or PathStepAddForm(kinds=path_kinds_active()),
            "unit_section": "workers",
        },
        status=status,
    )


@unit_staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def worker_path(request: HttpRequest, pk: int) -> HttpResponse:
    """The worker's path, and a form to add a step."""
    worker = unit_selectors.unit_worker_get_for(user=request.user, pk=pk)
    if request.method != "POST":
        return _page(request, worker)
    form = PathStepAddForm(request.POST, kinds=path_kinds_active())
    if form.is_valid():
        data = form.cleaned_data
        try:
            path_step_add(
                worker_id=worker.pk, kind_id=data["kind"].pk, started_on=data["started_on"],
                ended_on=data["ended_on"], note=data["note"], by=request.user,
            )  # fmt: skip
        except ActionNotPermitted:
            raise Http404 from None
        except DomainError as err:
            form.add_error(None, err.message)
        else:
            messages.success(request, _("The step was added to the path."))
            return redirect("units:worker-path", pk=worker.pk)
    return _page(request, worker, form=form, status=400)


@unit_staff_required
@require_POST
def worker_path_end(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    worker = unit_selectors.unit_worker_get_for(user=request.user, pk=pk)
    form = PathStepEndForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the day the step ended."))
        return redirect("units:worker-path", pk=worker.pk)
    try:
        path_step_end(worker_id=worker.pk, step_id=step_pk, ended_on=form.cleaned_data["ended_on"], by=request.user)
    except ActionNotPermitted:
        raise Http404 from None
    except DomainError as err:
        messages.error(request, err.message)
    else:
        messages.success(request, _("The step was marked ended."))
    return redirect("units:worker-path", pk=worker.pk)


@unit_staff_required
@require_POST
def worker_path_remove(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    worker = unit_selectors.unit_worker_get_for(user=request.user, pk=pk)
    try:
        path_step_remove(worker_id=worker.pk, step_id=step_pk, by=request.user)
    except ActionNotPermitted:
        raise Http404 from None
    except DomainError as err:
        messages.error(request, err.message)
    else:
        messages.success(request, _("The step was removed."))
    return redirect("units:worker-path", pk=worker.pk)
