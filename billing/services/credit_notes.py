"""Credit notes: the whole invoice, or chosen lines and hours of it.

A credit note is a negative document that refers to the invoice it credits; each of its lines
refers to the invoice line it credits (`InvoiceLine.credits_line`), at that line's unit price and
VAT rate, for the same order and work date. What a line can still be credited is its hours less
what earlier credit notes credited of it; the guard runs under the original invoice's row lock, so
two credit notes at the same moment queue behind each other and cannot credit an hour twice.

The credit note's VAT is computed per rate on the rate's total, as an invoice's
(`billing.pricing.vat_by_rate`). The original becomes credited when nothing of it remains, partly
credited otherwise (a paid invoice stays paid). The credited hours are invoiceable again
(`billing.coverage`): an invoiced order with work left to invoice goes back to approved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from billing.coverage import hours_to_invoice
from billing.models import Invoice, InvoiceKind, InvoiceLine, InvoiceStatus, VatBreakdownRow
from billing.pricing import ZERO, line_amounts, vat_by_rate, vat_total
from billing.references import reference_number, rf_reference
from billing.services.common import event, lock_invoice, require_coordinator
from billing.services.issuing import _next_number, _queue_pdf, _require_valid_finvoice
from jobcenter.errors import DomainError
from orders.hooks import order_is_covered_by_invoice
from orders.models import Order, OrderEvent, OrderStatus
from orders.services import HOURS_STEP, order_mark_uninvoiced

CREDITABLE = (InvoiceStatus.ISSUED, InvoiceStatus.PAID, InvoiceStatus.PARTLY_CREDITED)


@dataclass(frozen=True)
class LineLeft:
    """What of an invoice line can still be credited."""

    line: InvoiceLine
    hours: Decimal
    net: Decimal
    vat: Decimal


@dataclass(frozen=True)
class CreditLineDraft:
    """One line of a credit note: negative hours and amounts of the line it credits."""

    credits: InvoiceLine
    hours: Decimal
    net: Decimal
    vat: Decimal

    @property
    def vat_rate(self) -> Decimal:
        return self.credits.vat_rate

    @property
    def gross(self) -> Decimal:
        return self.net + self.vat


@dataclass(frozen=True)
class CreditNoteDraft:
    invoice: Invoice
    lines: list[CreditLineDraft]
    vat_rows: list[VatBreakdownRow]
    net: Decimal
    vat: Decimal
    gross: Decimal
    credits_all: bool  # nothing of the invoice remains after it


def lines_left(invoice: Invoice) -> list[LineLeft]:
    """Each line of the invoice with the hours and amounts not credited yet (two queries)."""
    credited = {
        row["credits_line"]: row
        for row in InvoiceLine.objects.filter(credits_line__invoice=invoice)
        .values("credits_line")
        .annotate(hours=Sum("hours"), net=Sum("net"), vat=Sum("vat"))
        .order_by()
    }
    left = []
    for line in invoice.lines.order_by("position"):
        done = credited.get(line.pk, {})
        left.append(
            LineLeft(
                line=line,
                hours=line.hours + (done.get("hours") or ZERO),
                net=line.net + (done.get("net") or ZERO),
                vat=line.vat + (done.get("vat") or ZERO),
            )
        )
    return left


def _hours(value) -> Decimal:
    try:
        hours = Decimal(str(value).replace(",", ".").strip())
    except (InvalidOperation, ValueError):
        raise DomainError(_("Give the hours to credit as a number, e.g. 2,5.")) from None
    if hours != hours.quantize(HOURS_STEP):
        raise DomainError(_("Give the hours to credit with at most two decimals."))
    return hours


def credit_note_draft(invoice: Invoice, chosen: Mapping[int, object] | None = None) -> CreditNoteDraft:
    """The credit note of the chosen lines (line id → hours to credit), or of all that remains of
    the invoice when `chosen` is None. Refuses more than a line has left. Saves nothing."""
    if invoice.kind != InvoiceKind.INVOICE:
        raise DomainError(_("A credit note cannot be credited."))
    if invoice.status not in CREDITABLE:
        raise DomainError(_("This invoice has already been credited."))
    left = lines_left(invoice)
    if chosen is None:
        chosen = {item.line.pk: item.hours for item in left if item.hours > 0}
    by_pk = {item.line.pk: item for item in left}
    drafts = []
    for pk, value in chosen.items():
        item = by_pk.get(int(pk))
        if item is None:
            raise DomainError(_("That line is not on invoice %(number)s.") % {"number": invoice.display_number})
        hours = _hours(value)
        if hours <= 0:
            raise DomainError(_("Give more than zero hours to credit on row %(row)s.") % {"row": item.line.position})
        if hours > item.hours:
            raise DomainError(
                _("Row %(row)s has %(hours)s h left to credit; %(asked)s h is more than that.")
                % {"row": item.line.position, "hours": number_format(item.hours), "asked": number_format(hours)}
            )
        if hours == item.hours:
            # All that is left: the exact remaining amounts, so the credit notes of a line add up to
            # the line to the cent however its hours were split.
            net, vat = item.net, item.vat
        else:
            amounts = line_amounts(hours=hours, unit_price=item.line.unit_price, vat_rate=item.line.vat_rate)
            net, vat = amounts.net, amounts.vat
        drafts.append(CreditLineDraft(credits=item.line, hours=-hours, net=-net, vat=-vat))
    if not drafts:
        raise DomainError(_("Choose at least one row to credit."))
    drafts.sort(key=lambda d: d.credits.position)
    rows = vat_by_rate(drafts)
    net = sum((d.net for d in drafts), ZERO)
    vat = vat_total(rows)
    remaining = sum((item.hours for item in left), ZERO) + sum((d.hours for d in drafts), ZERO)
    return CreditNoteDraft(
        invoice=invoice, lines=drafts, vat_rows=rows, net=net, vat=vat, gross=net + vat, credits_all=remaining <= 0
    )


def _orders_back_to_approved(credit: Invoice, drafts: list[CreditLineDraft], *, by) -> None:
    """Invoiced orders with work left to invoice after the credit note go back to approved."""
    order_ids = sorted({d.credits.order_id for d in drafts if d.credits.order_id})
    for order in Order.objects.filter(pk__in=order_ids).order_by("pk"):
        if order.status != OrderStatus.INVOICED or order_is_covered_by_invoice(order):
            continue
        again = hours_to_invoice(order)
        order_mark_uninvoiced(
            order_id=order.pk,
            by=by,
            kind=OrderEvent.CREDITED_BACK,
            params={"credit": credit.display_number, "hours": str(again)},
        )


@transaction.atomic
def credit_note_issue(
    *,
    invoice_id: int,
    by,
    reason: str,
    lines: Mapping[int, object] | None = None,
    issue_date: dt.date | None = None,
) -> Invoice:
    """A credit note of the chosen lines and hours (`lines`: invoice line id → hours), or of all
    that remains of the invoice (`lines` None). Refused when it would credit more than is left."""
    require_coordinator(by)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for the credit note."))
    # Lock the orders first (the same order as issuing), then the series, then the invoice.
    order_ids = list(Invoice.objects.filter(pk=invoice_id).values_list("orders__pk", flat=True))
    list(Order.objects.select_for_update().filter(pk__in=[pk for pk in order_ids if pk]).order_by("pk"))
    series, number = _next_number()
    original = lock_invoice(invoice_id)
    # Under the invoice's lock: what earlier credit notes credited is committed and counted.
    draft = credit_note_draft(original, lines)
    issue_date = issue_date or timezone.localdate()
    reference = reference_number(str(number).rjust(3, "0"))
    credit = Invoice.objects.get(pk=original.pk)  # a copy of every frozen field
    credit.pk = credit.id = None
    credit._state.adding = True
    credit.series = series
    credit.number = number
    credit.kind = InvoiceKind.CREDIT_NOTE
    credit.credits = original
    credit.credit_reason = reason
    credit.issue_date = credit.due_date = issue_date
    credit.payment_term_days = 0
    credit.reference = reference
    credit.reference_rf = rf_reference(reference)
    credit.net, credit.vat, credit.gross = draft.net, draft.vat, draft.gross
    credit.status = InvoiceStatus.ISSUED
    credit.paid_at = credit.paid_amount = None
    credit.pdf = ""
    credit.emailed_at = None
    credit.issued_by = by
    credit.created_at = credit.updated_at = None
    credit.save()
    InvoiceLine.objects.bulk_create(
        InvoiceLine(
            invoice=credit,
            position=position,
            date=d.credits.date,
            task=d.credits.task,
            worker_count=d.credits.worker_count,
            hours=d.hours,
            unit_price=d.credits.unit_price,
            vat_rate=d.credits.vat_rate,
            net=d.net,
            vat=d.vat,
            gross=d.gross,
            order_id=d.credits.order_id,
            gig_id=d.credits.gig_id,
            credits_line=d.credits,
        )
        for position, d in enumerate(draft.lines, start=1)
    )
    credit.orders.set(original.orders.all())
    # A credit note goes to the buyer's system as an e-invoice too: checked like every invoice.
    _require_valid_finvoice(credit)
    if draft.credits_all:
        original.status = InvoiceStatus.CREDITED
    elif original.status != InvoiceStatus.PAID:
        original.status = InvoiceStatus.PARTLY_CREDITED
    original.save(update_fields=["status", "updated_at"])
    event(original, "credited", by=by, note=reason, params={"credit_note": credit.display_number})
    event(credit, "issued", by=by, note=reason)
    _orders_back_to_approved(credit, draft.lines, by=by)
    _queue_pdf(credit)
    return credit


def amount_due(invoice: Invoice) -> Decimal:
    """What the client still owes of an invoice: its total less what its credit notes credited."""
    credited = invoice.credit_notes.aggregate(total=Sum("gross"))["total"] or ZERO
    return invoice.gross + credited
