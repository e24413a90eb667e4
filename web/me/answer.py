""" "Tulen" / "En pääse": the worker's answer to a gig reminder.

- `gig_answer`: the page behind the signed link in the reminder email (`orders.tokens_answer`). No
  login: the link is the key, and it names one assignment only. A phone 360 px wide, plain words.
  GET only shows (a mail scanner that opens the link changes nothing); "Tulen" and "En pääse" are
  POSTs. "En pääse" asks first, on a step of its own, with an optional reason. "Tulen" shows until
  the gig starts, "En pääse" until it is over. A changed link, an expired one (the gig is over) or
  one whose gig is no longer hers gets a clear page, never an error.
- `gig_coming`: the same "Tulen" on the worker's own gig page (logged in).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from jobcenter.errors import DomainError
from jobcenter.forms import NoBidiControlsMixin
from jobcenter.gates import worker_required
from orders.selectors.reminders import answer_assignment_get, has_confirmed_coming, has_gig_started
from orders.selectors.worker import worker_gig_get
from orders.services.attendance_confirm import assignment_confirm_coming
from orders.states import AssignmentStatus
from orders.tokens_answer import read_answer_token

TEMPLATE = "workers/gig_answer.html"
# The assignment's state once she has said "En pääse" (the absence service's).
TOLD_CANT_COME = getattr(AssignmentStatus, "CANT_COME", "cant_come")
# The reasons the worker may give for "En pääse" (the absence service's codes); none is needed.
REASONS = [
    ("ill", pgettext_lazy("absence reason", "I am ill")),
    ("family", pgettext_lazy("absence reason", "A family matter")),
    ("transport", pgettext_lazy("absence reason", "I cannot get there")),
    ("other", pgettext_lazy("absence reason", "Something else")),
    ("", gettext_lazy("I do not want to tell")),
]


class CantComeForm(NoBidiControlsMixin, forms.Form):
    """ "En pääse": why, if she wants to tell (the service decides what is kept)."""

    reason = forms.ChoiceField(
        label=gettext_lazy("Why can you not come? You do not have to tell."),
        choices=REASONS,
        required=False,
        # HDS's radio, as on the worker's own "En pääse" page: without the class, the label's HDS
        # circle (never checked) showed beside the browser's own radio.
        widget=forms.RadioSelect(attrs={"class": "hds-radio-button__input"}),
    )


def _problem(request: HttpRequest, problem: str, *, status: int, assignment=None) -> HttpResponse:
    return render(request, TEMPLATE, {"problem": problem, "assignment": assignment}, status=status)


def _use_worker_language(request: HttpRequest, assignment) -> None:
    """The page in the worker's language, unless the address names one (/sv/, /en/)."""
    language = assignment.worker.user.language or "fi"
    if translation.get_language_from_path(request.path_info) is None:
        translation.activate(language)
        request.LANGUAGE_CODE = language


def _cant_come(assignment, reason: str):
    """The absence service, looked up when used: "En pääse" works once that service is there."""
    try:
        from orders.services import absence
    except ImportError:
        return None
    return absence.assignment_cant_come(assignment_id=assignment.pk, by=assignment.worker.user, reason=reason)


@never_cache
@sensitive_post_parameters("reason")  # a reason may tell of the worker's health
@require_http_methods(["GET", "HEAD", "POST"])
def gig_answer(request: HttpRequest, token: str) -> HttpResponse:
    try:
        link = read_answer_token(token)
    except signing.SignatureExpired:
        return _problem(request, "expired", status=410)
    except signing.BadSignature:
        return _problem(request, "invalid", status=404)
    assignment = answer_assignment_get(assignment_id=link.assignment_id)
    if assignment is None:
        return _problem(request, "invalid", status=404)
    _use_worker_language(request, assignment)
    if assignment.status == TOLD_CANT_COME:
        return _problem(request, "told_cant_come", status=410, assignment=assignment)
    if assignment.status != AssignmentStatus.ACCEPTED or assignment.gig.is_cancelled:
        return _problem(request, "not_yours", status=410, assignment=assignment)

    step = request.POST.get("answer") or request.GET.get("step") or ""
    form = CantComeForm(request.POST if request.method == "POST" and step == "cant" else None)
    error = ""
    if request.method == "POST" and step == "coming":
        try:
            assignment_confirm_coming(assignment_id=assignment.pk, by=assignment.worker.user)
        except DomainError as err:
            error = err.message
        else:
            return redirect(f"{request.path}?done=coming")
    elif request.method == "POST" and step == "cant" and form.is_valid():
        try:
            answered = _cant_come(assignment, form.cleaned_data["reason"])
        except DomainError as err:
            error = err.message
        else:
            if answered is None:
                error = _("This page cannot take “I can't come” yet. Please phone your instructor.")
            else:
                return render(request, TEMPLATE, {"assignment": assignment, "gig": assignment.gig, "told": True})
    return render(
        request,
        TEMPLATE,
        {
            "assignment": assignment,
            "gig": assignment.gig,
            "step": "cant" if step == "cant" else "",
            "form": form,
            "error": error,
            "confirmed": has_confirmed_coming(assignment.pk),
            "started": has_gig_started(assignment.gig),
            "just_confirmed": request.GET.get("done") == "coming",
            "phone": (assignment.support_person.phone if assignment.support_person else "") or assignment.unit.phone,
        },
    )


@require_POST
@worker_required
def gig_coming(request: HttpRequest, assignment_pk: int) -> HttpResponse:
    """ "Tulen" on the worker's own gig page. Saying it twice changes nothing."""
    gig = worker_gig_get(worker=request.worker, assignment_id=assignment_pk)
    try:
        assignment_confirm_coming(assignment_id=gig.assignment_id, by=request.user)
    except DomainError as err:
        messages.error(request, err.message)
    else:
        messages.success(request, _("Thank you! You told that you are coming."))
    return redirect(reverse("workers:gig", kwargs={"assignment_pk": assignment_pk}))
