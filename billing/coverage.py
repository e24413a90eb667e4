"""What the invoices cover of each order's work, and billing's answer to the order flow's question
"does an issued invoice cover this order?".

Each invoice line names its order (`InvoiceLine.order`) and a credit note's lines carry negative
hours for the same order and date, so what stands invoiced of an order's work on a date is the sum of
the hours of every line of that order and date, invoices and credit notes together. What is left to
invoice is the approved hours of the date minus that sum. A credit note therefore makes exactly the
hours it credits invoiceable again, and an invoice credited in full (its credit notes sum to zero)
covers nothing.

Lines issued before the lines named their order, whose order could not be told from the invoice
(`billing/migrations/0007`), count for no order. An order listed on a standing invoice with such a
line is taken as fully invoiced, as it was before, so old collective invoices are never invoiced
twice.

`order_has_issued_invoice` is registered into `orders.hooks.invoice_covers_order` in
`BillingConfig.ready()`: the order services move an order to invoiced only when it says yes (and back
to approved only when it says no), so no page, admin action or seed can mark an order invoiced
without the invoices that the state stands for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum

from billing.cancellation import charges_to_invoice
from billing.models import Invoice, InvoiceKind, InvoiceLine, InvoiceStatus
from orders.models import Assignment, AssignmentStatus, Gig, Order

# An invoice that stands, in full or in part. A credited one no longer does, and a credit note never does.
STANDING = (InvoiceStatus.ISSUED, InvoiceStatus.PAID, InvoiceStatus.PARTLY_CREDITED)
NO_HOURS = Decimal("0.00")


@dataclass(frozen=True)
class WorkToInvoice:
    """Approved hours of one order on one work date that no standing invoice covers yet."""

    order_id: int
    date: dt.date
    hours: Decimal
    workers: int


def _legacy_covered(order_ids: list[int]) -> set[int]:
    """Orders on a standing invoice that has a line of no known order (issued before lines named it)."""
    return set(
        Order.objects.filter(
            pk__in=order_ids,
            invoices__kind=InvoiceKind.INVOICE,
            invoices__status__in=STANDING,
            invoices__lines__order__isnull=True,
        ).values_list("pk", flat=True)
    )


def invoiced_hours(order_ids: Iterable[int]) -> dict[tuple[int, dt.date], Decimal]:
    """Hours standing invoiced per (order, work date): invoice lines minus credit note lines."""
    rows = (
        # A late cancellation's charge is a line of its own gig (`billing.cancellation`), not work.
        InvoiceLine.objects.filter(order_id__in=list(order_ids), gig__isnull=True)
        .values("order_id", "date")
        .annotate(hours=Sum("hours"))
        .order_by()
    )
    return {(row["order_id"], row["date"]): row["hours"] or NO_HOURS for row in rows}


def work_to_invoice(order_ids: Iterable[int]) -> list[WorkToInvoice]:
    """Per order and work date, the approved hours that are not invoiced yet (net of credit notes).

    Three queries however many orders: the approved work, the invoiced hours, the old lines."""
    ids = list(order_ids)
    if not ids:
        return []
    approved = (
        Assignment.objects.filter(gig__order_id__in=ids, status__in=AssignmentStatus.billable_states)
        .values("gig__order_id", "gig__date")
        .annotate(hours=Sum("approved_hours"), workers=Count("worker", distinct=True))
        .order_by("gig__order_id", "gig__date")
    )
    invoiced = invoiced_hours(ids)
    legacy = _legacy_covered(ids)
    left = []
    for row in approved:
        order_id, day = row["gig__order_id"], row["gig__date"]
        if order_id in legacy or not row["hours"]:
            continue
        hours = row["hours"] - invoiced.get((order_id, day), NO_HOURS)
        if hours > 0:
            left.append(WorkToInvoice(order_id=order_id, date=day, hours=hours, workers=row["workers"]))
    return left


def hours_to_invoice(order) -> Decimal:
    """The order's approved hours that no standing invoice covers."""
    return sum((w.hours for w in work_to_invoice([order.pk])), NO_HOURS)


def standing_invoices(order):
    """The standing invoices with a line of the order's work (newest first)."""
    return (
        Invoice.objects.filter(orders=order, kind=InvoiceKind.INVOICE, status__in=STANDING)
        .filter(lines__date__in=Gig.objects.filter(order=order).values("date"))
        .distinct()
        .order_by("-issue_date", "-number")
    )


def order_has_issued_invoice(order) -> bool:
    """True if standing invoices cover all of the order's approved hours and late cancellations'
    charges (at least one invoice with a line of its work, and nothing left uninvoiced).

    Inside the issuing transaction the invoice, its lines and its order links are saved before the
    order is moved to invoiced, so the check sees them."""
    return standing_invoices(order).exists() and not work_to_invoice([order.pk]) and not charges_to_invoice([order.pk])
