"""Unit staff: their units' workers, a worker's gigs, and acting on a gig for the worker."""

from __future__ import annotations

import re

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from jobcenter.access_log import DATA_PROFILE, log_access
from jobcenter.errors import DomainError
from jobcenter.gates import unit_staff_required
from orders import services
from orders.permissions import can_withdraw_assignment
from orders.selectors import units as selectors
from orders.states import AssignmentStatus, available_assignment_statuses
from units.selectors import staff_units_for
from web.unit.absence import attendance_prompt
from web.unit.forms import DeclineForm, ReportHoursForm, SupportNeedsForm, UnitFilterForm, WithdrawForm
from workers.forms import WorkerLanguageForm, WorkerNotifyByForm
from workers.selectors import worker_support_needs_for

CHOSEN_KEY = re.compile(r"w(\d+)-selected")
CANDIDATES_PER_PAGE = 25


def _short_name(worker) -> str:
    """ "Aino L.": the worker's first name and the initial of the last name."""
    user = worker.user
    if user.first_name and user.last_name:
        return f"{user.first_name} {user.last_name[0]}."
    return worker.display_name


# --- My units' workers ----------------------------------------------------------------------------
@unit_staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def worker_list(request: HttpRequest) -> HttpResponse:
    """The list of the user's units' workers. The name search is POSTed: a name is personal data and
    must not end up in a URL (server logs, browser history on a shared computer)."""
    units = staff_units_for(user=request.user)
    data = request.POST if request.method == "POST" else {"unit": request.GET.get("unit", "")}
    filters = UnitFilterForm(data, units=units)
    rows = list(
        selectors.unit_worker_list_for(user=request.user, unit_id=filters.value("unit"), q=filters.value("q") or "")
    )
    return render(
        request,
        "units/workers.html",
        {
            "workers": rows,
            "filters": filters,
            "several_units": len(units) > 1,
            "searched": bool(filters.value("q") or filters.value("unit")),
            "unit_section": "workers",
        },
    )


def _dress_actions(user, assignments, *, today) -> None:
    """What the staff member may do for the worker on each gig, from the assignment table narrowed
    by the order's state (the order is already loaded with the assignment): accept or decline an
    offer, report the hours once the day has come, take the worker off the gig."""
    for assignment in assignments:
        moves = available_assignment_statuses(assignment.status, order_status=assignment.gig.order.status)
        assignment.can_accept = AssignmentStatus.ACCEPTED in moves
        assignment.can_decline = AssignmentStatus.DECLINED in moves
        assignment.can_report = AssignmentStatus.DONE in moves and assignment.gig.date <= today
        assignment.can_withdraw = AssignmentStatus.WITHDRAWN in moves and can_withdraw_assignment(user, assignment)


def _worker_page(request, worker, *, support_needs: str | None = None, support_form=None):
    upcoming, past = selectors.worker_gigs_for(user=request.user, worker=worker)
    _dress_actions(request.user, [*upcoming, *past], today=timezone.localdate())
    return render(
        request,
        "units/worker.html",
        {
            "worker": worker,
            "short_name": _short_name(worker),
            "upcoming": upcoming,
            "past": past,
            "support_needs": support_needs,
            "support_form": support_form or SupportNeedsForm(),
            "language_form": WorkerLanguageForm(initial={"language": worker.language}),
            "notify_by_form": WorkerNotifyByForm(initial={"notify_by": worker.notify_by}, auto_id="notify-%s"),
            "attendance_prompt": attendance_prompt(request, worker),
            "unit_section": "workers",
        },
    )


@unit_staff_required
@require_safe
def worker_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The worker's gigs. Support needs are not shown here: the button below reveals them (logged).
    The look at the worker's details and gigs is logged too: staff of a unit see only their own
    workers, and the worker may ask who looked at their data and when."""
    worker = selectors.unit_worker_get_for(user=request.user, pk=pk)
    log_access(request, worker, DATA_PROFILE)
    return _worker_page(request, worker)


@sensitive_post_parameters("reason")
@unit_staff_required
@require_POST
@sensitive_variables("text")
def worker_support_needs(request: HttpRequest, pk: int) -> HttpResponse:
    """Reveal the worker's support needs. POST, so that every look is a deliberate act that the
    access log records (with the optional reason); nothing sensitive goes into a URL or a cache."""
    worker = selectors.unit_worker_get_for(user=request.user, pk=pk)
    form = SupportNeedsForm(request.POST)
    if not form.is_valid():
        if request.htmx:
            return render(request, "units/_support_needs.html", {"worker": worker, "support_form": form})
        return _worker_page(request, worker, support_form=form)
    text = worker_support_needs_for(
        user=request.user, worker=worker, path=request.path, reason=form.cleaned_data["reason"], request=request
    )
    if request.htmx:
        return render(request, "units/_support_needs.html", {"worker": worker, "support_needs": text})
    return _worker_page(request, worker, support_needs=text)


def _assignment(request, pk: int, assignment_pk: int):
    worker = selectors.unit_worker_get_for(user=request.user, pk=pk)
    return worker, selectors.worker_assignment_get_for(user=request.user, worker=worker, pk=assignment_pk)


@unit_staff_required
@require_POST
def assignment_accept(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    worker, assignment = _assignment(request, pk, assignment_pk)
    try:
        services.assignment_accept(assignment_id=assignment.pk, by=request.user)
    except DomainError as err:
        messages.error(request, err.message)
    else:
        messages.success(
            request,
            _("You accepted the gig for %(name)s. The history shows that you did it.") % {"name": _short_name(worker)},
        )
    return redirect("units:worker", pk=worker.pk)


@unit_staff_required
@require_POST
def assignment_report(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    worker, assignment = _assignment(request, pk, assignment_pk)
    form = ReportHoursForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["hours"]))
        return redirect("units:worker", pk=worker.pk)
    try:
        services.assignment_report_done(assignment_id=assignment.pk, by=request.user, hours=form.cleaned_data["hours"])
    except DomainError as err:
        messages.error(request, err.message)
    else:
        messages.success(request, _("You reported the hours for %(name)s.") % {"name": _short_name(worker)})
    return redirect("units:worker", pk=worker.pk)


def _confirm(request, pk, assignment_pk, *, form_class, template, run, done_message):
    """A confirmation page (GET) and the action (POST) for declining or withdrawing."""
    worker, assignment = _assignment(request, pk, assignment_pk)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            run(assignment, form.cleaned_data["reason"])
        except DomainError as err:
            form.add_error(None, err.message)
        else:
            messages.success(request, done_message % {"name": _short_name(worker)})
            return redirect("units:worker", pk=worker.pk)
    context = {
        "worker": worker,
        "short_name": _short_name(worker),
        "assignment": assignment,
        "form": form,
        "unit_section": "workers",
    }
    return render(request, template, context)


@sensitive_post_parameters("reason")
@unit_staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def assignment_decline(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    return _confirm(
        request,
        pk,
        assignment_pk,
        form_class=DeclineForm,
        template="units/assignment_decline.html",
        run=lambda assignment, reason: services.assignment_decline(
            assignment_id=assignment.pk, by=request.user, reason=reason
        ),
        done_message=_("You declined the gig for %(name)s."),
    )


@sensitive_post_parameters("reason")
@unit_staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def assignment_withdraw(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    return _confirm(
        request,
        pk,
        assignment_pk,
        form_class=WithdrawForm,
        template="units/assignment_withdraw.html",
        run=lambda assignment, reason: services.assignment_withdraw(
            assignment_id=assignment.pk, by=request.user, reason=reason
        ),
        done_message=_("%(name)s was taken off the gig."),
    )
