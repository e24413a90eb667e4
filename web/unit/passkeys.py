"""Unit staff remove a worker's passkeys ("Phone lost"): `/unit/workers/<pk>/passkeys/remove/`.

The worker's page shows her passkeys (name, added, last used; `templates/units/_worker_passkeys.html`)
with one button; this page asks first and then removes them all
(`jobcenter.passkey_services.passkeys_remove_all`: staff of her home unit or the coordinator, in a
transaction, written to the access log). Her sessions opened with them are weak on their next
request. Staff of another unit get a 404 from the scoped selector. The worker can still log in
with an emailed code and be confirmed in person again.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_http_methods

from jobcenter.gates import unit_staff_required
from jobcenter.passkey_selectors import worker_passkeys_for
from jobcenter.passkey_services import passkeys_remove_all
from orders.selectors import units as selectors


@unit_staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def worker_passkeys_remove(request: HttpRequest, pk: int) -> HttpResponse:
    worker = selectors.unit_worker_get_for(user=request.user, pk=pk)
    if request.method == "POST":
        removed = passkeys_remove_all(worker=worker, by=request.user, request=request)
        if removed:
            messages.success(
                request,
                ngettext(
                    "%(count)d passkey removed. The worker's phone no longer opens their figures.",
                    "%(count)d passkeys removed. The worker's phones no longer open their figures.",
                    removed,
                )
                % {"count": removed},
            )
        else:
            messages.info(request, gettext("The worker had no passkeys."))
        return redirect("units:worker", pk=worker.pk)
    passkeys = worker_passkeys_for(by=request.user, worker=worker)
    return render(
        request,
        "units/worker_passkeys_remove.html",
        {"worker": worker, "passkeys": passkeys, "unit_section": "workers"},
    )
