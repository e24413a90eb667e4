"""Reads of the employer partners' invoices to clients (coordinators only; anyone else gets a 404)."""

from __future__ import annotations

from django.http import Http404

from billing.models import PartnerInvoice
from orders.permissions import can_coordinate


def partner_invoices_of(*, user, partner) -> list[PartnerInvoice]:
    if not can_coordinate(user):
        return []
    return list(PartnerInvoice.objects.filter(partner=partner).select_related("client").order_by("-period_month", "pk"))


def partner_invoice_get_for(*, user, pk: int) -> PartnerInvoice:
    invoice = (
        PartnerInvoice.objects.select_related("partner", "client").filter(pk=pk).first()
        if can_coordinate(user)
        else None
    )
    if invoice is None:
        raise Http404
    return invoice
