"""Reads of the dated rules: which price and which VAT rate hold on a given day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.utils import timezone

from billing.models import Invoice, InvoiceKind, InvoiceStatus, PriceList, VatRate
from jobcenter.errors import DomainError
from jobcenter.money import round_cents
from orders.models import Order, OrderStatus
from orders.permissions import can_coordinate


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


# --- Invoices -------------------------------------------------------------------------------------
def invoice_list_for(*, user):
    """Invoices the user may see: every invoice for a coordinator, none for anyone else (for now)."""
    qs = Invoice.objects.select_related("series", "client", "credits__series")
    return qs if can_coordinate(user) else qs.none()


def invoice_get_for(*, user, pk: int):
    return get_object_or_404(invoice_list_for(user=user), pk=pk)


def invoices_overdue(*, today: dt.date | None = None):
    """Issued invoices (not credit notes) whose due date has passed and that are not paid."""
    today = today or timezone.localdate()
    return (
        Invoice.objects.select_related("series", "client")
        .filter(kind=InvoiceKind.INVOICE, status=InvoiceStatus.ISSUED, due_date__lt=today)
        .order_by("due_date", "number")
    )


def orders_ready_to_invoice(*, user):
    """Approved orders that are on no invoice yet (coordinators only)."""
    if not can_coordinate(user):
        return Order.objects.none()
    return (
        Order.objects.select_related("client")
        .filter(status=OrderStatus.APPROVED)
        .exclude(invoices__kind=InvoiceKind.INVOICE)
        .order_by("pk")
    )
