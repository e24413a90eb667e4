"""Reads of the dated rules: which price and which VAT rate hold on a given day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from billing.models import PriceList, VatRate
from jobcenter.errors import DomainError
from jobcenter.money import round_cents


def price_list_on(*, contract_type: str, day: dt.date) -> PriceList:
    row = PriceList.objects.valid_on(day).filter(contract_type=contract_type).order_by("-valid_from").first()
    if row is None:
        raise DomainError(f"No price is in force for {contract_type} on {day:%d.%m.%Y}.")
    return row


def vat_rate_on(*, day: dt.date) -> Decimal:
    """The general VAT rate in percent on the supply date (the day the work is done)."""
    row = VatRate.objects.valid_on(day).order_by("-valid_from").first()
    if row is None:
        raise DomainError(f"No VAT rate is in force on {day:%d.%m.%Y}.")
    return row.rate


@dataclass(frozen=True)
class HourlyPriceQuote:
    contract_type: str
    day: dt.date
    net: Decimal  # excl. VAT
    vat_rate: Decimal  # percent
    vat: Decimal
    gross: Decimal  # incl. VAT
    worker_hourly_pay: Decimal


def hourly_price_quote(*, contract_type: str, day: dt.date) -> HourlyPriceQuote:
    """The client's hourly price on `day`: net, VAT and gross (VAT rounded half up to cents)."""
    price = price_list_on(contract_type=contract_type, day=day)
    rate = vat_rate_on(day=day)
    vat = round_cents(price.client_hourly_price * rate / Decimal(100))
    return HourlyPriceQuote(
        contract_type=contract_type,
        day=day,
        net=price.client_hourly_price,
        vat_rate=rate,
        vat=vat,
        gross=price.client_hourly_price + vat,
        worker_hourly_pay=price.worker_hourly_pay,
    )
