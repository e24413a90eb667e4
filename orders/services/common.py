"""What every order service shares: the guarded moves of the two state machines, the row locks, the
role and reason checks, and links in the recipient's language."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from jobcenter.errors import ActionNotPermitted, DomainError, TransitionNotAllowed
from orders.models import Assignment, AssignmentStatusChange, Order, OrderStatusChange
from orders.states import ASSIGNMENT_TRANSITIONS, AssignmentStatus, OrderStatus, order_allows_assignment_move


# --- Transition helpers ---------------------------------------------------------------------------
def _check_order_move(order: Order, target: str) -> None:
    """Refuse a move that the order table does not allow, naming both states in words."""
    if not OrderStatus(order.status).can_move_to(target):
        raise TransitionNotAllowed(
            label=_("Order %(number)s") % {"number": order.number},
            current=OrderStatus(order.status).label,
            target=OrderStatus(target).label,
        )


def _move_order(order: Order, target: str, *, by, note: str = "", kind: str = "", params: dict | None = None) -> None:
    """`kind` and `params` say what happened (orders.models.history); `note` is only what a person typed."""
    _check_order_move(order, target)
    _order_event(order, by=by, target=target, note=note, kind=kind, params=params)
    order.status = target


def _order_event(order: Order, *, by, kind: str = "", params: dict | None = None, note: str = "", target: str = ""):
    """A line in the order's history; without `target` the order stays in its state (terms sent again...)."""
    return OrderStatusChange.objects.create(
        order=order,
        from_status=order.status,
        to_status=target or order.status,
        by=by,
        kind=kind,
        params=params or {},
        note=note,
    )


def _require_order_allows(order: Order, target: str, message: str) -> None:
    """Refuse an assignment move that the order's state does not allow (`message` has a %(status)s)."""
    if not order_allows_assignment_move(order.status, target):
        raise DomainError(message % {"status": OrderStatus(order.status).label})


def _move_assignment(
    assignment: Assignment,
    target: str,
    *,
    by,
    note: str = "",
    on_behalf: bool = False,
    kind: str = "",
    params: dict | None = None,
) -> None:
    if target not in ASSIGNMENT_TRANSITIONS[AssignmentStatus(assignment.status)]:
        raise TransitionNotAllowed(
            label=_("The assignment of %(worker)s") % {"worker": assignment.worker.display_name},
            current=AssignmentStatus(assignment.status).label,
            target=AssignmentStatus(target).label,
        )
    AssignmentStatusChange.objects.create(
        assignment=assignment,
        from_status=assignment.status,
        to_status=target,
        by=by,
        kind=kind,
        params=params or {},
        note=note,
        on_behalf=on_behalf,
    )
    assignment.status = target


def _require(condition: bool, message: str | None = None) -> None:
    if not condition:
        raise ActionNotPermitted(message)


def _require_reason(reason: str, message: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(message)
    return reason


def _lock_order(order_id: int) -> Order:
    try:
        return Order.objects.select_for_update().get(pk=order_id)
    except Order.DoesNotExist:
        raise DomainError(_("The order no longer exists.")) from None


def _lock_assignment(assignment_id: int) -> tuple[Order, Assignment]:
    """Lock the assignment's order first, then the assignment.

    Every service locks in the order order → gig → assignment, so two of them never deadlock.
    """
    order_id = Assignment.objects.filter(pk=assignment_id).values_list("gig__order_id", flat=True).first()
    if order_id is None:
        raise DomainError(_("The assignment no longer exists."))
    order = _lock_order(order_id)
    assignment = (
        Assignment.objects.select_for_update(of=("self",)).select_related("worker__user", "gig").get(pk=assignment_id)
    )
    return order, assignment


def _site_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _reverse_in(language: str, name: str, **kwargs) -> str:
    """A URL in the recipient's language (/sv/..., /en/...), not in the acting user's."""
    with translation.override(language):
        return reverse(name, kwargs=kwargs)
