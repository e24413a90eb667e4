"""Billing's models: dated rules (prices, VAT, YEL limits), invoices, worker payouts and payment runs,
the workers' payment details, and the Incomes Register reports."""

from billing.models.dispatch import DispatchStatus, EInvoiceDispatch
from billing.models.incomes_register import (
    IncomesRegisterDelivery,
    IncomesRegisterReport,
    IncomesRegisterReportKind,
    IncomesRegisterReportStatus,
)
from billing.models.invoices import (
    Invoice,
    InvoiceEvent,
    InvoiceKind,
    InvoiceLine,
    InvoiceSeries,
    InvoiceStatus,
    VatBreakdownRow,
)
from billing.models.payment_details import WorkerPaymentDetails, mask_iban, mask_identity_code
from billing.models.payment_runs import BankStatusReport, HoldReason, PaymentRun, PaymentRunHold, PaymentRunStatus
from billing.models.payouts import (
    NO_TAX_CARD_WITHHOLDING,
    Payout,
    PayoutLine,
    PayoutStatus,
    WorkerTaxInfo,
    payout_upload_to,
)
from billing.models.rules import MONEY, DatedRule, DatedRuleQuerySet, PriceList, VatRate, YelLowerLimit

__all__ = [
    "MONEY",
    "BankStatusReport",
    "HoldReason",
    "IncomesRegisterDelivery",
    "IncomesRegisterReport",
    "IncomesRegisterReportKind",
    "IncomesRegisterReportStatus",
    "PaymentRun",
    "PaymentRunHold",
    "PaymentRunStatus",
    "PayoutStatus",
    "WorkerPaymentDetails",
    "mask_iban",
    "mask_identity_code",
    "NO_TAX_CARD_WITHHOLDING",
    "DatedRule",
    "DatedRuleQuerySet",
    "DispatchStatus",
    "EInvoiceDispatch",
    "Invoice",
    "InvoiceEvent",
    "InvoiceKind",
    "InvoiceLine",
    "InvoiceSeries",
    "InvoiceStatus",
    "Payout",
    "PayoutLine",
    "PriceList",
    "VatBreakdownRow",
    "VatRate",
    "WorkerTaxInfo",
    "YelLowerLimit",
    "payout_upload_to",
]
