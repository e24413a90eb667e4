"""Unit staff set the language of a worker's emails and papers (POST from the worker's page).

The same service as the worker's own page (`workers.services.worker_set_language`); staff of the
worker's home unit may do it for her, staff of another unit get a 404 from the scoped selector.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jobcenter.errors import DomainError
from jobcenter.gates import unit_staff_required
from orders.selectors import units as selectors
from workers.forms import WorkerLanguageForm
from workers.services import worker_set_language


@unit_staff_required
@require_POST
def worker_language(request: HttpRequest, pk: int) -> HttpResponse:
    worker = selectors.unit_worker_get_for(user=request.user, pk=pk)
    form = WorkerLanguageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a language."))
        return redirect("units:worker", pk=worker.pk)
    try:
        worker_set_language(worker_id=worker.pk, language=form.cleaned_data["language"], by=request.user)
    except DomainError as err:
        messages.error(request, err.message)
    else:
        messages.success(request, _("The language of the worker's emails and papers is saved."))
    return redirect("units:worker", pk=worker.pk)
