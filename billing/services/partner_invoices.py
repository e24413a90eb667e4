"""Following the employer partner's invoices to clients: recorded as received, then as paid.

The Jobcenter neither issues nor collects these invoices (the partner does); it records them so the
coordinator sees, per partner and client, which months are invoiced and paid."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from billing.models import PartnerInvoice, PartnerInvoiceStatus
from billing.pricing import round_cents
from billing.services.common import require_coordinator
from jobcenter.errors import DomainError
from orders.models import ClientOrganisation, ContractType, EmployerPartner, Order


@transaction.atomic
def partner_invoice_record_received(
    *,
    partner_id: int,
    client_id: int,
    year: int,
    month: int,
    invoice_number: str,
    amount,
    received_on: dt.date,
    by,
) -> PartnerInvoice:
    """Record the partner's invoice to a client for a month's work. Recording the same invoice
    number again returns the row already there (a double-click saves one)."""
    require_coordinator(by)
    partner = EmployerPartner.objects.filter(pk=partner_id).first()
    if partner is None:
        raise DomainError(_("The employer partner no longer exists."))
    client = ClientOrganisation.objects.filter(pk=client_id).first()
    if client is None:
        raise DomainError(_("The client no longer exists."))
    number = (invoice_number or "").strip()
    if not number:
        raise DomainError(_("Write the partner's invoice number."))
    try:
        period = dt.date(int(year), int(month), 1)
        amount = round_cents(Decimal(str(amount)))
    except (ValueError, TypeError, InvalidOperation):
        raise DomainError(_("Check the month and the amount.")) from None
    if amount <= 0:
        raise DomainError(_("The amount must be more than zero."))
    if received_on > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."))
    if not Order.objects.filter(
        employer_partner=partner, client=client, contract_type=ContractType.EMPLOYMENT
    ).exists():
        raise DomainError(
            _("%(partner)s has no employment orders of %(client)s.") % {"partner": partner.name, "client": client.name}
        )
    existing = PartnerInvoice.objects.filter(partner=partner, invoice_number=number).first()
    if existing is not None:
        if existing.client_id != client.pk or existing.period_month != period or existing.amount != amount:
            raise DomainError(
                _("Invoice %(number)s of %(partner)s is already recorded with other details.")
                % {"number": number, "partner": partner.name}
            )
        return existing
    try:
        with transaction.atomic():
            return PartnerInvoice.objects.create(
                partner=partner,
                client=client,
                period_month=period,
                invoice_number=number,
                amount=amount,
                status=PartnerInvoiceStatus.RECEIVED,
                received_on=received_on,
                received_recorded_by=by,
                received_recorded_at=timezone.now(),
            )
    except IntegrityError:
        raise DomainError(
            _("Invoice %(number)s of %(partner)s is already recorded.") % {"number": number, "partner": partner.name}
        ) from None


@transaction.atomic
def partner_invoice_mark_paid(*, invoice_id: int, paid_on: dt.date, by) -> PartnerInvoice:
    """The client paid the partner's invoice. Marking it paid twice is a no-op."""
    require_coordinator(by)
    invoice = PartnerInvoice.objects.select_for_update().filter(pk=invoice_id).first()
    if invoice is None:
        raise DomainError(_("The partner invoice no longer exists."))
    if invoice.status == PartnerInvoiceStatus.PAID:
        return invoice
    if paid_on > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."))
    if paid_on < invoice.received_on:
        raise DomainError(_("The payment date cannot be before the invoice was received."))
    invoice.status = PartnerInvoiceStatus.PAID
    invoice.paid_on = paid_on
    invoice.paid_recorded_by = by
    invoice.paid_recorded_at = timezone.now()
    invoice.save(update_fields=["status", "paid_on", "paid_recorded_by", "paid_recorded_at", "updated_at"])
    return invoice
