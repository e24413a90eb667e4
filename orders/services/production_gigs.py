"""A production order's work becomes ordinary work: it is timed and priced, an `Order` is made for
it (the client accepts that order's terms as for any order), and the work is entered as that
order's gigs for the unit's workers. From there staffing, hours, invoicing and payment runs are the
order flow's own; nothing here sets an order's state, the order services do.

The hourly price is billing's (a dated price list), and orders may not read billing: the page that
records the pricing reads the price of the day and the service stores it as agreed with the client.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobcenter.errors import DomainError
from jobcenter.roles import is_coordinator
from orders.hours import MAX_HOURS_PER_GIG, MIN_PLANNED_HOURS
from orders.models import (
    ContractType,
    Gig,
    Order,
    OrderStatus,
    OrderStatusChange,
    ProductionOrder,
    ProductionStepKind,
    TaskType,
)
from orders.services import staffing, terms
from orders.services.common import _require
from orders.services.production import _add_step, _lock, _require_next, _require_open, _staff_member

# A plan with more gigs than this is a typing error (minutes instead of hours, one worker for a year).
MAX_PLANNED_GIGS = 200
QUARTER = Decimal("0.25")


def production_total_hours(items) -> Decimal | None:
    """The hours of work of all the items (minutes per item x quantity), rounded up to the cent of an
    hour; None while an item is not timed."""
    items = list(items)
    if not items or any(item.minutes_per_item is None for item in items):
        return None
    minutes = sum((item.minutes_per_item * item.quantity for item in items), Decimal(0))
    return (minutes / 60).quantize(Decimal("0.01"), rounding=ROUND_CEILING)


# --- Timing and pricing ---------------------------------------------------------------------------
@transaction.atomic
def production_price(
    *,
    production_order_id: int,
    by,
    done_on: dt.date,
    minutes: Mapping[int, Decimal],
    contract_type: str,
    hourly_price: Decimal,
    owner_user_id: int | None = None,
    note: str = "",
):
    """Record the timing (minutes per item) and the hourly price agreed with the client."""
    production_order = _lock(production_order_id)
    _require(is_coordinator(by))
    _require_open(production_order)
    _require_next(production_order, ProductionStepKind.PRICED)
    if contract_type not in ContractType.values:
        raise DomainError(_("Choose a contract option."))
    try:
        price = Decimal(hourly_price).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, TypeError, ValueError):
        raise DomainError(_("Write the hourly price in euros, e.g. 14,50.")) from None
    if price < 0:
        raise DomainError(_("Write the hourly price in euros, e.g. 14,50."))
    items = list(production_order.items.select_for_update())
    for item in items:
        value = minutes.get(item.pk)
        if value is None or value <= 0:
            raise DomainError(_("Write the minutes of work for “%(item)s”.") % {"item": item.name})
        item.minutes_per_item = Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        item.save(update_fields=["minutes_per_item"])
    production_order.contract_type = contract_type
    production_order.agreed_hourly_price = price
    production_order.save(update_fields=["contract_type", "agreed_hourly_price", "updated_at"])
    owner = _staff_member(production_order, owner_user_id) if owner_user_id else None
    return _add_step(production_order, ProductionStepKind.PRICED, by=by, done_on=done_on, owner_user=owner, note=note)


# --- The order of the gigs ------------------------------------------------------------------------
def _order_description(production_order: ProductionOrder) -> str:
    rows = ", ".join(f"{item.name} {item.quantity} {item.unit_label}" for item in production_order.items.all())
    parts = [rows, production_order.description.strip()]
    return "\n\n".join(part for part in parts if part)


@transaction.atomic
def production_create_order(*, production_order_id: int, by, task_type_id: int | None = None) -> Order:
    """Make the order of the gigs from a priced production order and send its terms to the client.

    The gigs can be entered once the client has accepted the terms (as with any order). The task
    type (e.g. sewing) is optional, as on the public order form."""
    production_order = _lock(production_order_id)
    _require(is_coordinator(by))
    _require_open(production_order)
    _require_next(production_order, ProductionStepKind.PRODUCED)
    existing = production_order.order
    if existing is not None and existing.status != OrderStatus.CANCELLED:
        raise DomainError(
            _("Production order %(number)s already has its order %(order)s.")
            % {"number": production_order.number, "order": existing.number}
        )
    hours = production_total_hours(production_order.items.all())
    if hours is None or not production_order.contract_type:
        raise DomainError(_("Time and price the work first."))
    unit = production_order.unit
    order = Order(
        client=production_order.client,
        contact=production_order.contact,
        task_type=TaskType.objects.filter(pk=task_type_id).first() if task_type_id else None,
        title=production_order.title,
        description=_order_description(production_order),
        street_address=unit.street_address or unit.name,
        postal_code=unit.postal_code,
        city=unit.city or "Helsinki",
        estimated_hours=max(hours, MIN_PLANNED_HOURS),
        hours_indicative=True,
        contract_type=production_order.contract_type,
        language=production_order.client.language,
        status=OrderStatus.SUBMITTED,
        submitted_at=timezone.now(),
        timing_notes=_("Made in the unit %(unit)s (production order %(number)s).")
        % {"unit": unit.name, "number": production_order.number},
    )
    order.full_clean(validate_unique=False)
    order.save()
    OrderStatusChange.objects.create(
        order=order,
        from_status="",
        to_status=OrderStatus.SUBMITTED,
        by=by,
        note=_("Made from production order %(number)s.") % {"number": production_order.number},
    )
    production_order.order = order
    production_order.save(update_fields=["order", "updated_at"])
    return terms.order_send_terms(order_id=order.pk, by=by)


# --- The gigs -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class GigDraft:
    date: dt.date
    start_time: dt.time
    hours: Decimal
    workers: int


def _working_days(first: dt.date):
    day = first
    while True:
        if day.weekday() < 5:
            yield day
        day += dt.timedelta(days=1)


def production_gig_plan(
    *, total_hours: Decimal, first_date: dt.date, start_time: dt.time, hours_per_gig: Decimal, workers_per_gig: int
) -> list[GigDraft]:
    """The gigs that cover the work: one gig a working day from `first_date`, each of
    `hours_per_gig` hours for `workers_per_gig` workers; the last one as long as what is left
    (rounded up to a quarter of an hour)."""
    if not MIN_PLANNED_HOURS <= hours_per_gig <= MAX_HOURS_PER_GIG:
        raise DomainError(
            _("A gig is from %(min)s to %(max)s hours long.") % {"min": MIN_PLANNED_HOURS, "max": MAX_HOURS_PER_GIG}
        )
    if not 1 <= workers_per_gig <= 50:
        raise DomainError(_("A gig has from 1 to 50 workers."))
    if total_hours is None or total_hours <= 0:
        raise DomainError(_("Time and price the work first."))
    per_gig = hours_per_gig * workers_per_gig
    count = math.ceil(total_hours / per_gig)
    if count > MAX_PLANNED_GIGS:
        raise DomainError(
            _("That makes %(count)s gigs. Make the gigs longer or add workers (at most %(max)s gigs).")
            % {"count": count, "max": MAX_PLANNED_GIGS}
        )
    left = total_hours - per_gig * (count - 1)
    last = max(MIN_PLANNED_HOURS, ((left / workers_per_gig) / QUARTER).to_integral_value(ROUND_CEILING) * QUARTER)
    days = _working_days(first_date)
    return [
        GigDraft(
            date=next(days),
            start_time=start_time,
            hours=min(hours_per_gig, last) if index == count - 1 else hours_per_gig,
            workers=workers_per_gig,
        )
        for index in range(count)
    ]


@transaction.atomic
def production_produce(
    *,
    production_order_id: int,
    by,
    first_date: dt.date,
    start_time: dt.time,
    hours_per_gig: Decimal,
    workers_per_gig: int,
    note: str = "",
) -> list[Gig]:
    """Enter the planned gigs on the order of the gigs and tell the producing unit about them.

    Refused until the client has accepted the order's terms; the unit is informed (which moves the
    order to staffing) and each gig is entered by the order services."""
    production_order = _lock(production_order_id)
    _require(is_coordinator(by))
    _require_open(production_order)
    _require_next(production_order, ProductionStepKind.PRODUCED)
    order = production_order.order
    if order is None or order.status == OrderStatus.CANCELLED:
        raise DomainError(_("Make the order of the gigs first."))
    if order.status not in OrderStatus.gig_editable_states:
        if order.status in OrderStatus.awaiting_acceptance_states:
            raise DomainError(_("The gigs can be entered once the client has accepted the order's terms."))
        raise DomainError(
            _("Order %(number)s is “%(status)s”; no more gigs can be added.")
            % {"number": order.number, "status": OrderStatus(order.status).label}
        )
    plan = production_gig_plan(
        total_hours=production_total_hours(production_order.items.all()),
        first_date=first_date,
        start_time=start_time,
        hours_per_gig=hours_per_gig,
        workers_per_gig=workers_per_gig,
    )
    staffing.order_inform_units(order_id=order.pk, unit_ids=[production_order.unit_id], by=by)
    gigs = [
        staffing.gig_create(
            order_id=order.pk,
            by=by,
            date=draft.date,
            start_time=draft.start_time,
            planned_hours=draft.hours,
            workers_needed=draft.workers,
            notes=production_order.title,
        )
        for draft in plan
    ]
    _add_step(
        production_order,
        ProductionStepKind.PRODUCED,
        by=by,
        done_on=timezone.localdate(),
        note=note or _("%(count)s gigs on order %(order)s.") % {"count": len(gigs), "order": order.number},
    )
    return gigs
