"""Changing an order after it was sent: cancelling one gig, changing a gig's date, time, hours or
places, and changing the order's task and place. Until the work is done; each change in the order's
history (which field, old and new) and everyone concerned told by email in their own language
(`orders.selectors.changes` says who).

A cancelled gig is kept and marked (`Gig.cancelled_at`); it no longer counts as needing workers or
work (`Gig.objects.live()`), so an order whose other gigs are done moves on to done and approved, and
its work is invoiced.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jobcenter.errors import DomainError
from jobcenter.mail import queue_email
from orders import permissions
from orders.changes import change_line, stored_value
from orders.hours import parse_planned_hours
from orders.models import Assignment, AssignmentEvent, Gig, GigReminder, Order, OrderEvent, TaskType
from orders.selectors.changes import (
    Recipient,
    gig_cancel_recipients,
    gig_change_recipients,
    order_change_recipients,
)
from orders.services.common import _lock_order, _move_assignment, _order_event, _require, _require_reason
from orders.services.staffing import _order_advance
from orders.states import AssignmentStatus, OrderStatus
from workers.contact import tell_worker

ORDER_CHANGEABLE_STATES = OrderStatus.changeable_states
REASON_MAX_LENGTH = 500
# The email each one told gets, by their role (orders.selectors.changes).
CANCEL_EMAILS = {
    "worker": "gig_cancelled_worker",
    "staff": "gig_cancelled_unit",
    "unit": "gig_cancelled_unit",
    "client": "gig_cancelled_client",
}
CHANGE_EMAILS = {"worker": "gig_changed_worker", "staff": "gig_changed_unit", "client": "order_changed_client"}


def _require_state(order: Order, states, message: str) -> None:
    if order.status not in states:
        raise DomainError(message % {"number": order.number, "status": OrderStatus(order.status).label})


def _lock_gig(gig_id: int) -> tuple[Order, Gig]:
    """Lock the gig's order first, then the gig (the lock order every service keeps)."""
    order_id = Gig.objects.filter(pk=gig_id).values_list("order_id", flat=True).first()
    if order_id is None:
        raise DomainError(_("The gig no longer exists."))
    order = _lock_order(order_id)
    return order, Gig.objects.select_for_update().get(pk=gig_id)


def _has_work_done(gig: Gig) -> bool:
    return gig.assignments.filter(status__in=AssignmentStatus.work_done_states).exists()


def _tell(recipients: list[Recipient], *, codes: dict[str, str], context: dict, lines=None) -> None:
    """Queue one email per recipient (sent after commit); `codes` maps a role to its email code.
    `lines` (field, old, new) are written as change lines in each recipient's language."""
    for recipient in recipients:
        code = codes.get(recipient.role)
        if code is None:
            continue
        extra = {"recipient": recipient}
        if recipient.assignment is not None:
            extra.update(assignment=recipient.assignment, worker=recipient.assignment.worker)
            if context.get("gig") is None:
                extra["gig"] = recipient.assignment.gig
        if lines is not None:
            with translation.override(recipient.language):
                extra["changes"] = [change_line(*line) for line in lines]
        if recipient.role == "worker" and recipient.assignment is not None:
            tell_worker(recipient.assignment.worker, code=code, context={**context, **extra})  # email or text
        else:
            queue_email(to=recipient.email, code=code, language=recipient.language, context={**context, **extra})


# --- Cancelling one gig ---------------------------------------------------------------------------
@transaction.atomic
def gig_cancel(*, gig_id: int, by, reason: str) -> Gig:
    """The coordinator cancels one gig of an order, with a reason. Its open assignments (proposed,
    offered, accepted) are withdrawn; its workers, their units and the client are told. Refused
    once work on the gig is reported. Cancelling a cancelled gig changes nothing.

    Then the order moves on as its remaining gigs say: when their work is all done, it is done (and
    approved when the hours are), so the work done can be invoiced."""
    _require(permissions.can_coordinate(by))
    return _gig_cancel_unguarded(gig_id=gig_id, by=by, reason=reason)


