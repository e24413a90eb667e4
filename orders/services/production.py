"""Every write of a production order (tuotantotilaus): creating it, recording its steps one after
another, stopping it with a reason and reopening it. Pricing and producing it as the gigs of an
ordinary order are in `orders.services.production_gigs`.

Each function is one transaction. The production order's row is locked first (and, when an order
of the gigs exists, that order after it), so two people recording a step at the same moment record
it once: the second one finds the step done and is refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobcenter.errors import DomainError
from jobcenter.models import User
from jobcenter.roles import is_coordinator, is_unit_staff
from orders.models import (
    ClientContact,
    OrderStatus,
    ProductionItem,
    ProductionOrder,
    ProductionStep,
    ProductionStepKind,
    ProductionStop,
    StopReason,
)
from orders.models.production import STEPS_WITH_OWN_SERVICE, UNIT_RECORDED_STEPS
from orders.services import lifecycle
from orders.services.common import _require, _require_reason
from units.models import Unit


@dataclass(frozen=True)
class ItemRow:
    """One row of what is made, as typed: "puku", 30, "kpl"."""

    name: str
    quantity: int
    unit_label: str = "kpl"


# --- Who may do what ------------------------------------------------------------------------------
def can_record_step(user, production_order: ProductionOrder, step: str) -> bool:
    """The coordinator records every step; the producing unit's staff the prototype steps."""
    if is_coordinator(user):
        return True
    return step in UNIT_RECORDED_STEPS and is_unit_staff(user, production_order.unit_id)


def can_stop(user) -> bool:
    return is_coordinator(user)


def delivery_ready(production_order: ProductionOrder) -> bool:
    """The delivery can be recorded once the order of the gigs has all its work done (done,
    approved, invoiced or closed)."""
    order = production_order.order
    return order is not None and order.status in OrderStatus.feedback_states | {OrderStatus.DONE}


# --- Helpers --------------------------------------------------------------------------------------
def _lock(production_order_id: int) -> ProductionOrder:
    production_order = ProductionOrder.objects.select_for_update().filter(pk=production_order_id).first()
    if production_order is None:
        raise DomainError(_("The production order no longer exists."))
    return production_order


def _require_open(production_order: ProductionOrder) -> None:
    if production_order.stopped:
        raise DomainError(
            _("Production order %(number)s is stopped. Reopen it first.") % {"number": production_order.number}
        )


def _require_next(production_order: ProductionOrder, step: str) -> None:
    """Only the next step may be recorded: a step done twice, or skipped, is refused in words."""
    expected = production_order.next_step
    if expected is None:
        raise DomainError(_("Production order %(number)s is delivered.") % {"number": production_order.number})
    if step != expected:
        raise DomainError(
            _("The next step of production order %(number)s is “%(next)s”, not “%(step)s”.")
            % {
                "number": production_order.number,
                "next": expected.label,
                "step": ProductionStepKind(step).label,
            }
        )


def _check_date(production_order: ProductionOrder, done_on: dt.date) -> None:
    if done_on > timezone.localdate():
        raise DomainError(_("The date of the step is in the future."))
    last = production_order.steps.order_by("-done_on").values_list("done_on", flat=True).first()
    if last is not None and done_on < last:
        raise DomainError(
            _("The date cannot be before the previous step (%(date)s).") % {"date": last.strftime("%d.%m.%Y")}
        )


def _add_step(
    production_order: ProductionOrder,
    step: str,
    *,
    by,
    done_on: dt.date,
    owner_user=None,
    owner_contact: ClientContact | None = None,
    note: str = "",
) -> ProductionStep:
    _check_date(production_order, done_on)
    row = ProductionStep.objects.create(
        production_order=production_order,
        step=step,
        done_on=done_on,
        owner_user=None if owner_contact else (owner_user or by),
        owner_contact=owner_contact,
        note=(note or "").strip(),
        recorded_by=by,
    )
    production_order.current_step = step
    production_order.save(update_fields=["current_step", "updated_at"])
    return row


def _clean_items(items: Iterable[ItemRow]) -> list[ItemRow]:
    rows = []
    for item in items:
        name = " ".join((item.name or "").split())
        if not name:
            continue
        if not isinstance(item.quantity, int) or not 1 <= item.quantity <= 100000:
            raise DomainError(_("The quantity of “%(item)s” must be a whole number from 1.") % {"item": name})
        rows.append(
            ItemRow(name=name[:120], quantity=item.quantity, unit_label=(item.unit_label or "kpl").strip()[:20])
        )
    if not rows:
        raise DomainError(_("Write at least one item and how many are made."))
    return rows


