"""The worker's own page about benefits and money: `/me/benefits/` (plain language, a phone).

Everything here is special-category data, so it is shown only in a strong session
(AUTH-5); a session opened with an emailed code gets a way to identify instead.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from benefits.models import Consent, ReceivedBenefit
from benefits.selectors import foresight_for_workers
from jobcenter.gates import worker_required
from jobcenter.stepup import session_is_strong


@require_safe
@worker_required
def my_benefits(request: HttpRequest) -> HttpResponse:
    worker = request.worker
    if not session_is_strong(request):
        return render(request, "benefits/my_benefits.html", {"needs_identification": True})
    today = timezone.localdate()
    received = list(ReceivedBenefit.objects.current_on(today).filter(worker=worker))
    consents = [c for c in Consent.objects.filter(worker=worker) if c.is_valid_on(today)]
    foresight = foresight_for_workers(worker_ids=[worker.pk], day=today)[worker.pk]
    return render(
        request,
        "benefits/my_benefits.html",
        {"received": received, "consents": consents, "foresight": foresight, "today": today},
    )
