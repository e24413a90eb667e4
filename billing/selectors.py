"""Reads of invoices: the coordinator's lists, overdue invoices, orders waiting for their invoice.

Prices, pay and VAT of a date are read through `billing.pricing`."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from django.utils import timezone

from billing.models import Invoice, InvoiceKind, InvoiceStatus
from orders.models import ContractType, Order, OrderStatus
from orders.permissions import can_coordinate


# --- Invoices -------------------------------------------------------------------------------------
def invoice_list_for(*, user):
    """Invoices the user may see: every invoice for a coordinator, none for anyone else (for now)."""
    qs = Invoice.objects.select_related("series", "client", "credits__series")
    return qs if can_coordinate(user) else qs.none()


def invoice_get_for(*, user, pk: int):
    return get_object_or_404(invoice_list_for(user=user), pk=pk)


def invoices_overdue(*, today: dt.date | None = None):
    """Issued or partly credited invoices (not credit notes) whose due date has passed, not paid."""
    today = today or timezone.localdate()
    return (
        Invoice.objects.select_related("series", "client")
        .filter(
            kind=InvoiceKind.INVOICE,
            status__in=(InvoiceStatus.ISSUED, InvoiceStatus.PARTLY_CREDITED),
            due_date__lt=today,
        )
        .order_by("due_date", "number")
    )


def orders_ready_to_invoice(*, user):
    """Approved orders (coordinators only): each has approved hours not invoiced yet, never invoiced
    or credited back (a credit note returns the order to approved, `billing.coverage`)."""
    if not can_coordinate(user):
        return Order.objects.none()
    # Partner-model (employment) orders are invoiced by their employer partner, never here.
    return (
        Order.objects.select_related("client")
        .filter(status=OrderStatus.APPROVED, contract_type__in=ContractType.jobcenter_invoiced)
        .order_by("pk")
    )
