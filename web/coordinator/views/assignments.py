"""The coordinator's actions on a worker's assignment: offer, approve the hours, take off the gig,
record feedback."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobcenter.errors import DomainError
from orders import services
from orders.models import Assignment
from orders.selectors import assignment_get_for
from web.coordinator.forms import ApproveForm, FeedbackForm
from web.coordinator.views.actions import order_actions
from web.coordinator.views.base import STATUS_TONES, CoordinatorView, _order_url
from web.coordinator.views.order_changes import ReasonConfirmView
from web.coordinator.views.order_page import dress_assignment


# --- Assignment actions ---------------------------------------------------------------------------
def _assignment_url(assignment: Assignment) -> str:
    return _order_url(assignment.gig.order_id, f"assignment-{assignment.pk}")


class OfferView(CoordinatorView):
    """Pass a proposed worker on: the gig is offered to them."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        assignment = assignment_get_for(user=request.user, pk=pk)
        try:
            services.assignment_offer(assignment_id=assignment.pk, by=request.user)
        except DomainError as err:
            messages.error(request, err.message)
        else:
            messages.success(
                request, _("The gig was offered to %(worker)s.") % {"worker": assignment.worker.display_name}
            )
        return redirect(_assignment_url(assignment))


class ApproveView(CoordinatorView):
    """Approve done work, with corrected hours and a reason if needed.

    With htmx the answer is the assignment's updated table row (and the messages, swapped into the
    page's status area); without JavaScript a redirect back to the row.
    """

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        assignment = assignment_get_for(user=request.user, pk=pk)
        status_before = assignment.gig.order.status
        form = ApproveForm(request.POST, auto_id=f"approve-{assignment.pk}-%s")
        error = ""
        if form.is_valid():
            try:
                services.assignment_approve(
                    assignment_id=assignment.pk,
                    by=request.user,
                    hours=form.cleaned_data["hours"],
                    reason=form.cleaned_data["reason"],
                )
            except DomainError as err:
                error = str(err.message)
        else:
            error = " ".join(form.errors.get("hours", [])) or _("Check the hours and the reason.")
        if error:
            messages.error(request, error)
        if not request.htmx:
            if not error:
                assignment.refresh_from_db(fields=["approved_hours"])
                messages.success(request, self.done_message(assignment))
            return redirect(_assignment_url(assignment))
        assignment = assignment_get_for(user=request.user, pk=pk)
        if not error:
            messages.success(request, self.done_message(assignment))
        order = assignment.gig.order
        context = {
            "a": dress_assignment(assignment, order_status=order.status, form=form if error else None),
            "row_error": error,
            "order": order,
            "order_changed": order.status != status_before,
            "tone": STATUS_TONES.get(order.status, ""),
            "actions": order_actions(order, on_detail=True),
        }
        return render(request, "coordinator/_assignment_row_htmx.html", context)

    @staticmethod
    def done_message(assignment: Assignment) -> str:
        return _("%(worker)s: %(hours)s hours approved.") % {
            "worker": assignment.worker.display_name,
            "hours": number_format(assignment.approved_hours, 2),
        }


class WithdrawView(ReasonConfirmView):
    title = gettext_lazy("Take the worker off the gig")
    intro = gettext_lazy(
        "The worker is taken off the gig and the place is free again. Write why; the reason is kept in the history."
    )
    submit_label = gettext_lazy("Take off the gig")

    def get_object(self, request, pk):
        return assignment_get_for(user=request.user, pk=pk)

    def order_of(self, assignment):
        return assignment.gig.order

    def call(self, request, assignment, reason):
        services.assignment_withdraw(assignment_id=assignment.pk, by=request.user, reason=reason)
        return _("%(worker)s was taken off the gig.") % {"worker": assignment.worker.display_name}


class FeedbackRecordView(CoordinatorView):
    """Record feedback the client gave by phone or email, for one worker's approved work."""

    http_method_names = ["get", "post"]

    def page(self, request, assignment, form):
        context = {"a": assignment, "order": assignment.gig.order, "form": form}
        return render(request, "coordinator/feedback_record.html", context)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        assignment = assignment_get_for(user=request.user, pk=pk)
        return self.page(request, assignment, FeedbackForm(auto_id="feedback-%s"))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        assignment = assignment_get_for(user=request.user, pk=pk)
        form = FeedbackForm(request.POST, auto_id="feedback-%s")
        if not form.is_valid():
            return self.page(request, assignment, form)
        try:
            services.feedback_record(assignment_id=assignment.pk, by=request.user, **form.cleaned_data)
        except DomainError as err:
            messages.error(request, err.message)
            return redirect(_assignment_url(assignment))
        messages.success(
            request, _("Feedback for %(worker)s was recorded.") % {"worker": assignment.worker.display_name}
        )
        return redirect(_order_url(assignment.gig.order_id, "feedback"))
