"""Payment runs, the workers' payment details and the Incomes Register reports: their inventory,
the payment details' section of the worker's data export, and their retention.

The bank account (IBAN, BIC) is financial data. The personal identity code is not special-category
data in the GDPR's sense, but the Data Protection Act (1050/2018, section 29) allows it only where
needed and protects it as such, so it is classified as special here: shown only to the paying
role in full, in a strong session, every read access-logged, never in an email.

The export shows the account and the code masked, as every page but the payer's does. The export
is the worker's copy, but a coordinator makes it too (for a worker who asks in person), and a
section cannot tell who is asking; in full it would show both values to a role that must not see
them. The masked values tell the worker which account and which code are on file; the worker
knows the full ones, and a wrong one is corrected by entering it again.

Retention: when a worker is anonymised, their payment details row is deleted; nothing else points
to it. What a payment needed stays frozen on the payment itself (the account on the payout, the
code on the Incomes Register report) for the accounting period, and the account leaves the
payout with the worker's name when that period is over.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from billing.models import Payout, WorkerPaymentDetails, mask_identity_code
from billing.privacy import PAYOUT
from billing.selectors_payment_details import masked_iban
from jobcenter.privacy import (
    FINANCIAL,
    PERSONAL,
    PUBLIC,
    SPECIAL,
    register_inventory,
    register_retention_step,
    register_section,
)
from workers.privacy import WORKER

P, PE, F, S = PUBLIC, PERSONAL, FINANCIAL, SPECIAL

register_inventory(
    {
        "billing.WorkerPaymentDetails": {
            "id": P,
            "worker": PE,
            "iban": F,
            "bic": F,
            "personal_identity_code": S,
            "updated_at": F,
            "updated_by": PE,
        },
        "billing.PaymentRun": {
            "id": P,
            "payment_date": F,
            "cutoff_date": F,
            "status": F,
            "created_by": PE,
            "created_at": F,
            "approved_by": PE,
            "approved_at": F,
            "discarded_by": PE,
            "discarded_at": F,
            "payment_count": F,
            "gross": F,
            "tax_withheld": F,
            "net": F,
            "message_id": F,
            "payer_name": P,
            "payer_business_id": P,
            "payer_iban": P,
            "payer_bic": P,
            "bank_file": F,
            "bank_file_sha256": F,
        },
        "billing.PaymentRunHold": {
            "id": P,
            "run": F,
            "worker": PE,
            "reason": F,
            "assignments": F,
            "hours": F,
            "gross": F,
        },
        "billing.BankStatusReport": {
            "id": P,
            "run": F,
            "message_id": F,
            "created_at_bank": F,
            "uploaded_by": PE,
            "uploaded_at": F,
            "file": F,
            "sha256": F,
            "paid": F,
            "rejected": F,
        },
        "billing.IncomesRegisterDelivery": {
            "id": P,
            "delivery_id": F,
            "payment_date": F,
            "created_at": F,
            "created_by": PE,
            "file": S,
            "sha256": F,
            "sent_at": F,
            "location": F,
            "last_error": F,
        },
        "billing.IncomesRegisterReport": {
            "id": P,
            "payout": F,
            "kind": F,
            "corrects": F,
            "report_id": F,
            "version": F,
            "payment_date": F,
            "due_date": F,
            "income_type": F,
            "amount": F,
            "tax_withheld": F,
            "earner_identity_code": S,
            "earner_name": PE,
            "reason": F,
            "status": F,
            "delivery": F,
            "created_at": F,
            "created_by": PE,
        },
    }
)

del P, PE, F, S


# --- Views that read the protected fields ---------------------------------------------------------
# The URL names of the pages that show a payment detail (masked, or in full to the payer). Each is
# never cached, hides the posted values from error reports, refuses anyone out of scope with a 404
# and writes an access-log row for every value shown in full (and a "denied" row for a refused
# look); tests/trust/test_payment_details_protection.py checks that no other page shows them.
SENSITIVE_VIEWS = ("payouts:payment-details", "units:worker-payment-details")


# --- Export section -------------------------------------------------------------------------------
_PAYMENT_DETAILS_LABELS = {
    "iban": _("Bank account (only the country and the last two digits)"),
    "bic": _("BIC of the bank"),
    "personal_identity_code": _("Personal identity code (only the date of birth)"),
}


@register_section("payment_details", _("Your bank account and identity code"), order=82, labels=_PAYMENT_DETAILS_LABELS)
def _payment_details(worker) -> dict | None:
    details = WorkerPaymentDetails.objects.filter(worker=worker).first()
    if details is None:
        return None
    return {
        "iban": masked_iban(details.iban),
        "bic": details.bic,
        "personal_identity_code": mask_identity_code(details.personal_identity_code),
        "updated_at": details.updated_at,
    }


# --- Retention ------------------------------------------------------------------------------------
@register_retention_step(
    WORKER, "payment_details", order=45, keeps="Nothing: the bank account and the identity code go."
)
def _delete_payment_details(job) -> None:
    """The worker's bank account and identity code are deleted with the rest of their profile.

    Payments already made keep their own frozen account and report (accounting records)."""
    WorkerPaymentDetails.objects.filter(worker=job.row).delete()


@register_retention_step(
    PAYOUT, "bank_account", order=20, keeps="The payment's date, state, amounts and bank status; not the account."
)
def _forget_payout_account(job) -> None:
    """The account a payment went to leaves it when the worker's name does (after the accounting period)."""
    Payout.objects.filter(pk=job.row.pk).update(iban="", bic="")