def _gig_cancel_unguarded(*, gig_id: int, by, reason: str) -> Gig:
    """`gig_cancel` past its role guard, for a service whose own guard let `by` do it (a unit's
    staff on the dates of a repeating gig, `orders.services.series`). Call it inside that service's
    transaction; every other rule of `gig_cancel` applies."""
    order, gig = _lock_gig(gig_id)
    if gig.is_cancelled:
        return gig
    reason = _require_reason(reason, _("Write why the gig is cancelled."))
    if len(reason) > REASON_MAX_LENGTH:
        raise DomainError(_("Write the reason in at most %(count)s characters.") % {"count": REASON_MAX_LENGTH})
    _require_state(
        order,
        OrderStatus.gig_editable_states,
        _("Order %(number)s is “%(status)s”; its gigs can no longer be cancelled."),
    )
    _require_no_work_done(gig)
    _cancel_gig(order, gig, by=by, reason=reason, codes=CANCEL_EMAILS)
    return gig


def _require_no_work_done(gig: Gig) -> None:
    if _has_work_done(gig):
        # Reported work is approved and invoiced; cancelling the gig would lose it.
        raise DomainError(
            _("Work on this gig is already reported, so it cannot be cancelled. Approve the work that was done.")
        )


def _cancel_gig(
    order: Order,
    gig: Gig,
    *,
    by,
    reason: str,
    codes: dict[str, str],
    kind: str = OrderEvent.GIG_CANCELLED,
    params: dict | None = None,
    on_withdraw=None,
    gig_fields: tuple[str, ...] = (),
    context: dict | None = None,
) -> None:
    """The cancellation itself, for the coordinator's and the client's (`orders.services.client_cancel`),
    with the order and the gig locked and the guards passed: the open assignments withdrawn, the
    gig marked, the history written, the order moved on, the people told.

    `on_withdraw(assignment)` may set more fields on each assignment before it is withdrawn and
    returns their names; `gig_fields` are the gig's fields the caller set; `params` are more facts
    of the history row; `context` more of the emails'."""
    recipients = gig_cancel_recipients(gig=gig)
    open_assignments = Assignment.objects.select_for_update(of=("self",)).filter(
        gig=gig, status__in=AssignmentStatus.coming_states
    )
    for assignment in open_assignments.select_related("worker__user"):
        extra = list(on_withdraw(assignment)) if on_withdraw is not None else []
        _move_assignment(assignment, AssignmentStatus.WITHDRAWN, by=by, kind=AssignmentEvent.GIG_CANCELLED)
        assignment.save(update_fields=["status", *extra, "updated_at"])
        for recipient in recipients:
            if recipient.assignment is not None and recipient.assignment.pk == assignment.pk:
                # The emails say what the withdrawal set (a worker's minimum pay).
                for name in extra:
                    setattr(recipient.assignment, name, getattr(assignment, name))
    gig.cancelled_at = timezone.now()
    gig.cancelled_by = by
    gig.cancellation_reason = reason
    gig.save(update_fields=["cancelled_at", "cancelled_by", "cancellation_reason", *gig_fields, "updated_at"])
    _order_event(
        order,
        by=by,
        kind=kind,
        params={"date": gig.date.isoformat(), "time": gig.start_time.strftime("%H:%M"), **(params or {})},
        note=reason,
    )
    _order_advance(order, by=by)
    _tell(
        recipients,
        codes=codes,
        context={"order": order, "gig": gig, "reason": reason, **(context or {})},
    )


def order_offers_cancelling(order: Order) -> bool:
    """Every gig of the order is cancelled and no work was done: the coordinator is offered to
    cancel the whole order (the order's own cancellation)."""
    gigs = order.gigs.all()
    return (
        OrderStatus(order.status).can_move_to(OrderStatus.CANCELLED)
        and gigs.exists()
        and not gigs.live().exists()
        # A late cancellation's charge is invoiced: the order goes on to approved instead.
        and not gigs.filter(cancellation_charge__gt=0).exists()
        and not Assignment.objects.filter(gig__order=order, status__in=AssignmentStatus.work_done_states).exists()
    )


