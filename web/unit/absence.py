"""Unit staff: finding a stand-in for a freed place, noting a gig not come to, and the attendance
notes of a worker (a prompt to talk, never a score).

The stand-in page lists the unit's workers asked before for the gig and the other active workers
of the unit, with their benefit headroom for the gig as far as each worker's consent allows; one
tap proposes one (the same service as the proposal page, with the unit's usual support).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe

from benefits.selectors import foresight_for_viewer
from jobcenter.access_log import log_access
from jobcenter.errors import DomainError
from jobcenter.gates import unit_staff_required
from orders import services
from orders.forms_absence import CantComeForHerForm, NoShowForm
from orders.privacy_attendance import LOG_ATTENDANCE
from orders.selectors import units as unit_selectors
from orders.selectors.absence import (
    attendance_notes_for,
    attendance_pattern_for,
    gig_has_freed_place,
    stand_in_candidates_for,
    stand_in_gig_get_for,
)
from units.models import SupportMode


def _gig(request, order_pk: int, gig_pk: int):
    gig = stand_in_gig_get_for(user=request.user, pk=gig_pk)
    if gig.order_id != order_pk:
        raise Http404
    return gig


def _propose(request, gig, worker_pk: int) -> None:
    worker = next((w for w in stand_in_candidates_for(user=request.user, gig=gig).others if w.pk == worker_pk), None)
    if worker is None:
        messages.error(request, _("This worker can no longer be proposed for the gig."))
        return
    support = worker.home_unit.service.default_support
    try:
        services.assignment_propose(
            gig_id=gig.pk,
            worker_id=worker.pk,
            by=request.user,
            support=support,
            # The proposer comes along when the unit's service sends staff along, as on the proposal page.
            support_person_id=request.user.pk if support == SupportMode.STAFF_ALONG else None,
        )
    except DomainError as err:
        messages.error(request, err.message)
    else:
        messages.success(request, _("Proposed for the gig: %(names)s.") % {"names": worker.display_name})


@sensitive_post_parameters()
@unit_staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def stand_in(request: HttpRequest, order_pk: int, gig_pk: int) -> HttpResponse:
    """ "Find a stand-in" for a gig of an order the unit was informed of."""
    gig = _gig(request, order_pk, gig_pk)
    if request.method == "POST":
        worker_pk = request.POST.get("worker", "")
        if not worker_pk.isdigit():
            raise Http404
        _propose(request, gig, int(worker_pk))
        return redirect(request.path)
    candidates = stand_in_candidates_for(user=request.user, gig=gig)
    benefit_info = foresight_for_viewer(
        user=request.user, workers=[*candidates.asked, *candidates.others], gig=gig, path=request.path
    )
    return render(
        request,
        "units/stand_in.html",
        {
            "gig": gig,
            "order": gig.order,
            "freed": gig_has_freed_place(gig),
            "asked": [(w, benefit_info.get(w.pk)) for w in candidates.asked],
            "others": [(w, benefit_info.get(w.pk)) for w in candidates.others],
            "unit_section": "needs",
        },
    )


@sensitive_post_parameters("reason", "note")
@unit_staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def assignment_no_show(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    """Note that the worker did not come to a gig she took (after its start)."""
    worker = unit_selectors.unit_worker_get_for(user=request.user, pk=pk)
    assignment = unit_selectors.worker_assignment_get_for(user=request.user, worker=worker, pk=assignment_pk)
    form = NoShowForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record_no_show(
                assignment_id=assignment.pk, by=request.user, reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )  # fmt: skip
        except DomainError as err:
            form.add_error(None, err.message)
        else:
            messages.success(request, _("Noted. The place on the gig is open again."))
            return redirect("units:worker", pk=worker.pk)
    return render(
        request,
        "units/assignment_no_show.html",
        {"worker": worker, "assignment": assignment, "form": form, "unit_section": "workers"},
    )


@sensitive_post_parameters("reason", "note")
@unit_staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def assignment_cant_come(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    """ "En pääse" for the worker, who told her unit (the same service as her own button: the unit
    address, the staff member along and the coordinator are told, the place reopens)."""
    worker = unit_selectors.unit_worker_get_for(user=request.user, pk=pk)
    assignment = unit_selectors.worker_assignment_get_for(user=request.user, worker=worker, pk=assignment_pk)
    form = CantComeForHerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.assignment_cant_come(
                assignment_id=assignment.pk, by=request.user, reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )  # fmt: skip
        except DomainError as err:
            form.add_error(None, err.message)
        else:
            messages.success(
                request, _("Saved: the worker cannot come. The coordinator is told and the place is open again.")
            )
            return redirect("units:worker", pk=worker.pk)
    return render(
        request,
        "units/assignment_cant_come.html",
        {"worker": worker, "assignment": assignment, "form": form, "unit_section": "workers"},
    )


@unit_staff_required
@require_safe
def worker_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """The worker's attendance notes. Looking is written to the access log."""
    worker = unit_selectors.unit_worker_get_for(user=request.user, pk=pk)
    notes = list(attendance_notes_for(user=request.user, worker=worker))
    log_access(request, worker, LOG_ATTENDANCE)
    return render(
        request, "units/worker_attendance.html", {"worker": worker, "notes": notes, "unit_section": "workers"}
    )


def attendance_prompt(request: HttpRequest, worker) -> str:
    """The unit's worker page: a kind prompt when the worker's attendance notes make a pattern
    (the look is logged, as the notes themselves are); "" otherwise."""
    count = attendance_pattern_for(worker=worker)
    if not count:
        return ""
    log_access(request, worker, LOG_ATTENDANCE)
    name = worker.user.first_name or worker.display_name
    days = settings.JOBCENTER_ATTENDANCE_PATTERN_DAYS
    return ngettext(
        "%(name)s has cancelled or not come %(count)s time in %(days)s days. "
        "Talk with %(name)s about how things are going.",
        "%(name)s has cancelled or not come %(count)s times in %(days)s days. "
        "Talk with %(name)s about how things are going.",
        count,
    ) % {"name": name, "count": count, "days": days}
