"""The billing app's personal data: its inventory, its sections of the data export, its retention.

Registered in the kernel's privacy registry (`jobcenter.privacy`) when the app is ready.

Accounting records stay: invoices, invoice rows, their PDFs (client data, no worker health data) and
payouts with their amounts are never touched by the retention of a worker or a contact. Only the
worker's name and email on a payout and its statement PDF go, `JOBCENTER_RETENTION_ACCOUNTING_YEARS`
after the end of the payout's year (the bookkeeping period), once the worker is anonymised.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from billing.models import Payout, WorkerTaxInfo
from jobcenter.privacy import (
    FINANCIAL,
    PERSONAL,
    PUBLIC,
    latest,
    register_inventory,
    register_retention_activity,
    register_retention_step,
    register_retention_subject,
    register_section,
)
from workers.models import Worker
from workers.privacy import WORKER, worker_placeholder_name

P, PE, F = PUBLIC, PERSONAL, FINANCIAL

register_inventory(
    {
        "billing.PriceList": {
            "id": P,
            "valid_from": P,
            "valid_to": P,
            "source": P,
            "contract_type": P,
            "client_hourly_price": P,
            "worker_hourly_pay": P,
            "side_costs_hourly": P,
            "service_fee_hourly": P,
        },
        "billing.VatRate": {"id": P, "valid_from": P, "valid_to": P, "source": P, "rate": P},
        "billing.CancellationRule": {
            "id": P,
            "valid_from": P,
            "valid_to": P,
            "source": P,
            "late_window_hours": P,
            "client_charge_hours": P,
            "worker_minimum_hours": P,
            "confirmed": P,
        },
        "billing.PaymentSchedule": {
            "id": P,
            "valid_from": P,
            "valid_to": P,
            "source": P,
            "days_of_month": P,
            "last_working_day": P,
            "approval_lag_days": P,
        },
        "billing.InvoiceSeries": {"id": P, "code": P, "next_number": P},
        "billing.Invoice": {
            "id": P,
            "created_at": P,
            "updated_at": P,
            "series": P,
            "number": F,
            "kind": P,
            "credits": F,
            "credit_reason": F,
            "client": F,
            "seller_name": P,
            "seller_business_id": P,
            "seller_iban": P,
            "seller_bic": P,
            "seller_street": P,
            "seller_postal_code": P,
            "seller_city": P,
            "seller_vat_number": P,
            "seller_reference": F,
            "buyer_name": F,
            "buyer_business_id": F,
            "buyer_street": F,
            "buyer_postal_code": F,
            "buyer_city": F,
            "buyer_email": PE,
            "buyer_einvoice_address": F,
            "buyer_einvoice_operator": F,
            "client_reference": F,
            "buyer_agreement_identifier": F,
            "language": P,
            "issue_date": F,
            "due_date": F,
            "payment_term_days": F,
            "penalty_interest_note": P,
            "reference": F,
            "reference_rf": F,
            "net": F,
            "vat": F,
            "gross": F,
            "status": F,
            "paid_at": F,
            "paid_amount": F,
            "pdf": F,
            "emailed_at": F,
            "issued_by": PE,
            "orders": F,
        },
        "billing.InvoiceLine": {
            "id": P,
            "invoice": F,
            "position": P,
            "order": F,
            "credits_line": F,
            "gig": F,
            "date": F,
            "task": F,
            "worker_count": F,
            "hours": F,
            "unit_price": F,
            "vat_rate": F,
            "net": F,
            "vat": F,
            "gross": F,
        },
        "billing.InvoiceEvent": {"id": P, "invoice": F, "action": F, "params": F, "by": PE, "note": F, "at": F},
        # The e-invoice's delivery to the operator: about the invoice (a business record), no one's
        # personal data but the coordinator who sent it again.
        "billing.EInvoiceDispatch": {
            "id": P,
            "created_at": F,
            "updated_at": F,
            "invoice": F,
            "status": F,
            "attempts": F,
            "next_attempt_at": F,
            "sending_since": F,
            "sent_at": F,
            "message_id": F,
            "location": F,
            "last_error": F,
            "retried_at": F,
            "retried_by": PE,
        },
        "billing.YelLowerLimit": {
            "id": P,
            "year": P,
            "amount": P,
            "source": P,
            "source_url": P,
            "confirmed": P,
            "confirmation_note": P,
        },
        "billing.WorkerTaxInfo": {
            "id": P,
            "worker": PE,
            "withholding_percent": F,
            "in_prepayment_register": F,
            "valid_for_year": F,
            "updated_at": F,
            "updated_by": PE,
        },
        "billing.Payout": {
            "id": P,
            "worker": PE,
            "worker_name": PE,
            "worker_email": PE,
            "period_start": F,
            "period_end": F,
            "hours": F,
            "gross": F,
            "withholding_percent": F,
            "tax_withheld": F,
            "net": F,
            "language": PE,
            "created_by": PE,
            "created_at": F,
            "pdf": F,
            "run": F,
            "status": F,
            "payment_date": F,
            "iban": F,
            "bic": F,
            "end_to_end_id": F,
            "bank_status": F,
            "bank_reason_code": F,
            "bank_reason": F,
            "settled_at": F,
            "status_report": F,
        },
        "billing.PayoutLine": {
            "id": P,
            "payout": F,
            "assignment": PE,
            "delivery": PE,
            "quantity": F,
            "date": F,
            "task": F,
            "hours": F,
            "rate": F,
            "amount": F,
            "released": F,
            "is_cancellation_pay": F,
        },
    }
)

del P, PE, F


# --- Export sections ------------------------------------------------------------------------------
_TAX_LABELS = {
    "withholding_percent": _("Withholding %"),
    "in_prepayment_register": _("In the prepayment register"),
    "valid_for_year": _("Tax card year"),
}


@register_section("tax_info", _("Your tax information"), order=80, labels=_TAX_LABELS)
def _tax_info(worker: Worker) -> dict | None:
    info = WorkerTaxInfo.objects.filter(worker=worker).first()
    if info is None:
        return None
    return {
        "withholding_percent": info.withholding_percent,
        "in_prepayment_register": info.in_prepayment_register,
        "valid_for_year": info.valid_for_year,
        "updated_at": info.updated_at,
    }


_PAYOUT_LABELS = {
    "worker_name": _("Name"),
    "worker_email": _("Email"),
    "gross": _("Gross pay"),
    "withholding_percent": _("Withholding %"),
    "tax_withheld": _("Tax withheld"),
    "net": _("Net pay"),
    "lines": _("Rows"),
    "rate": _("Hourly pay"),
    "amount": _("Amount"),
}


@register_section("payouts", _("Your pay"), order=85, labels=_PAYOUT_LABELS)
def _payouts(worker: Worker) -> list[dict]:
    return [
        {
            "created_at": p.created_at,
            "period_start": p.period_start,
            "period_end": p.period_end,
            "worker_name": p.worker_name,
            "worker_email": p.worker_email,
            "hours": p.hours,
            "gross": p.gross,
            "withholding_percent": p.withholding_percent,
            "tax_withheld": p.tax_withheld,
            "net": p.net,
            "lines": [
                {"date": line.date, "task": line.task, "hours": line.hours, "rate": line.rate, "amount": line.amount}
                for line in p.lines.all()
            ],
        }
        for p in Payout.objects.filter(worker=worker).prefetch_related("lines").order_by("created_at", "pk")
    ]


# --- Retention ------------------------------------------------------------------------------------
# A payout is something the worker did: it keeps them for the worker retention period.
register_retention_activity(
    WORKER, "payouts", lambda: latest(Payout.objects.filter(worker=OuterRef("pk")), "created_at")
)

PAYOUT = "payout"
_ANONYMISED_PREFIX = "Anonymised worker #"  # how `worker_placeholder_name` starts


def payouts_past_accounting_retention(*, now: dt.datetime | None = None):
    """Payouts of anonymised workers from a year that ended more than the accounting period ago."""
    now = now or timezone.now()
    last_year_to_clear = timezone.localtime(now).year - settings.JOBCENTER_RETENTION_ACCOUNTING_YEARS - 1
    return (
        Payout.objects.filter(worker__anonymised_at__isnull=False, created_at__year__lte=last_year_to_clear)
        .exclude(worker_name__startswith=_ANONYMISED_PREFIX)
        .order_by("pk")
    )


def _lock_payout(pk: int) -> Payout | None:
    payout = Payout.objects.select_for_update().filter(pk=pk).first()
    return None if payout is None or payout.worker_name.startswith(_ANONYMISED_PREFIX) else payout


register_retention_subject(
    PAYOUT, order=20, count="payouts", due=lambda now: payouts_past_accounting_retention(now=now), lock=_lock_payout
)


@register_retention_step(
    PAYOUT, "worker_details", order=10, keeps="The payout, its rows and every amount; the worker by id only."
)
def _forget_payout_worker(job) -> None:
    """The worker's name and email leave the payout, and its statement PDF goes."""
    payout = job.row
    job.files += [payout.pdf.name] if payout.pdf else []
    Payout.objects.filter(pk=payout.pk).update(
        worker_name=worker_placeholder_name(payout.worker_id), worker_email="", pdf=""
    )
