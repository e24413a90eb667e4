"""An order's estimate: its work dates at the client's hourly price and the VAT of each date.

The terms page shows it before the client accepts, and the accepted terms' PDF keeps it. Each line
is rounded as an invoice line (hours × price, half up) and the VAT is computed per rate over the
lines, as the invoice will compute it (`billing.pricing.vat_by_rate`), so the estimate of work done
as planned is the invoice's figure.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from billing.pricing import RateBook, hourly_amount, line_amounts, vat_by_rate, vat_total
from jobcenter.errors import DomainError
from orders.estimate import EstimateLine, EstimateVatRow, OrderEstimate
from orders.models import Order


def _line(order: Order, rates: RateBook, *, day, start_time, hours, workers, total_hours) -> EstimateLine:
    try:
        unit_price = rates.client_hourly_price(contract_type=order.contract_type, day=day)
        vat_rate = rates.vat_rate(day=day)
    except DomainError:  # no price or VAT rate in force on the day: the page says the price is open
        return EstimateLine(day, start_time, hours, workers, total_hours, None, None, None, None)
    hour = line_amounts(hours=Decimal(1), unit_price=unit_price, vat_rate=vat_rate)
    return EstimateLine(
        date=day,
        start_time=start_time,
        hours=hours,
        workers=workers,
        total_hours=total_hours,
        unit_price=unit_price,
        vat_rate=vat_rate,
        unit_price_gross=hour.gross,
        net=hourly_amount(total_hours, unit_price),
    )


def order_estimate(order: Order, *, rates: RateBook | None = None) -> OrderEstimate:
    """The estimate of `order`: one line per live gig (its planned hours × its workers at the price
    of its date), or, before there are gigs, the order's hours of work in total at the price of the
    earliest requested date (today when none was asked for). Two queries (gigs, prices and VAT)."""
    rates = rates or RateBook()
    gigs = list(order.gigs.live().order_by("date", "start_time", "pk"))
    if gigs:
        lines = [
            _line(
                order,
                rates,
                day=gig.date,
                start_time=gig.start_time,
                hours=gig.planned_hours,
                workers=gig.workers_needed,
                total_hours=gig.planned_hours * gig.workers_needed,
            )
            for gig in gigs
        ]
    else:
        # The order form asks for all workers' hours together ("2 workers for 3 hours is 6 hours").
        day = order.preferred_start or timezone.localdate()
        hours = order.estimated_hours
        lines = [
            _line(order, rates, day=day, start_time=None, hours=hours, workers=order.workers_needed, total_hours=hours)
        ]
    estimate = OrderEstimate(from_gigs=bool(gigs), lines=lines)
    if not estimate.complete:
        return estimate
    rows = vat_by_rate(_Net(line.vat_rate, line.net) for line in lines)
    net = sum((row.net for row in rows), Decimal("0.00"))
    vat = vat_total(rows)
    return OrderEstimate(
        from_gigs=bool(gigs),
        lines=lines,
        vat_rows=[EstimateVatRow(rate=r.rate, net=r.net, vat=r.vat, gross=r.gross) for r in rows],
        net=net,
        vat=vat,
        gross=net + vat,
    )


class _Net:
    __slots__ = ("net", "vat_rate")

    def __init__(self, vat_rate: Decimal, net: Decimal) -> None:
        self.vat_rate = vat_rate
        self.net = net


def register() -> None:
    """Billing's answer to the order flow's question "what will this order cost?"."""
    from orders import hooks

    if order_estimate not in hooks.order_estimators:
        hooks.order_estimators.append(order_estimate)
