"""An order's page: its gigs and workers, the units informed, the history, the price."""

from __future__ import annotations

import itertools

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone

from benefits.models import CommissionWorkExplanation
from benefits.selectors import foresight_for_viewer_pairs
from billing.pricing import hourly_price_quote
from jobcenter.errors import DomainError
from orders.gig_times import gig_starts_at
from orders.models import Assignment, AssignmentStatus, ContractType, Order, OrderStatus
from orders.selectors import order_detail_for, order_history_for
from orders.selectors.worker_again import wishes_for_order
from web.coordinator.forms import ApproveForm, GigForm, InformUnitsForm
from web.coordinator.forms_clients import NewClientForm
from web.coordinator.views.actions import dress_assignment_actions, order_actions
from web.coordinator.views.base import ASSIGNMENT_TONES, STATUS_TONES, CoordinatorView
from web.coordinator.views.client_check import client_check_context


# --- An order's page ------------------------------------------------------------------------------
def _price(order: Order):
    """The client's hourly price on the first gig's day (or the preferred start, or today)."""
    day = getattr(order, "first_gig_date", None) or order.preferred_start or timezone.localdate()
    try:
        return hourly_price_quote(contract_type=order.contract_type, day=day)
    except DomainError:
        return None


def _unit_groups(order: Order, form: InformUnitsForm) -> list[dict]:
    """Active units by service; each says whether (when, by whom) it was informed of the order."""
    informed = {notice.unit_id: notice for notice in order.unit_notices.all()}
    chosen = {str(value) for value in (form.data.getlist("units") if form.is_bound else [])}
    units = list(form.fields["units"].queryset)
    return [
        {
            "service": service,
            "units": [{"unit": u, "notice": informed.get(u.pk), "checked": str(u.pk) in chosen} for u in group],
        }
        for service, group in itertools.groupby(units, key=lambda u: u.service)
    ]


def dress_assignment(assignment: Assignment, *, order_status: str, form: ApproveForm | None = None) -> Assignment:
    """An assignment row: its colour, its buttons (from the tables) and, if it may be approved, the form."""
    assignment.tone = ASSIGNMENT_TONES.get(assignment.status, "")
    dress_assignment_actions(assignment, order_status=order_status)
    if assignment.can_approve:
        assignment.approve_form = form or ApproveForm(
            auto_id=f"approve-{assignment.pk}-%s", initial={"hours": formats.localize_input(assignment.reported_hours)}
        )
    try:
        assignment.the_feedback = assignment.feedback
    except Assignment.feedback.RelatedObjectDoesNotExist:
        assignment.the_feedback = None
    return assignment


class OrderDetailView(CoordinatorView):
    http_method_names = ["get", "head"]

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        order = order_detail_for(user=request.user, pk=pk)
        return render(request, "coordinator/order_detail.html", order_page_context(request, order))


def _attach_benefit_foresight(request: HttpRequest, order: Order, gigs: list) -> None:
    """Each coming assignment gets `benefits` (the foresight as far as the worker's consent lets the
    coordinator see it) and `commission_explained`, in a constant number of queries."""
    # The assignments whose worker is still deciding or going: the ones the foresight is about.
    pairs = [(a.worker, gig) for gig in gigs for a in gig.rows if a.status in AssignmentStatus.coming_states]
    if not pairs:
        return
    found = foresight_for_viewer_pairs(user=request.user, pairs=pairs, path=request.path)
    explained = set()
    if order.contract_type == ContractType.COMMISSION:
        explained = set(
            CommissionWorkExplanation.objects.filter(assignment__gig__order=order).values_list(
                "assignment_id", flat=True
            )
        )
    for gig in gigs:
        for a in gig.rows:
            a.benefits = found.get((a.worker_id, gig.pk))
            a.commission_explained = a.pk in explained


# The newest changes shown on the order's page unless the whole history is asked for (?history=all).
HISTORY_SHOWN = 30


