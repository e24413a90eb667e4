"""The coordinator: finding a stand-in for a place freed by a worker who could not come, and noting
a gig not come to.

The stand-in page lists the workers asked before for the gig (those still proposed can be offered
the gig with one tap) and the other active workers of the units informed of the order, with their
benefit headroom for the gig as far as each worker's consent allows. A worker not yet proposed is
proposed by their unit (the unit's staff know the support they need): the page says which unit.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from benefits.selectors import foresight_for_viewer
from jobcenter.errors import DomainError
from orders import services
from orders.forms_absence import NoShowForm
from orders.selectors import assignment_get_for
from orders.selectors.absence import gig_has_freed_place, stand_in_candidates_for, stand_in_gig_get_for
from orders.states import AssignmentStatus
from web.coordinator.views.base import CoordinatorView, _order_url


class StandInView(CoordinatorView):
    """ "Find a stand-in" for one gig; POST offers the gig to one worker already proposed."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        gig = stand_in_gig_get_for(user=request.user, pk=pk)
        candidates = stand_in_candidates_for(user=request.user, gig=gig)
        benefit_info = foresight_for_viewer(
            user=request.user, workers=[*candidates.asked, *candidates.others], gig=gig, path=request.path
        )
        return render(
            request,
            "coordinator/stand_in.html",
            {
                "gig": gig,
                "order": gig.order,
                "freed": gig_has_freed_place(gig),
                "asked": [(w, benefit_info.get(w.pk)) for w in candidates.asked],
                "others": [(w, benefit_info.get(w.pk)) for w in candidates.others],
                "proposed": AssignmentStatus.PROPOSED,
            },
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        gig = stand_in_gig_get_for(user=request.user, pk=pk)
        assignment_pk = request.POST.get("assignment", "")
        if not assignment_pk.isdigit():
            raise Http404
        assignment = assignment_get_for(user=request.user, pk=int(assignment_pk))
        if assignment.gig_id != gig.pk:
            raise Http404
        try:
            services.assignment_offer(assignment_id=assignment.pk, by=request.user)
        except DomainError as err:
            messages.error(request, err.message)
        else:
            messages.success(
                request, _("The gig was offered to %(worker)s.") % {"worker": assignment.worker.display_name}
            )
        return redirect(request.path)


@method_decorator(sensitive_post_parameters("reason", "note"), name="dispatch")
class NoShowView(CoordinatorView):
    """Note that a worker did not come to a gig she took (after its start)."""

    def _render(self, request, assignment, form):
        return render(request, "coordinator/no_show.html", {"assignment": assignment, "form": form})

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._render(request, assignment_get_for(user=request.user, pk=pk), NoShowForm())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        assignment = assignment_get_for(user=request.user, pk=pk)
        form = NoShowForm(request.POST)
        if form.is_valid():
            try:
                services.attendance_record_no_show(
                    assignment_id=assignment.pk, by=request.user, reason=form.cleaned_data["reason"],
                    note=form.cleaned_data["note"],
                )  # fmt: skip
            except DomainError as err:
                form.add_error(None, err.message)
            else:
                messages.success(request, _("Noted. The place on the gig is open again."))
                return redirect(_order_url(assignment.gig.order_id, f"assignment-{assignment.pk}"))
        return self._render(request, assignment, form)
