"""What a client's cancellation of a gig costs, as the confirmation page shows it and the service
records it. The figures come from billing (the dated cancellation rule and the price list), which
the order flow may not import: billing registers its quote into `orders.hooks.cancellation_quoters`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from jobcenter.errors import DomainError
from orders import hooks

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class CancellationQuote:
    """A cancellation of `gig` at `at`: late or not, and when late, the client's charge (net of VAT,
    with the VAT of the gig's date) and each worker's minimum pay."""

    at: dt.datetime
    starts_at: dt.datetime
    late: bool
    window_hours: int
    workers: int  # the workers who had taken the gig
    charge_hours: Decimal  # in total, for all those workers
    unit_price: Decimal  # the client's hourly price of the gig's date, VAT 0 %
    charge: Decimal  # net
    vat_rate: Decimal
    charge_vat: Decimal
    worker_hours: Decimal  # each worker's
    worker_rate: Decimal
    worker_pay: Decimal  # each worker's
    source: str

    @property
    def charged(self) -> bool:
        """A charge is invoiced (late, and a worker had taken the gig)."""
        return self.late and self.charge > ZERO

    @property
    def charge_gross(self) -> Decimal:
        return self.charge + self.charge_vat


def quote_cancellation(gig, *, at: dt.datetime) -> CancellationQuote:
    """The registered quote of cancelling `gig` at `at`; refused when no app has registered one."""
    for quote in hooks.cancellation_quoters:
        return quote(gig, at=at)
    raise DomainError(_("The cancellation terms cannot be read now. Ask the coordinator to cancel the gig."))
