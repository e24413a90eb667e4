"""The coordinator's pages for work certificates (desktop), under `/coordinator/workers/`.

Coordinators and administrators only (`coordinator_required`: anonymous → login, other roles →
403). Reads go through the scoped selectors; the certificate is issued only by
`orders.certificates.certificate_issue`. Every look at a worker's certificates and every download
writes an access-log entry.
"""

from __future__ import annotations

import operator
from functools import reduce

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from jobcenter.errors import DomainError
from jobcenter.forms import NoBidiControlsMixin
from jobcenter.gates import coordinator_required
from orders.certificates import certificate_issue
from orders.selectors.certificates import certificate_download_for, certificates_viewed_for, work_list_for_worker
from workers.selectors import worker_get_for, worker_list_for

PAGE_SIZE = 25

DATE_WIDGET = forms.DateInput(attrs={"type": "date", "class": "hds-text-input__input"}, format="%Y-%m-%d")


class WorkerSearchForm(NoBidiControlsMixin, forms.Form):
    bidi_strip_fields = ("q",)  # a search: invisible text-direction characters dropped, not refused

    q = forms.CharField(
        label=gettext_lazy("Search by name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"class": "hds-text-input__input", "type": "search"}),
    )


class CertificateIssueForm(NoBidiControlsMixin, forms.Form):
    """The shape of the input only; the service decides."""

    period_start = forms.DateField(
        label=gettext_lazy("Period starts"),
        required=False,
        widget=DATE_WIDGET,
        help_text=gettext_lazy("Leave empty to start from the first approved gig."),
    )
    period_end = forms.DateField(
        label=gettext_lazy("Period ends"),
        required=False,
        widget=DATE_WIDGET,
        help_text=gettext_lazy("Leave empty to end at the last approved gig."),
    )
    include_feedback = forms.TypedChoiceField(
        label=gettext_lazy("Does the worker want the client feedback in the certificate?"),
        choices=[("no", gettext_lazy("No")), ("yes", gettext_lazy("Yes"))],
        coerce=lambda value: value == "yes",
        initial="no",
        widget=forms.RadioSelect,
    )


def _name_matches(word: str) -> Q:
    """First name, last name or email contains the word. SQLite folds only ASCII case, so "äyrä"
    also tries "Äyrä" (PostgreSQL folds every letter by itself)."""
    conditions = [
        Q(**{f"user__{name}__icontains": variant})
        for variant in {word, word.lower(), word.capitalize(), word.upper()}
        for name in ("first_name", "last_name", "email")
    ]
    return reduce(operator.or_, conditions)


@require_safe
@coordinator_required
@never_cache
def worker_list(request: HttpRequest) -> HttpResponse:
    """All workers, searchable by name, with a link to each worker's certificate page."""
    form = WorkerSearchForm(request.GET or None)
    qs = worker_list_for(user=request.user).filter(is_active=True)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    if query:
        qs = qs.filter(reduce(operator.and_, (_name_matches(word) for word in query.split())))
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "workers/coordinator/worker_list.html", {"form": form, "page": page, "query": query})


@require_http_methods(["GET", "HEAD", "POST"])
@coordinator_required
@never_cache
def worker_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A worker's approved gigs, the form to issue a certificate, and the certificates issued."""
    worker = worker_get_for(user=request.user, pk=pk)
    form = CertificateIssueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            certificate_issue(
                worker_id=worker.pk,
                by=request.user,
                period_start=form.cleaned_data["period_start"],
                period_end=form.cleaned_data["period_end"],
                include_feedback=form.cleaned_data["include_feedback"],
            )
        except DomainError as err:
            messages.error(request, err.message)
        else:
            messages.success(request, _("The certificate is issued. The worker can download it on their phone."))
            return redirect("worker_certificates:worker", pk=worker.pk)
    context = {
        "worker": worker,
        "form": form,
        "work": work_list_for_worker(worker=worker),
        "certificates": certificates_viewed_for(user=request.user, worker=worker, path=request.path),
    }
    return render(request, "workers/coordinator/worker_detail.html", context)


@require_safe
@coordinator_required
def certificate_download(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = certificate_download_for(user=request.user, pk=pk, path=request.path)
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=certificate.download_name,
        content_type="application/pdf",
    )
