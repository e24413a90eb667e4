"""What an order is estimated to cost, as the terms page shows it and the accepted terms record it.

The figures come from billing (the dated price list and VAT), which the order flow may not import:
billing registers its estimate into `orders.hooks.order_estimators`. The order flow only carries
them into the accepted terms' PDF.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from jobcenter.errors import DomainError
from orders import hooks


@dataclass(frozen=True)
class EstimateLine:
    """One work date: its gig (or the requested time when there are no gigs yet) at that date's price."""

    date: dt.date  # the work date whose price and VAT count
    start_time: dt.time | None  # None: no gig yet, the requested time
    hours: Decimal  # the hours of one worker on a gig; all workers' hours together without gigs
    workers: int
    total_hours: Decimal
    unit_price: Decimal | None  # the client's hourly price, VAT 0 %; None when no price is in force
    vat_rate: Decimal | None
    unit_price_gross: Decimal | None
    net: Decimal | None


@dataclass(frozen=True)
class EstimateVatRow:
    rate: Decimal
    net: Decimal
    vat: Decimal
    gross: Decimal


@dataclass(frozen=True)
class OrderEstimate:
    """The order's lines and, when every line has a price, its VAT rows and totals."""

    from_gigs: bool
    lines: list[EstimateLine]
    vat_rows: list[EstimateVatRow] = field(default_factory=list)
    net: Decimal | None = None
    vat: Decimal | None = None
    gross: Decimal | None = None

    @property
    def complete(self) -> bool:
        """Every work date has a price in force (otherwise the page says the price is still open)."""
        return bool(self.lines) and all(line.unit_price is not None for line in self.lines)


def estimate_order(order) -> OrderEstimate:
    """The registered estimate of `order`; refused when no app has registered one (the price could
    not be told, so the terms cannot be accepted with it)."""
    for estimate in hooks.order_estimators:
        return estimate(order)
    raise DomainError(_("The prices cannot be read now. Ask the coordinator to send the terms again."))
