"""The language of the worker's emails and papers: `/me/language/`.

Emails, pay statements and certificates to the worker are written in the language stored on her
account (not in the language of whoever acts): she chooses it here, or her unit does for her.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from jobcenter.errors import DomainError
from jobcenter.gates import worker_required
from workers.forms import WorkerLanguageForm
from workers.services import worker_set_language


@require_http_methods(["GET", "HEAD", "POST"])
@worker_required
def language(request: HttpRequest) -> HttpResponse:
    worker = request.worker
    form = WorkerLanguageForm(request.POST or None, initial={"language": worker.language})
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["language"]
        try:
            worker_set_language(worker_id=worker.pk, language=chosen, by=request.user)
        except DomainError as err:
            messages.error(request, err.message)
        else:
            # The confirmation in the language chosen, so she sees at once what she chose.
            with translation.override(chosen):
                messages.success(request, _("Saved. Your emails and papers are now in this language."))
            return redirect("workers:language")
    status = 400 if request.method == "POST" else 200
    return render(request, "workers/mobile/language.html", {"form": form}, status=status)
