"""Turning a request down, cancelling an order, and the order's end: invoiced and closed."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from jobcenter.errors import DomainError
from orders import hooks, permissions
from orders.models import Assignment, AssignmentEvent, Order
from orders.services.common import (
    _check_order_move,
    _lock_order,
    _move_assignment,
    _move_order,
    _require,
    _require_reason,
)
from orders.states import AssignmentStatus, OrderStatus


# --- Order: rejecting, cancelling, closing --------------------------------------------------------
@transaction.atomic
def order_reject(*, order_id: int, by, reason: str) -> Order:
    """The coordinator turns a request down (e.g. not a task for the Jobcenter)."""
    _require(permissions.can_coordinate(by))
    reason = _require_reason(reason, _("Write why the request is turned down."))
    order = _lock_order(order_id)
    _move_order(order, OrderStatus.REJECTED, by=by, note=reason)
    order.closed_reason = reason
    order.save(update_fields=["status", "closed_reason", "updated_at"])
    return order


@transaction.atomic
def order_cancel(*, order_id: int, by, reason: str) -> Order:
    """Cancel an order before the work is done; open assignments are withdrawn with it."""
    order = _lock_order(order_id)
    _require(permissions.can_cancel_order(by, order))
    reason = _require_reason(reason, _("Write why the order is cancelled."))
    if Assignment.objects.filter(gig__order=order, status__in=AssignmentStatus.work_done_states).exists():
        # Done work must still be approved and invoiced; cancelling would lose it.
        raise DomainError(
            _(
                "Some work on this order is already done, so it cannot be cancelled. "
                "Withdraw the remaining workers instead, and approve the work that was done."
            )
        )
    _move_order(order, OrderStatus.CANCELLED, by=by, note=reason)
    order.closed_reason = reason
    order.save(update_fields=["status", "closed_reason", "updated_at"])
    open_assignments = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("worker__user")
        .filter(
            gig__order=order,
            status__in=AssignmentStatus.coming_states,
        )
    )
    for assignment in open_assignments:
        _move_assignment(assignment, AssignmentStatus.WITHDRAWN, by=by, kind=AssignmentEvent.ORDER_CANCELLED)
        assignment.save(update_fields=["status", "updated_at"])
    return order


@transaction.atomic
def order_mark_invoiced(*, order_id: int, by, note: str = "", kind: str = "", params: dict | None = None) -> Order:
    """Billing calls this after it has issued an invoice that lists the order.

    The invoiced state stands for that document, so the order moves only when a check registered in
    `orders.hooks.invoice_covers_order` (billing's) confirms an issued invoice covers it; with no
    check registered nothing can confirm it, and the move is refused too."""
    _require(permissions.can_coordinate(by))
    order = _lock_order(order_id)
    _check_order_move(order, OrderStatus.INVOICED)
    if not hooks.order_is_covered_by_invoice(order):
        raise DomainError(
            _("Order %(number)s has no issued invoice, so it cannot be marked invoiced. Issue its invoice in billing.")
            % {"number": order.number}
        )
    _move_order(order, OrderStatus.INVOICED, by=by, note=note, kind=kind, params=params)
    order.save(update_fields=["status", "updated_at"])
    return order


@transaction.atomic
def order_mark_uninvoiced(*, order_id: int, by, note: str = "", kind: str = "", params: dict | None = None) -> Order:
    """Billing calls this after a credit note made some of an invoiced order's work invoiceable again.

    The order goes back to approved, to be invoiced for what was credited. Refused while billing's
    check (`orders.hooks.invoice_covers_order`) still says standing invoices cover all its work."""
    _require(permissions.can_coordinate(by))
    order = _lock_order(order_id)
    _check_order_move(order, OrderStatus.APPROVED)
    if hooks.order_is_covered_by_invoice(order):
        raise DomainError(
            _("The invoices still cover all the work of order %(number)s, so it stays invoiced.")
            % {"number": order.number}
        )
    _move_order(order, OrderStatus.APPROVED, by=by, note=note, kind=kind, params=params)
    order.save(update_fields=["status", "updated_at"])
    return order


@transaction.atomic
def order_close(*, order_id: int, by, note: str = "") -> Order:
    """Close an invoiced order (paid, feedback recorded)."""
    _require(permissions.can_coordinate(by))
    order = _lock_order(order_id)
    _move_order(order, OrderStatus.CLOSED, by=by, note=note)
    order.save(update_fields=["status", "updated_at"])
    return order
