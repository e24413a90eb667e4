"""Payment runs, the workers' payment details and the Incomes Register reports: their inventory.

The bank account (IBAN, BIC) is financial data. The personal identity code is not special-category
data in the GDPR's sense, but the Data Protection Act (1050/2018, section 29) allows it only where
needed and protects it as such, so it is classified as special here: shown only to the paying
role in full, in a strong session, every read access-logged, never in an email.
"""

from __future__ import annotations

from jobcenter.privacy import FINANCIAL, PERSONAL, PUBLIC, SPECIAL, register_inventory

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