def _validate(obj, fields: list[str]) -> None:
    """Check only the changed fields (their length, their range); a refusal says what is wrong."""
    exclude = [f.name for f in type(obj)._meta.fields if f.name not in fields]
    try:
        obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as err:
        raise DomainError(" ".join(err.messages)) from None


# --- Changing a gig -------------------------------------------------------------------------------
@transaction.atomic
def gig_change(
    *,
    gig_id: int,
    by,
    date: dt.date,
    start_time: dt.time,
    planned_hours,
    workers_needed: int | None = None,
    notes: str | None = None,
) -> Gig:
    """The coordinator changes a gig's date, start time, planned hours, places or notes. Not once the order's
    work is done, not on a cancelled gig, and the date, time and hours not once work on the gig is
    reported; the places never below the workers who took the gig. Every changed field is a line in
    the order's history; the gig's workers, their staff and the client are told. Saving the same
    values changes nothing."""
    _require(permissions.can_coordinate(by))
    return _gig_change_unguarded(
        gig_id=gig_id,
        by=by,
        date=date,
        start_time=start_time,
        planned_hours=planned_hours,
        workers_needed=workers_needed,
        notes=notes,
    )


def _gig_change_unguarded(
    *,
    gig_id: int,
    by,
    date: dt.date,
    start_time: dt.time,
    planned_hours,
    workers_needed: int | None = None,
    notes: str | None = None,
) -> Gig:
    """`gig_change` past its role guard, for a service whose own guard let `by` do it (a unit's
    staff on the dates of a repeating gig, `orders.services.series`). Call it inside that service's
    transaction; every other rule of `gig_change` applies."""
    order, gig = _lock_gig(gig_id)
    _require_state(
        order,
        OrderStatus.gig_editable_states,
        _("Order %(number)s is “%(status)s”; its gigs can no longer be changed."),
    )
    if gig.is_cancelled:
        raise DomainError(_("The gig is cancelled, so it cannot be changed."))
    new = {
        "date": date,
        "start_time": start_time,
        "planned_hours": parse_planned_hours(planned_hours),
        "workers_needed": gig.workers_needed if workers_needed is None else int(workers_needed),
        "notes": gig.notes if notes is None else notes.strip(),
    }
    changed = [field for field, value in new.items() if getattr(gig, field) != value]
    if not changed:
        return gig
    timing = {"date", "start_time", "planned_hours"} & set(changed)
    if timing and _has_work_done(gig):
        raise DomainError(_("Work on this gig is already reported, so its date, time and hours stay as they are."))
    if "date" in changed and date < timezone.localdate():
        raise DomainError(_("The gig's date is in the past."))
    filled = gig.assignments.filter(status__in=AssignmentStatus.filling_states).count()
    if new["workers_needed"] < filled:
        raise DomainError(
            _("Workers who have taken the gig: %(count)s. It needs at least as many places.") % {"count": filled}
        )
    old_date = gig.date
    lines = [(field, stored_value(field, getattr(gig, field)), stored_value(field, new[field])) for field in changed]
    recipients = gig_change_recipients(gig=gig)
    for field in changed:
        setattr(gig, field, new[field])
    _validate(gig, changed)
    gig.save(update_fields=[*changed, "updated_at"])
    if {"date", "start_time"} & set(changed):
        # The reminders sent were for the old time: the new time gets its own when they are due.
        GigReminder.objects.filter(assignment__gig=gig).delete()
    for field, old, value in lines:
        _order_event(
            order,
            by=by,
            kind=OrderEvent.GIG_CHANGED,
            params={"date": old_date.isoformat(), "field": field, "old": old, "new": value},
        )
    if "workers_needed" in changed:
        # Fewer places may complete the staffing (or the work); more send the order back to staffing.
        _order_advance(order, by=by)
    # The places are the coordinator's and the units' business; the rest the people going must know.
    told_lines = [line for line in lines if line[0] != "workers_needed"]
    if told_lines:
        _tell(
            recipients,
            codes=CHANGE_EMAILS,
            context={"order": order, "gig": gig},
            lines=told_lines,
        )
    return gig


