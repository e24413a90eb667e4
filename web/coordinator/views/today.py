"""The coordinator's "Today" page and the actions taken straight from its rows.

Approving hours uses the order page's form and service (`ApproveForm`, `assignment_approve`): a
corrected number of hours needs a reason, and the service refuses what it refuses there. Sending
the terms again and cancelling are the order page's own views, with `next` back to Today; the
reminder is its own service. Each action answers with a message and goes back to Today.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from jobcenter.errors import DomainError
from orders import services
from orders.selectors import assignment_get_for, order_get_for
from orders.services.terms_reminder import order_remind_terms
from web.coordinator.forms import ApproveForm
from web.coordinator.today import today_for
from web.coordinator.views.assignments import ApproveView
from web.coordinator.views.base import CoordinatorView


def _today_url() -> str:
    return reverse("coordinator:today")


class TodayView(CoordinatorView):
    http_method_names = ["get", "head"]

    def get(self, request: HttpRequest) -> HttpResponse:
        today = today_for(user=request.user)
        return render(
            request, "coordinator/today.html", {"today": today, "today_url": _today_url(), "menu_count": today.total}
        )


class TodayApproveView(CoordinatorView):
    """Approve one worker's reported hours from Today's list (empty hours: as reported)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        assignment = assignment_get_for(user=request.user, pk=pk)
        form = ApproveForm(request.POST, auto_id=f"today-approve-{assignment.pk}-%s")
        if not form.is_valid():
            messages.error(
                request,
                " ".join(form.errors.get("hours", [])) or _("Check the hours and the reason."),
            )
            return redirect(f"{_today_url()}#to_approve")
        try:
            services.assignment_approve(
                assignment_id=assignment.pk,
                by=request.user,
                hours=form.cleaned_data["hours"],
                reason=form.cleaned_data["reason"],
            )
        except DomainError as err:
            messages.error(
                request,
                _("%(worker)s: %(error)s") % {"worker": assignment.worker.display_name, "error": err.message},
            )
        else:
            assignment.refresh_from_db(fields=["approved_hours"])
            messages.success(request, ApproveView.done_message(assignment))
        return redirect(f"{_today_url()}#to_approve")


class TodayRemindView(CoordinatorView):
    """Remind the client of terms not answered: a new link with a reminder's words."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        order = order_get_for(user=request.user, pk=pk)
        try:
            order_remind_terms(order_id=order.pk, by=request.user)
        except DomainError as err:
            messages.error(request, err.message)
        else:
            messages.success(
                request,
                _("Order %(number)s: a reminder of the terms was sent to %(email)s.")
                % {"number": order.number, "email": order.contact.email},
            )
        return redirect(f"{_today_url()}#terms_unanswered")
