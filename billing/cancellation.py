"""A client's cancellation of a gig in money: the quote (late or not, the charge, each worker's
minimum) by the dated cancellation rule and the price list, and what of the charges is still to be
invoiced.

The order flow records the quote's figures on the gig and its assignments when the client cancels
(`orders.services.client_cancel`); from then on the invoice, the payment run and the foresight read
those frozen figures, never the rule again. A charge is invoiced as a line of its own that names the
cancelled gig (`InvoiceLine.gig`): its hours count apart from the hours of work, so a credit note
of the charge makes exactly the credited charge invoiceable again, as with work.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from billing.models import CancellationRule, InvoiceLine
from billing.pricing import ZERO, RateBook, hourly_amount, vat_of, worker_pay
from orders.cancellation import CancellationQuote
from orders.gig_times import gig_starts_at
from orders.models import AssignmentStatus, Gig


def rule_on(day: dt.date) -> CancellationRule | None:
    """The cancellation rule in force on `day` (the day of the cancellation), or None."""
    return CancellationRule.objects.valid_on(day).order_by("-valid_from").first()


def cancellation_quote(gig: Gig, *, at: dt.datetime, rates: RateBook | None = None) -> CancellationQuote:
    """What cancelling `gig` at `at` costs. Late (less than the rule's window before the start) and
    taken by workers: the client is charged the rule's hours per such worker at the gig's hourly
    price, and each worker is paid the rule's minimum hours at her hourly pay; both at most the
    gig's planned hours, at the prices of the gig's date. Otherwise nothing."""
    rates = rates or RateBook()
    starts_at = gig_starts_at(gig)
    rule = rule_on(timezone.localtime(at).date())
    late = rule is not None and starts_at - at < dt.timedelta(hours=rule.late_window_hours)
    workers = gig.assignments.filter(status=AssignmentStatus.ACCEPTED).count()
    contract = gig.order.contract_type
    vat_rate = rates.vat_rate(day=gig.date)
    unit_price = rates.client_hourly_price(contract_type=contract, day=gig.date)
    worker_rate = rates.worker_hourly_pay(contract_type=contract, day=gig.date) or ZERO
    charge_hours = worker_hours = ZERO
    if late and workers:
        charge_hours = min(rule.client_charge_hours, gig.planned_hours) * workers
        worker_hours = min(rule.worker_minimum_hours, gig.planned_hours)
    charge = hourly_amount(charge_hours, unit_price)
    return CancellationQuote(
        at=at,
        starts_at=starts_at,
        late=late,
        window_hours=rule.late_window_hours if rule is not None else 0,
        workers=workers,
        charge_hours=charge_hours,
        unit_price=unit_price,
        charge=charge,
        vat_rate=vat_rate,
        charge_vat=vat_of(charge, vat_rate),
        worker_hours=worker_hours,
        worker_rate=worker_rate,
        worker_pay=worker_pay(worker_hours, worker_rate) if worker_hours else ZERO,
        source=rule.source if rule is not None else "",
    )


@dataclass(frozen=True)
class ChargeToInvoice:
    """A late cancellation's charge (or what a credit note made invoiceable of it again)."""

    order_id: int
    gig_id: int
    date: dt.date
    hours: Decimal
    unit_price: Decimal
    workers: int


def charges_to_invoice(order_ids) -> list[ChargeToInvoice]:
    """The charged cancellations of these orders that no standing invoice covers, net of credit
    notes: the charged hours minus the hours of every line naming the gig. Two queries."""
    ids = list(order_ids)
    if not ids:
        return []
    gigs = list(
        Gig.objects.filter(order_id__in=ids, cancellation_charge__gt=0)
        .annotate(paid=Count("assignments", filter=Q(assignments__cancellation_pay__isnull=False)))
        .values_list("pk", "order_id", "date", "cancellation_charge_hours", "cancellation_charge_unit_price", "paid")
        .order_by("date", "pk")
    )
    if not gigs:
        return []
    invoiced = dict(
        InvoiceLine.objects.filter(gig_id__in=[g[0] for g in gigs])
        .values("gig_id")
        .annotate(hours=Sum("hours"))
        .order_by()
        .values_list("gig_id", "hours")
    )
    left = []
    for pk, order_id, day, hours, unit_price, workers in gigs:
        remaining = hours - (invoiced.get(pk) or ZERO)
        if remaining > 0:
            left.append(
                ChargeToInvoice(
                    order_id=order_id, gig_id=pk, date=day, hours=remaining, unit_price=unit_price, workers=workers
                )
            )
    return left


def register() -> None:
    """Billing's answer to the order flow's question "what would this cancellation cost?"."""
    from orders import hooks

    if cancellation_quote not in hooks.cancellation_quoters:
        hooks.cancellation_quoters.append(cancellation_quote)