# --- Changing the order ---------------------------------------------------------------------------
def _order_change(order: Order, *, by, new: dict) -> list[tuple[str, object, object]]:
    """Set the changed fields of `new` on the order, write each in the history; return the lines."""
    changed = [field for field, value in new.items() if getattr(order, field) != value]
    lines = []
    for field in changed:
        old = stored_value(field, getattr(order, field))
        setattr(order, field, new[field])
        lines.append((field, old, stored_value(field, new[field])))
    if not changed:
        return []
    _validate(order, changed)
    order.save(update_fields=[*changed, "updated_at"])
    for field, old, value in lines:
        _order_event(order, by=by, kind=OrderEvent.ORDER_CHANGED, params={"field": field, "old": old, "new": value})
    return lines


def _lock_changeable_order(order_id: int, by) -> Order:
    _require(permissions.can_coordinate(by))
    order = _lock_order(order_id)
    _require_state(order, ORDER_CHANGEABLE_STATES, _("Order %(number)s is “%(status)s”; it can no longer be changed."))
    return order


def _tell_order_change(order: Order, lines) -> None:
    if lines:
        _tell(
            order_change_recipients(order=order),
            codes=CHANGE_EMAILS,
            context={"order": order, "gig": None},
            lines=lines,
        )


def _task_changes(order: Order, *, by, task_type_id: int | None, description: str) -> list:
    task_type = None
    if task_type_id is not None:
        task_type = TaskType.objects.filter(pk=task_type_id).first()
        if task_type is None or (not task_type.is_active and task_type_id != order.task_type_id):
            raise DomainError(_("Choose an active task type."))
    description = (description or "").strip()
    if not description:
        raise DomainError(_("Write what the task is."))
    return _order_change(order, by=by, new={"task_type": task_type, "description": description})


def _place_changes(order: Order, *, by, street_address: str, postal_code: str, city: str) -> list:
    new = {
        "street_address": (street_address or "").strip(),
        "postal_code": (postal_code or "").strip(),
        "city": (city or "").strip(),
    }
    if not new["street_address"] or not new["city"]:
        raise DomainError(_("Write the street address and the city."))
    return _order_change(order, by=by, new=new)


@transaction.atomic
def order_change_task(*, order_id: int, by, task_type_id: int | None, description: str) -> Order:
    """The coordinator corrects the order's task type and description (a wrong task type stays wrong
    otherwise). Until the work is done; the workers coming and the client are told."""
    order = _lock_changeable_order(order_id, by)
    _tell_order_change(order, _task_changes(order, by=by, task_type_id=task_type_id, description=description))
    return order


@transaction.atomic
def order_change_place(*, order_id: int, by, street_address: str, postal_code: str, city: str) -> Order:
    """The coordinator changes where the work is done. Until the work is done; the workers coming
    and the client are told."""
    order = _lock_changeable_order(order_id, by)
    lines = _place_changes(order, by=by, street_address=street_address, postal_code=postal_code, city=city)
    _tell_order_change(order, lines)
    return order


@transaction.atomic
def order_change(
    *,
    order_id: int,
    by,
    task_type_id: int | None,
    description: str,
    street_address: str,
    postal_code: str,
    city: str,
) -> Order:
    """The order's task and place changed at once (the order's edit page): each changed field in the
    history, and each person concerned told once of all of them."""
    order = _lock_changeable_order(order_id, by)
    lines = _task_changes(order, by=by, task_type_id=task_type_id, description=description)
    lines += _place_changes(order, by=by, street_address=street_address, postal_code=postal_code, city=city)
    _tell_order_change(order, lines)
    return order
