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

from django.contrib import messages
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from jobcenter.errors import DomainError
from jobcenter.gates import worker_required
from orders.forms_absence import WorkerCantComeForm
from orders.selectors.absence import cant_come_recipients
from orders.selectors.reminders import answer_assignment_get, has_confirmed_coming, has_gig_started
from orders.selectors.worker import worker_gig_get
from orders.services.absence import assignment_cant_come
from orders.services.attendance_confirm import assignment_confirm_coming
from orders.states import AssignmentStatus
from orders.tokens_answer import read_answer_token

TEMPLATE = "workers/gig_answer.html"


def _problem(request: HttpRequest, problem: str, *, status: int, assignment=None) -> HttpResponse:
    return render(request, TEMPLATE, {"problem": problem, "assignment": assignment}, status=status)


def _use_worker_language(request: HttpRequest, assignment) -> None:
    """The page in the worker's language, unless the address names one (/sv/, /en/)."""
    language = assignment.worker.user.language or "fi"
    if translation.get_language_from_path(request.path_info) is None:
        translation.activate(language)
        request.LANGUAGE_CODE = language


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
    if assignment.status == AssignmentStatus.CANT_COME:
        return _problem(request, "told_cant_come", status=410, assignment=assignment)
    if assignment.status != AssignmentStatus.ACCEPTED or assignment.gig.is_cancelled:
        return _problem(request, "not_yours", status=410, assignment=assignment)

    step = request.POST.get("answer") or request.GET.get("step") or ""
    form = WorkerCantComeForm(request.POST if request.method == "POST" and step == "cant" else None)
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
            assignment_cant_come(
                assignment_id=assignment.pk, by=assignment.worker.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as err:
            error = err.message
        else:
            told = cant_come_recipients(assignment=assignment)
            return render(
                request, TEMPLATE, {"assignment": assignment, "gig": assignment.gig, "done": True, "told": told}
            )
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
