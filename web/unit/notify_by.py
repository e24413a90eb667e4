"""Unit staff set how a worker is told of her gigs (POST from the worker's page): email, text message
or both. The same service as the worker's own page (`workers.contact.worker_set_notify_by`); staff of
another unit get a 404 from the scoped selector."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jobcenter.errors import DomainError
from jobcenter.gates import unit_staff_required
from orders.selectors import units as selectors
from workers.contact import worker_set_notify_by
from workers.forms import WorkerNotifyByForm


@unit_staff_required
@require_POST
def worker_notify_by(request: HttpRequest, pk: int) -> HttpResponse:
    worker = selectors.unit_worker_get_for(user=request.user, pk=pk)
    form = WorkerNotifyByForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose email, text message or both."))
        return redirect("units:worker", pk=worker.pk)
    try:
        worker_set_notify_by(worker_id=worker.pk, notify_by=form.cleaned_data["notify_by"], by=request.user)
    except DomainError as err:
        messages.error(request, err.message)
    else:
        messages.success(request, _("How the worker is told is saved."))
    return redirect("units:worker", pk=worker.pk)