# --- Creating -------------------------------------------------------------------------------------
@transaction.atomic
def production_order_create(
    *,
    by,
    contact_id: int,
    unit_id: int,
    title: str,
    items: Iterable[ItemRow],
    description: str = "",
    defined_on: dt.date | None = None,
    note: str = "",
) -> ProductionOrder:
    """The coordinator defines what the client orders (what, how many) from which unit."""
    _require(is_coordinator(by))
    title = _require_reason(title, _("Write what is made."))
    contact = ClientContact.objects.select_related("organisation").filter(pk=contact_id, is_active=True).first()
    if contact is None:
        raise DomainError(_("Choose the client's contact person."))
    if contact.organisation.match_candidate_id is not None:
        raise DomainError(_("Check the client first: it may be the same as an existing client."))
    unit = Unit.objects.active().filter(pk=unit_id).first()
    if unit is None:
        raise DomainError(_("Choose an active unit."))
    rows = _clean_items(items)
    production_order = ProductionOrder.objects.create(
        client=contact.organisation,
        contact=contact,
        unit=unit,
        title=title[:200],
        description=(description or "").strip(),
        current_step=ProductionStepKind.DEFINED,
        created_by=by,
    )
    ProductionItem.objects.bulk_create(
        ProductionItem(
            production_order=production_order,
            position=position,
            name=row.name,
            quantity=row.quantity,
            unit_label=row.unit_label,
        )
        for position, row in enumerate(rows)
    )
    ProductionStep.objects.create(
        production_order=production_order,
        step=ProductionStepKind.DEFINED,
        done_on=defined_on or timezone.localdate(),
        owner_user=by,
        note=(note or "").strip(),
        recorded_by=by,
    )
    return production_order


# --- Recording a step -----------------------------------------------------------------------------
@transaction.atomic
def production_step_record(
    *,
    production_order_id: int,
    step: str,
    by,
    done_on: dt.date,
    owner_user_id: int | None = None,
    owner_contact_id: int | None = None,
    note: str = "",
) -> ProductionStep:
    """Record the next step as done: the prototype steps, the client's acceptance, the delivery.

    The pricing and the gigs have services of their own (`production_price`, `production_produce`)."""
    if step not in ProductionStepKind.values:
        raise DomainError(_("Choose a step."))
    production_order = _lock(production_order_id)
    _require(can_record_step(by, production_order, step))
    _require_open(production_order)
    _require_next(production_order, step)
    if step in STEPS_WITH_OWN_SERVICE:
        raise DomainError(_("This step is recorded on a page of its own."))
    owner_user, owner_contact = None, None
    if step == ProductionStepKind.CLIENT_ACCEPTED:
        owner_contact = ClientContact.objects.filter(
            pk=owner_contact_id or production_order.contact_id, organisation_id=production_order.client_id
        ).first()
        if owner_contact is None:
            raise DomainError(_("Choose the client's contact person who accepted."))
    elif owner_user_id is not None:
        owner_user = _staff_member(production_order, owner_user_id)
    if step == ProductionStepKind.DELIVERED:
        if not delivery_ready(production_order):
            raise DomainError(_("The order can be delivered once all its gigs are done."))
    return _add_step(
        production_order, step, by=by, done_on=done_on, owner_user=owner_user, owner_contact=owner_contact, note=note
    )


def _staff_member(production_order: ProductionOrder, user_id: int):
    """The owner of a step is a coordinator or a staff member of the producing unit."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not (is_coordinator(user) or is_unit_staff(user, production_order.unit_id)):
        raise DomainError(_("Choose a coordinator or a staff member of the unit as the responsible person."))
    return user


# --- Stopping and reopening -----------------------------------------------------------------------
@transaction.atomic
def production_stop(*, production_order_id: int, by, reason: str, note: str) -> ProductionStop:
    """Stop the order at its current step, with a reason code and an explanation.

    An order of the gigs whose terms wait is cancelled with it. Once the gigs are made the work is
    the order's: it is cancelled (or finished) on the order's own page, not here."""
    _require(can_stop(by))
    if reason not in StopReason.values:
        raise DomainError(_("Choose the reason for stopping."))
    note = _require_reason(note, _("Write why the production order is stopped."))
    production_order = _lock(production_order_id)
    if production_order.stopped:
        raise DomainError(_("Production order %(number)s is already stopped.") % {"number": production_order.number})
    if production_order.current_step in (ProductionStepKind.PRODUCED, ProductionStepKind.DELIVERED):
        raise DomainError(
            _("The work of production order %(number)s is already in gigs. Cancel the order of the gigs instead.")
            % {"number": production_order.number}
        )
    stop = ProductionStop.objects.create(
        production_order=production_order,
        at_step=production_order.current_step,
        reason=reason,
        note=note,
        stopped_by=by,
    )
    production_order.stopped = True
    production_order.save(update_fields=["stopped", "updated_at"])
    order = production_order.order
    if order is not None and OrderStatus.CANCELLED in OrderStatus(order.status).next_states:
        lifecycle.order_cancel(order_id=order.pk, by=by, reason=note)
    return stop


@transaction.atomic
def production_reopen(*, production_order_id: int, by, note: str) -> ProductionOrder:
    """The coordinator reopens a stopped order; it goes on from the step where it stopped."""
    _require(is_coordinator(by))
    note = _require_reason(note, _("Write why the production order is reopened."))
    production_order = _lock(production_order_id)
    stop = production_order.stops.filter(reopened_at__isnull=True).select_for_update().first()
    if not production_order.stopped or stop is None:
        raise DomainError(_("Production order %(number)s is not stopped.") % {"number": production_order.number})
    stop.reopened_at = timezone.now()
    stop.reopened_by = by
    stop.reopen_note = note
    stop.save(update_fields=["reopened_at", "reopened_by", "reopen_note"])
    production_order.stopped = False
    production_order.save(update_fields=["stopped", "updated_at"])
    return production_order
