"""What every billing service shares: the coordinator check, the invoice's history, its row lock."""

from __future__ import annotations

from django.utils.translation import gettext as _

from billing.models import Invoice, InvoiceEvent
from jobcenter.errors import ActionNotPermitted, DomainError
from orders import permissions


def require_coordinator(by) -> None:
    if not permissions.can_coordinate(by):
        raise ActionNotPermitted


def event(invoice: Invoice, action: str, *, by, note: str = "", params: dict | None = None) -> None:
    """A line in the invoice's history: `action` (InvoiceAction) and its facts in `params`, written in
    the reader's language when shown; `note` only for what a person or another system wrote."""
    InvoiceEvent.objects.create(invoice=invoice, action=action, by=by, note=note, params=params or {})


def lock_invoice(invoice_id: int) -> Invoice:
    try:
        return Invoice.objects.select_for_update().get(pk=invoice_id)
    except Invoice.DoesNotExist:
        raise DomainError(_("The invoice no longer exists.")) from None
