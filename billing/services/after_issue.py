"""After an invoice is issued: the payment and the rendered PDF (credit notes: `credit_notes`).

The invoice itself stays frozen; a correction is a credit note (`billing.services.credit_notes`),
and only the status and the stored PDF change on the original.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from billing.models import Invoice, InvoiceKind, InvoiceStatus
from billing.pricing import round_cents
from billing.services.common import event, lock_invoice, require_coordinator
from billing.services.credit_notes import credit_note_issue  # where it lived before: `services.credit_note_issue`
from jobcenter.errors import DomainError, TransitionNotAllowed

__all__ = ["credit_note_issue", "invoice_attach_pdf", "invoice_mark_paid"]


@transaction.atomic
def invoice_mark_paid(*, invoice_id: int, by, amount, paid_on: dt.date) -> Invoice:
    """Record the payment of an issued or partly credited invoice (amount and date; a partly
    credited one is due its total less its credit notes, `credit_notes.amount_due`)."""
    require_coordinator(by)
    invoice = lock_invoice(invoice_id)
    if invoice.kind != InvoiceKind.INVOICE:
        raise DomainError(_("A credit note is not paid."))
    if invoice.status not in (InvoiceStatus.ISSUED, InvoiceStatus.PARTLY_CREDITED):
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
    event(invoice, "paid", by=by, params={"amount": str(amount), "date": paid_on.isoformat()})
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
