"""How the worker is told of her gigs: `/me/contact/` (email, text message or both).

The same service as her unit's form on her page (`workers.contact.worker_set_notify_by`). A text
message needs her phone number; the page says who adds it when there is none.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from jobcenter.errors import DomainError
from jobcenter.gates import worker_required
from jobcenter.sms import phone_or_empty
from workers.contact import worker_set_notify_by
from workers.forms import WorkerNotifyByForm


@require_http_methods(["GET", "HEAD", "POST"])
@worker_required
def contact(request: HttpRequest) -> HttpResponse:
    worker = request.worker
    form = WorkerNotifyByForm(request.POST or None, initial={"notify_by": worker.notify_by})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                worker_set_notify_by(worker_id=worker.pk, notify_by=form.cleaned_data["notify_by"], by=request.user)
            except DomainError as err:
                form.add_error("notify_by", err.message)
            else:
                messages.success(request, _("Saved. We tell you this way from now on."))
                return redirect("workers:contact")
    context = {"form": form, "phone": worker.user.phone if phone_or_empty(worker.user.phone) else ""}
    return render(request, "workers/mobile/contact.html", context, status=status)
