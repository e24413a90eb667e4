"""Reads of e-invoice dispatches for the coordinator's pages: the failed and the waiting ones next to
the failed emails, one dispatch for its resend page, and an invoice's dispatch state."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from billing.channels import EINVOICE, invoice_channel, invoice_channel_label
from billing.models import DispatchStatus, EInvoiceDispatch, Invoice
from jobcenter.errors import ActionNotPermitted
from orders.permissions import can_coordinate


def _dispatches():
    return EInvoiceDispatch.objects.select_related("invoice__series").defer("invoice__credit_reason")


def einvoice_dispatch_problems_for(*, user, limit: int = 200) -> dict[str, list[EInvoiceDispatch]]:
    """The e-invoices not sent: failed ones (newest first), then those waiting or being sent."""
    if not can_coordinate(user):
        raise ActionNotPermitted()
    waiting = [DispatchStatus.WAITING, DispatchStatus.SENDING]
    return {
        "failed": list(_dispatches().filter(status=DispatchStatus.FAILED).order_by("-updated_at", "-pk")[:limit]),
        "pending": list(_dispatches().filter(status__in=waiting).order_by("created_at", "pk")[:limit]),
    }


def einvoice_dispatch_get_for(*, user, pk: int) -> EInvoiceDispatch:
    """One dispatch for the coordinator's pages; anything else is a 404."""
    if not can_coordinate(user):
        raise Http404
    dispatch = _dispatches().filter(pk=pk).first()
    if dispatch is None:
        raise Http404
    return dispatch


@dataclass(frozen=True)
class DispatchState:
    """How an invoice is sent and how far it got, for the invoice page."""

    channel: str
    channel_label: str
    dispatch: EInvoiceDispatch | None


def invoice_dispatch_state(invoice: Invoice) -> DispatchState:
    channel = invoice_channel(invoice)
    dispatch = EInvoiceDispatch.objects.filter(invoice=invoice).first() if channel == EINVOICE else None
    return DispatchState(channel=channel, channel_label=invoice_channel_label(invoice), dispatch=dispatch)
