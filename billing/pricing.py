"""The one place for the money of work: the client's price, the worker's pay and the VAT of a date,
and the cent rounding that every page, document and the benefit foresight use.

Prices and VAT rates are dated rows (`PriceList` per contract type, `VatRate`), edited in the admin:
the figure that counts is the row in force on the day the work is done. Nothing else in the project
multiplies hours by a rate or rounds euros; it calls this module.

The cent rounding is half up (ROUND_HALF_UP), as Finnish invoices round each line: 0.25 h at
10.50 €/h is 2.625 €, which is 2.63 € (half-even would give 2.62). A gig's pay is rounded once, per
gig (as a fee statement line is); sums are sums of rounded gigs, never a rounded product of summed
hours, so a month's earnings, a payout and the foresight add up to the same euros as the gigs shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

from django.db.models import Case, DecimalField, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Round

from billing.models import PriceList, VatRate
from billing.models.invoices import VatBreakdownRow
from jobcenter.errors import DomainError
from orders.models import AssignmentStatus

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)
MONEY_FIELD = DecimalField(max_digits=12, decimal_places=2)
RATE_FIELD = DecimalField(max_digits=8, decimal_places=2)


# --- Rounding -------------------------------------------------------------------------------------
def round_cents(amount) -> Decimal:
    """Euros to the cent, half up: 2.625 -> 2.63, 3.465 -> 3.47."""
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def round_cents_sql(expression) -> Round:
    """The same rounding inside the database, for sums over many rows (the proposal page, YEL flags).

    SQL's ROUND rounds half away from zero, which is half up for the non-negative pay summed there;
    PostgreSQL computes it exactly on numeric, SQLite on floats with a guard for ties (its
    round(0.33 * 10.5, 2) is 3.47, as Python's half-up rounding of 3.465)."""
    return Round(expression, 2, output_field=MONEY_FIELD)


# --- The worker's pay -----------------------------------------------------------------------------
def hourly_amount(hours, per_hour) -> Decimal | None:
    """Hours × an amount per hour, rounded half up to cents; None when either is unknown."""
    if hours is None or per_hour is None:
        return None
    return round_cents(Decimal(hours) * Decimal(per_hour))


def worker_pay(hours, hourly_pay) -> Decimal | None:
    """The pay of one gig before tax: hours × the hourly pay of the gig's date, rounded half up.
    None when either is unknown (no hours yet, or no price in force on the date)."""
    return hourly_amount(hours, hourly_pay)


def counted_hours(*, status: str, approved_hours, reported_hours, planned_hours) -> Decimal | None:
    """The hours an assignment's pay counts: approved work its approved hours, work reported done
    its reported hours, anything still ahead (offered, accepted) the gig's planned hours."""
    if status == AssignmentStatus.APPROVED:
        hours = approved_hours
    elif status == AssignmentStatus.DONE:
        hours = reported_hours
    else:
        hours = planned_hours
    return Decimal(hours) if hours is not None else None


def counted_hours_sql(*, planned_hours: str = "gig__planned_hours") -> Case:
    """`counted_hours` of each assignment row in SQL (for sums over many assignments)."""
    return Case(
        When(status=AssignmentStatus.APPROVED, then=F("approved_hours")),
        When(status=AssignmentStatus.DONE, then=F("reported_hours")),
        default=F(planned_hours),
        output_field=MONEY_FIELD,
    )


def gig_counted_hours(gig) -> Decimal | None:
    """The hours of a gig read for its worker (`orders.selectors.gig_list_for_worker`, which gives the
    worker's own assignment status and hours) that its pay counts: the pages show these hours next
    to the pay, so the two always agree."""
    return counted_hours(
        status=getattr(gig, "assignment_status", None),
        approved_hours=getattr(gig, "approved_hours", None),
        reported_hours=getattr(gig, "reported_hours", None),
        planned_hours=gig.planned_hours,
    )


def gig_worker_pay(gig) -> Decimal | None:
    """The pay of such a gig, when it was read with `with_worker_hourly_pay`."""
    return worker_pay(gig_counted_hours(gig), getattr(gig, "worker_hourly_pay", None))


def with_worker_hourly_pay(gigs: QuerySet, *, date: str = "date", contract_type: str = "order__contract_type"):
    """Annotate each gig with `worker_hourly_pay`: the worker's hourly pay in force on the gig's date
    for its order's contract type (None when no price is in force). A correlated subquery on the
    small price list: the number of queries stays the same however many gigs are read."""
    rate = (
        PriceList.objects.valid_on(OuterRef(date))
        .filter(contract_type=OuterRef(contract_type))
        .order_by("-valid_from")
        .values("worker_hourly_pay")[:1]
    )
    return gigs.annotate(worker_hourly_pay=Subquery(rate, output_field=RATE_FIELD))


# --- Dated prices and VAT -------------------------------------------------------------------------
def _in_force(row, day: dt.date) -> bool:
    return row.valid_from <= day and (row.valid_to is None or row.valid_to >= day)


class RateBook:
    """The price list and the VAT rates, each read once (one query per table, on first use) and
    matched to dates in memory.

    Both tables hold a handful of dated rows, while an invoice run, a payout run or a foresight over
    hundreds of workers asks for the rates of many dates. A book lives for one request or one run
    (or one part of it), so a price edited later is read by the next one."""

    def __init__(self) -> None:
        self._prices: list[PriceList] | None = None
        self._vat_rates: list[VatRate] | None = None

    @property
    def prices(self) -> list[PriceList]:
        """Every price-list row, newest first."""
        if self._prices is None:
            self._prices = list(PriceList.objects.order_by("-valid_from", "-pk"))
        return self._prices

    @property
    def vat_rates(self) -> list[VatRate]:
        if self._vat_rates is None:
            self._vat_rates = list(VatRate.objects.order_by("-valid_from", "-pk"))
        return self._vat_rates

    def price_or_none(self, *, contract_type: str, day: dt.date) -> PriceList | None:
        for row in self.prices:
            if row.contract_type == contract_type and _in_force(row, day):
                return row
        return None

    def price(self, *, contract_type: str, day: dt.date) -> PriceList:
        """The price-list row in force on `day`; a DomainError when there is none."""
        row = self.price_or_none(contract_type=contract_type, day=day)
        if row is None:
            raise DomainError(f"No price is in force for {contract_type} on {day:%d.%m.%Y}.")
        return row

    def client_hourly_price(self, *, contract_type: str, day: dt.date) -> Decimal:
        return self.price(contract_type=contract_type, day=day).client_hourly_price

    def worker_hourly_pay(self, *, contract_type: str, day: dt.date) -> Decimal | None:
        """The worker's hourly pay on `day`, or None when no price is in force (the pages say so)."""
        row = self.price_or_none(contract_type=contract_type, day=day)
        return row.worker_hourly_pay if row is not None else None

    def vat_rate(self, *, day: dt.date) -> Decimal:
        """The general VAT rate in percent on the supply date (the day the work is done)."""
        for row in self.vat_rates:
            if _in_force(row, day):
                return row.rate
        raise DomainError(f"No VAT rate is in force on {day:%d.%m.%Y}.")

    def worker_hourly_pay_sql(self, *, date: str, contract_type: str) -> Case:
        """The worker's hourly pay of each row's date as an SQL expression (0 where no price is in
        force), from the rows already read: sums over many assignments need no join per price."""
        return Case(
            *[
                When(
                    Q(**{contract_type: row.contract_type, f"{date}__gte": row.valid_from})
                    & (Q(**{f"{date}__lte": row.valid_to}) if row.valid_to else Q()),
                    then=Value(row.worker_hourly_pay),
                )
                for row in self.prices
            ],
            default=Value(ZERO),
            output_field=RATE_FIELD,
        )


def vat_rate_on(*, day: dt.date) -> Decimal:
    """The general VAT rate in percent on the supply date (the day the work is done)."""
    return RateBook().vat_rate(day=day)


def worker_pay_sql(hours, *, rates: RateBook, date: str, contract_type: str) -> Round:
    """`worker_pay` as an SQL expression for each row: the row's hours × the hourly pay of its date,
    rounded half up to cents per row, ready to be summed."""
    pay = rates.worker_hourly_pay_sql(date=date, contract_type=contract_type)
    return round_cents_sql(hours * pay)


# --- The client's price and VAT -------------------------------------------------------------------
def vat_of(net: Decimal, rate: Decimal) -> Decimal:
    """The VAT of a net amount at `rate` percent, rounded half up (per invoice line)."""
    return round_cents(Decimal(net) * Decimal(rate) / HUNDRED)


@dataclass(frozen=True)
class LineAmounts:
    net: Decimal
    vat: Decimal

    @property
    def gross(self) -> Decimal:
        return self.net + self.vat


def line_amounts(*, hours: Decimal, unit_price: Decimal, vat_rate: Decimal) -> LineAmounts:
    """One invoice line: hours × unit price rounded half up, then its VAT rounded half up.

    The line's VAT is informative (the rows of the PDF and the Finvoice's RowVatAmount); the
    invoice's VAT is `vat_by_rate` of its lines."""
    net = hourly_amount(hours, unit_price)
    return LineAmounts(net=net, vat=vat_of(net, vat_rate))


class _VatLine(Protocol):
    vat_rate: Decimal
    net: Decimal


def vat_by_rate(lines: Iterable[_VatLine]) -> list[VatBreakdownRow]:
    """The VAT of an invoice or credit note, one row per rate (lowest rate first): the rate's net is
    the sum of its lines' (rounded) nets, its VAT that total × the rate rounded half up once, as
    EN 16931 and so Finvoice 3.0 compute it (BR-CO-17). Summing rounded line VATs misses by cents:
    lines of 10.88 € and 50.75 € at 25.5 % have VATs of 2.77 € and 12.94 € (15.71 €), while the VAT
    of their 61.63 € is 15.72 €.

    `lines` are anything with `vat_rate` and `net` (invoice lines, issuing's drafts, a credit
    note's lines). Negative lines (a credit note) give the exact negative of the positive figures:
    half up rounds halves away from zero. The invoice's `vat` is the sum of the rows' VAT and its
    `gross` net + VAT; the PDF, the pages and the Finvoice read these rows."""
    nets: dict[Decimal, Decimal] = {}
    for line in lines:
        rate = Decimal(line.vat_rate)
        nets[rate] = nets.get(rate, ZERO) + Decimal(line.net)
    rows = []
    for rate, net in sorted(nets.items()):
        vat = vat_of(net, rate)
        rows.append(VatBreakdownRow(rate=rate, net=net, vat=vat, gross=net + vat))
    return rows


def vat_total(rows: Iterable[VatBreakdownRow]) -> Decimal:
    """The invoice's VAT: the sum of `vat_by_rate`'s rows."""
    return sum((row.vat for row in rows), ZERO)


@dataclass(frozen=True)
class HourlyPriceQuote:
    contract_type: str
    day: dt.date
    net: Decimal  # excl. VAT
    vat_rate: Decimal  # percent
    vat: Decimal
    gross: Decimal  # incl. VAT
    worker_hourly_pay: Decimal


def hourly_price_quote(*, contract_type: str, day: dt.date, rates: RateBook | None = None) -> HourlyPriceQuote:
    """The client's hourly price on `day`: net, VAT and gross, as one hour on an invoice line."""
    rates = rates or RateBook()
    price = rates.price(contract_type=contract_type, day=day)
    rate = rates.vat_rate(day=day)
    amounts = line_amounts(hours=Decimal(1), unit_price=price.client_hourly_price, vat_rate=rate)
    return HourlyPriceQuote(
        contract_type=contract_type,
        day=day,
        net=amounts.net,
        vat_rate=rate,
        vat=amounts.vat,
        gross=amounts.gross,
        worker_hourly_pay=price.worker_hourly_pay,
    )
