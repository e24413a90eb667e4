"""After an invoice is issued: the credit note, the payment, the rendered PDF.

The invoice itself stays frozen; a correction is a credit note (a negative copy that refers to the
original), and only the payment status and the stored PDF change on the original.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from billing.models import Invoice, InvoiceKind, InvoiceLine, InvoiceStatus
from billing.pricing import round_cents
from billing.references import reference_number, rf_reference
from billing.services.common import event, lock_invoice, require_coordinator
from billing.services.issuing import _next_number, _queue_pdf
from jobcenter.errors import DomainError, TransitionNotAllowed
from orders.models import Order


@transaction.atomic
def credit_note_issue(*, invoice_id: int, by, reason: str, issue_date: dt.date | None = None) -> Invoice:
    """A credit note: a negative copy of the invoice that refers to it. The original is credited."""
    require_coordinator(by)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for the credit note."))
    # Lock the orders first (the same order as issuing), then the series, then the invoice.
    order_ids = list(Invoice.objects.filter(pk=invoice_id).values_list("orders__pk", flat=True))
    list(Order.objects.select_for_update().filter(pk__in=[pk for pk in order_ids if pk]).order_by("pk"))
    original = lock_invoice(invoice_id)
    if original.kind != InvoiceKind.INVOICE:
        raise DomainError(_("A credit note cannot be credited."))
    if original.status == InvoiceStatus.CREDITED:
        raise DomainError(_("This invoice has already been credited."))
    series, number = _next_number()
    issue_date = issue_date or timezone.localdate()
    reference = reference_number(str(number).rjust(3, "0"))
    lines = list(original.lines.all())
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
    credit.net, credit.vat, credit.gross = -original.net, -original.vat, -original.gross
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
            position=line.position,
            date=line.date,
            task=line.task,
            worker_count=line.worker_count,
            hours=-line.hours,
            unit_price=line.unit_price,
            vat_rate=line.vat_rate,
            net=-line.net,
            vat=-line.vat,
            gross=-line.gross,
        )
        for line in lines
    )
    credit.orders.set(original.orders.all())
    original.status = InvoiceStatus.CREDITED
    original.save(update_fields=["status", "updated_at"])
    event(original, "credited", by=by, note=f"{credit.display_number}: {reason}")
    event(credit, "issued", by=by, note=reason)
    _queue_pdf(credit)
    return credit


@transaction.atomic
def invoice_mark_paid(*, invoice_id: int, by, amount, paid_on: dt.date) -> Invoice:
    """Record the payment of an issued invoice (amount and date)."""
    require_coordinator(by)
    invoice = lock_invoice(invoice_id)
    if invoice.kind != InvoiceKind.INVOICE:
        raise DomainError(_("A credit note is not paid."))
    if invoice.status != InvoiceStatus.ISSUED:
        raise TransitionNotAllowed(
            label=_("Invoice %(number)s") % {"number": invoice.display_number},
            current=InvoiceStatus(invoice.status).label,
            target=InvoiceStatus.PAID.label,
        )
    try:
        amount = round_cents(Decimal(str(amount).replace(",", ".").strip()))
    except ArithmeticError:
        raise DomainError(_("Give the amount paid in euros, e.g. 18,20.")) from None
    if amount <= 0:
        raise DomainError(_("The amount paid must be more than zero."))
    if paid_on is None or paid_on > timezone.localdate():
        raise DomainError(_("Give the payment date; it cannot be in the future."))
    invoice.status = InvoiceStatus.PAID
    invoice.paid_at = paid_on
    invoice.paid_amount = amount
    invoice.save(update_fields=["status", "paid_at", "paid_amount", "updated_at"])
    event(invoice, "paid", by=by, note=f"{amount} € {paid_on:%d.%m.%Y}")
    return invoice


@transaction.atomic
def invoice_attach_pdf(*, invoice_id: int, content: bytes) -> Invoice | None:
    """Store the rendered PDF, once. None when another run stored it already."""
    invoice = Invoice.objects.select_for_update(skip_locked=True).filter(pk=invoice_id).first()
    if invoice is None or invoice.pdf:
        return None
    invoice.pdf.save(f"{invoice.display_number}.pdf", ContentFile(content), save=False)
    invoice.save(update_fields=["pdf", "updated_at"])
    event(invoice, "pdf", by=None)
    return invoice
