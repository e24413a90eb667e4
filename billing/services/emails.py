"""The invoice emails to the client: the invoice with its PDF once, and payment reminders."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from billing.channels import EMAIL, invoice_channel
from billing.models import Invoice
from billing.services.common import event, lock_invoice, require_coordinator
from jobcenter.errors import DomainError
from jobcenter.mail import queue_email
from jobcenter.models import OutboundEmail

EMAILED = "emailed"
REMINDED = "reminded"


def _email_context(invoice: Invoice) -> dict:
    iban = invoice.seller_iban
    return {
        "invoice": invoice,
        "number": invoice.display_number,
        "total": invoice.gross,
        "due_date": invoice.due_date,
        "reference": invoice.reference_grouped,
        "reference_rf": invoice.reference_rf,
        "iban": " ".join(iban[i : i + 4] for i in range(0, len(iban), 4)),
        "bic": invoice.seller_bic,
        "seller_name": invoice.seller_name,
    }


def _pdf_attachment(invoice: Invoice) -> list[tuple[str, bytes, str]]:
    if not invoice.pdf:
        return []
    with invoice.pdf.open("rb") as stored:
        return [(f"{invoice.display_number}.pdf", stored.read(), "application/pdf")]


@transaction.atomic
def invoice_email_queue(*, invoice_id: int) -> OutboundEmail | None:
    """Queue the invoice email with the PDF to the buyer's billing email, once per invoice.

    None when there is nothing to send: no PDF yet, not the email channel (an e-invoice client gets
    the Finvoice message instead, billing.channels; a credit note or no billing email), or already
    sent (`emailed_at`, read and stamped under the invoice's row lock, is the guard).
    """
    invoice = Invoice.objects.select_for_update().filter(pk=invoice_id).first()
    if invoice is None or not invoice.pdf or invoice_channel(invoice) != EMAIL:
        return None
    if invoice.emailed_at is not None:
        return None
    email = queue_email(
        to=invoice.buyer_email,
        code="invoice_sent",
        context=_email_context(invoice),
        language=invoice.language,
        attachments=_pdf_attachment(invoice),
    )
    invoice.emailed_at = timezone.now()
    invoice.save(update_fields=["emailed_at", "updated_at"])
    event(invoice, EMAILED, by=None, params={"email": invoice.buyer_email})
    return email


@transaction.atomic
def invoice_send_reminder(*, invoice_id: int, by) -> OutboundEmail:
    """Email a payment reminder of an overdue, unpaid invoice to the buyer's billing email."""
    require_coordinator(by)
    invoice = lock_invoice(invoice_id)
    if not invoice.is_overdue:
        raise DomainError(_("A reminder can be sent only for an overdue, unpaid invoice."))
    if not invoice.buyer_email:
        raise DomainError(_("The invoice has no billing email."))
    email = queue_email(
        to=invoice.buyer_email,
        code="invoice_reminder",
        context=_email_context(invoice),
        language=invoice.language,
        attachments=_pdf_attachment(invoice),
    )
    event(invoice, REMINDED, by=by, params={"email": invoice.buyer_email})
    return email


def invoice_last_reminder(invoice: Invoice) -> dt.datetime | None:
    event = invoice.events.filter(action=REMINDED).order_by("-at").first()
    return event.at if event else None