def _history(request: HttpRequest, order: Order) -> dict:
    """The order's history for its page: the newest `HISTORY_SHOWN` changes, or all of them."""
    if request.GET.get("history") == "all":
        return {"history": order_history_for(user=request.user, order=order), "history_cut": False}
    entries = order_history_for(user=request.user, order=order, latest=HISTORY_SHOWN)
    cut = len(entries) > HISTORY_SHOWN
    return {"history": entries[1:] if cut else entries, "history_cut": cut, "history_shown": HISTORY_SHOWN}


def order_page_context(
    request: HttpRequest,
    order: Order,
    *,
    gig_form: GigForm | None = None,
    new_client_form: NewClientForm | None = None,
) -> dict:
    gigs = list(order.gigs.all())
    gigs_editable = order.status in OrderStatus.gig_editable_states
    for gig in gigs:
        gig.rows = [dress_assignment(a, order_status=order.status) for a in gig.assignments.all()]
        # A gig with reported work stays: its work is approved and invoiced.
        work_done = any(a.status in AssignmentStatus.work_done_states for a in gig.rows)
        gig.can_cancel = gigs_editable and not gig.is_cancelled and not work_done
        gig.can_change = gigs_editable and not gig.is_cancelled
        # A message to everyone on it: a gig still ahead that somebody has taken.
        gig.can_message = (
            gig.can_change
            and gig.date >= timezone.localdate()
            and any(a.status == AssignmentStatus.ACCEPTED for a in gig.rows)
        )
        # Someone took the gig and then could not come, and the place is still open: find a stand-in.
        filled = sum(1 for a in gig.rows if a.status in AssignmentStatus.filling_states)
        gig.can_find_stand_in = (
            gig.can_change
            and gig.date >= timezone.localdate()
            and filled < gig.workers_needed
            and any(a.status == AssignmentStatus.CANT_COME for a in gig.rows)
        )
        # After the gig began, an accepted worker who did not come may be noted (without blame).
        started = timezone.now() >= gig_starts_at(gig)
        for row in gig.rows:
            row.can_note_no_show = started and row.status == AssignmentStatus.ACCEPTED
    approved = [a for gig in gigs for a in gig.rows if a.status in AssignmentStatus.billable_states]
    _attach_benefit_foresight(request, order, gigs)
    inform_form = InformUnitsForm(auto_id="inform-%s")
    return {
        "order": order,
        "tone": STATUS_TONES.get(order.status, ""),
        "actions": order_actions(order, on_detail=True),
        "gigs": gigs,
        "approved": approved,
        "notices": list(order.unit_notices.all()),
        "worker_again_wishes": wishes_for_order(order),  # clients' wishes for a worker again (one query)
        "can_inform": order.status in OrderStatus.unit_informing_states,
        "unit_groups": _unit_groups(order, inform_form) if order.status in OrderStatus.unit_informing_states else [],
        "can_add_gig": order.status in OrderStatus.gig_editable_states,
        "can_change_order": order.status in OrderStatus.changeable_states,
        # Every gig cancelled (so no work done on any): the order itself may be cancelled.
        "offer_cancelling": bool(gigs)
        and all(gig.is_cancelled for gig in gigs)
        and OrderStatus(order.status).can_move_to(OrderStatus.CANCELLED),
        "awaiting_acceptance": order.status in OrderStatus.awaiting_acceptance_states,
        "gig_form": gig_form or GigForm(auto_id="gig-%s"),
        **_history(request, order),
        "price": _price(order),
        "can_request_feedback": order.status in OrderStatus.feedback_request_states,
        # Its invoices and credit notes with their states (only once work is approved: one query).
        "invoices": list(order.invoices.select_related("series").order_by("issue_date", "number"))
        if order.status in OrderStatus.feedback_states
        else [],
        "can_invoice": order.status == OrderStatus.APPROVED,
        **client_check_context(order, new_form=new_client_form),
    }
