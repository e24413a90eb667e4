"""The buttons of an order and of its assignments, derived from the transition tables of `orders.states`.

As django-oscar's `available_statuses()`: a button that moves the order (or the assignment) shows
exactly when the table allows its move from the current state, so a page never offers what the
service would refuse and never hides what it would allow. The other buttons (sending the terms
again, informing units, adding a gig, asking for feedback) follow the named groups that their
services check.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from orders.models import Assignment, Order
from orders.states import AssignmentStatus, OrderStatus, available_assignment_statuses, available_order_statuses


@dataclass(frozen=True)
class Action:
    """A button for an order: a POST form (`post=True`) or a link to a page or a part of the order's page."""

    label: str
    url: str
    post: bool = False
    primary: bool = False


def order_actions(order: Order, *, on_detail: bool = False) -> list[Action]:
    """The actions the order's state allows, most likely first. No queries.

    Approved orders have no button towards invoiced: only billing's issued invoice moves them."""
    pk = order.pk
    detail = reverse("coordinator:order", args=[pk])
    status = OrderStatus(order.status)
    moves = available_order_statuses(status)
    found: list[Action] = []
    if status == OrderStatus.SUBMITTED and order.client.awaits_client_check:
        # The terms wait for the coordinator's check of a client matched by business ID or email
        # (only a submitted order can be waiting, so other states never load the client).
        found.append(Action(_("Check the client"), f"{detail}#client-check", primary=True))
    elif OrderStatus.TERMS_SENT in moves:
        found.append(
            Action(_("Send terms"), reverse("coordinator:order-send-terms", args=[pk]), post=True, primary=True)
        )
    if status == OrderStatus.TERMS_SENT:
        # Not a move: the service sends the terms once more and the order stays where it is.
        found.append(Action(_("Send terms again"), reverse("coordinator:order-send-terms", args=[pk]), post=True))
    if status in OrderStatus.unit_informing_states:
        # Informing units is what an accepted order waits for: it moves the order to staffing.
        found.append(Action(_("Inform units"), f"{detail}#inform-units", primary=status == OrderStatus.TERMS_ACCEPTED))
    if status in OrderStatus.gig_editable_states:
        found.append(Action(_("Add a gig"), f"{detail}#add-gig"))
    if status in OrderStatus.work_states and not on_detail:
        # Primary when approving the hours is the order's next move (all work reported done).
        found.append(Action(_("Workers and hours"), f"{detail}#gigs", primary=OrderStatus.APPROVED in moves))
    if status in OrderStatus.feedback_request_states:
        found.append(Action(_("Request feedback"), reverse("coordinator:order-request-feedback", args=[pk]), post=True))
    if OrderStatus.CLOSED in moves:
        found.append(
            Action(_("Close the order"), reverse("coordinator:order-close", args=[pk]), post=True, primary=True)
        )
    if OrderStatus.REJECTED in moves:
        found.append(Action(_("Reject…"), reverse("coordinator:order-reject", args=[pk])))
    if OrderStatus.CANCELLED in moves:
        found.append(Action(_("Cancel…"), reverse("coordinator:order-cancel", args=[pk])))
    return found


def dress_assignment_actions(assignment: Assignment, *, order_status: str) -> Assignment:
    """What the coordinator may do with the assignment, from the assignment table narrowed by the
    order's state: `can_offer`, `can_approve`, `can_withdraw`. No queries."""
    moves = available_assignment_statuses(assignment.status, order_status=order_status)
    assignment.can_offer = AssignmentStatus.OFFERED in moves
    assignment.can_approve = AssignmentStatus.APPROVED in moves
    assignment.can_withdraw = AssignmentStatus.WITHDRAWN in moves
    return assignment
