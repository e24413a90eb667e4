"""Staffing an order: informing units, entering gigs, and the order moving on as its gigs fill and finish."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from jobcenter.errors import DomainError, TransitionNotAllowed
from jobcenter.mail import queue_email
from orders import permissions
from orders.hours import parse_planned_hours
from orders.models import (
    Assignment,
    AssignmentEvent,
    AttendanceKind,
    AttendanceNote,
    Gig,
    Order,
    OrderEvent,
    OrderUnitNotice,
)
from orders.services.common import _lock_order, _move_assignment, _move_order, _require
from orders.states import AssignmentStatus, OrderStatus
from units.models import Unit


# --- Order: staffing ------------------------------------------------------------------------------
@transaction.atomic
def order_inform_units(*, order_id: int, unit_ids: Iterable[int], by) -> Order:
    """Tell units about the need. Moves an accepted order to staffing; adding units later is fine.

    Informing a unit twice changes nothing and sends no second email.
    """
    _require(permissions.can_coordinate(by))
    order = _lock_order(order_id)
    unit_ids = set(unit_ids)
    if not unit_ids:
        raise DomainError(_("Choose at least one unit."))
    units = list(Unit.objects.active().filter(pk__in=unit_ids))
    if len(units) != len(unit_ids):
        raise DomainError(_("One of the chosen units is not active."))
    if order.status == OrderStatus.TERMS_ACCEPTED:
        _move_order(
            order,
            OrderStatus.STAFFING,
            by=by,
            kind=OrderEvent.UNITS_INFORMED,
            params={"units": ", ".join(u.name for u in units)},
        )
        order.save(update_fields=["status", "updated_at"])
    elif order.status not in OrderStatus.unit_informing_states:
        if order.status in OrderStatus.awaiting_acceptance_states:
            raise DomainError(_("Units can be informed once the client has accepted the terms."))
        raise TransitionNotAllowed(
            label=_("Order %(number)s") % {"number": order.number},
            current=OrderStatus(order.status).label,
            target=OrderStatus.STAFFING.label,
        )
    already = set(order.unit_notices.values_list("unit_id", flat=True))
    for unit in units:
        if unit.pk in already:
            continue
        OrderUnitNotice.objects.create(order=order, unit=unit, informed_by=by)
        if unit.email:
            queue_email(to=unit.email, code="unit_informed", language="fi", context={"order": order, "unit": unit})
    return order


@transaction.atomic
def gig_create(
    *,
    order_id: int,
    by,
    date: dt.date,
    start_time: dt.time,
    planned_hours,
    workers_needed: int = 1,
    notes: str = "",
) -> Gig:
    """Enter a gig (date, start, hours, workers). Only for an order whose terms are accepted."""
    order = _lock_order(order_id)
    _require(permissions.can_enter_gigs(by, order))
    if order.status not in OrderStatus.gig_editable_states:
        if order.status in OrderStatus.awaiting_acceptance_states:
            raise DomainError(_("Gigs can be entered once the client has accepted the terms."))
        raise DomainError(
            _("Order %(number)s is “%(status)s”; no more gigs can be added.")
            % {"number": order.number, "status": OrderStatus(order.status).label}
        )
    if date < timezone.localdate():
        raise DomainError(_("The gig's date is in the past."))
    gig = Gig(
        order=order,
        date=date,
        start_time=start_time,
        planned_hours=parse_planned_hours(planned_hours),
        workers_needed=workers_needed,
        notes=notes.strip(),
    )
    gig.full_clean()
    gig.save()
    if order.status == OrderStatus.SCHEDULED:
        # A new gig needs workers, so the order is being staffed again.
        _move_order(order, OrderStatus.STAFFING, by=by, kind=OrderEvent.GIG_ADDED)
        order.save(update_fields=["status", "updated_at"])
    return gig


def _gig_filled_count(gig: Gig) -> int:
    return gig.assignments.filter(status__in=AssignmentStatus.filling_states).count()


def _order_advance(order: Order, *, by) -> None:
    """Move the order forward when its gigs say so (all staffed → scheduled → done → approved).

    Called at the end of every assignment transition, with the order row locked.
    """
    # A cancelled gig needs neither workers nor work: the order moves on without it. A place whose
    # worker did not come (a no-show, noted after the gig began) has gone by: nobody can be staffed
    # into it any more, so it counts as filled, or the order would wait in staffing for ever.
    no_shows = AttendanceNote.objects.filter(kind=AttendanceKind.NO_SHOW).values("assignment_id")
    gone_by = Q(assignments__status=AssignmentStatus.CANT_COME, assignments__in=no_shows)
    gigs = list(
        order.gigs.live().annotate(
            filled=Count(
                "assignments",
                filter=Q(assignments__status__in=AssignmentStatus.filling_states) | gone_by,
            ),
            accepted=Count("assignments", filter=Q(assignments__status=AssignmentStatus.ACCEPTED)),
            done=Count("assignments", filter=Q(assignments__status=AssignmentStatus.DONE)),
        )
    )
    if not gigs and not order.gigs.filter(cancellation_charge__gt=0).exists():
        return  # (with only late cancellations' charges left, it moves on to approved: they are invoiced)
    all_staffed = all(g.filled >= g.workers_needed for g in gigs)
    if order.status == OrderStatus.STAFFING and all_staffed:
        _move_order(order, OrderStatus.SCHEDULED, by=by, kind=OrderEvent.ALL_STAFFED)
    elif order.status == OrderStatus.SCHEDULED and not all_staffed:
        _move_order(order, OrderStatus.STAFFING, by=by, kind=OrderEvent.WORKER_NEEDED_AGAIN)
    if order.status == OrderStatus.SCHEDULED and not any(g.accepted for g in gigs):
        _move_order(order, OrderStatus.DONE, by=by, kind=OrderEvent.ALL_DONE)
        _withdraw_leftover_proposals(order, by=by)
    if order.status == OrderStatus.DONE and not any(g.done for g in gigs):
        _move_order(order, OrderStatus.APPROVED, by=by, kind=OrderEvent.ALL_APPROVED)
    order.save(update_fields=["status", "updated_at"])


def _withdraw_leftover_proposals(order: Order, *, by) -> None:
    leftovers = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("worker__user")
        .filter(gig__order=order, status__in=AssignmentStatus.undecided_states)
    )
    for assignment in leftovers:
        _move_assignment(assignment, AssignmentStatus.WITHDRAWN, by=by, kind=AssignmentEvent.GIG_FULL)
        assignment.save(update_fields=["status", "updated_at"])
