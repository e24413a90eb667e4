"""Billing's models: dated rules (prices, VAT, YEL limits), invoices, worker payouts and payment runs,
product sales,
the workers' payment details, and the Incomes Register reports."""

from billing.models.cancellation import CancellationRule
from billing.models.dispatch import DispatchStatus, EInvoiceDispatch
from billing.models.incomes_register import (
    IncomesRegisterDelivery,
    IncomesRegisterReport,
    IncomesRegisterReportKind,
    IncomesRegisterReportStatus,
)
from billing.models.invoices import (
    Invoice,
    InvoiceAction,
    InvoiceEvent,
    InvoiceKind,
    InvoiceLine,
    InvoiceSeries,
    InvoiceStatus,
    VatBreakdownRow,
)
from billing.models.partner_invoices import PartnerInvoice, PartnerInvoiceStatus
from billing.models.payment_details import WorkerPaymentDetails, mask_iban, mask_identity_code
from billing.models.payment_runs import BankStatusReport, HoldReason, PaymentRun, PaymentRunHold, PaymentRunStatus
from billing.models.payment_schedule import PaymentSchedule
from billing.models.payouts import (
    NO_TAX_CARD_WITHHOLDING,
    Payout,
    PayoutLine,
    PayoutStatus,
    WorkerTaxInfo,
    payout_upload_to,
)
from billing.models.product_sales import (
    CompensationAgreement,
    Product,
    ProductDelivery,
    SalesReview,
    product_photo_upload_to,
)
from billing.models.rules import MONEY, DatedRule, DatedRuleQuerySet, PriceList, VatRate, YelLowerLimit

__all__ = [
    "MONEY",
    "BankStatusReport",
    "CancellationRule",
    "CompensationAgreement",
    "Product",
    "ProductDelivery",
    "SalesReview",
    "product_photo_upload_to",
    "HoldReason",
    "IncomesRegisterDelivery",
    "IncomesRegisterReport",
    "IncomesRegisterReportKind",
    "IncomesRegisterReportStatus",
    "PartnerInvoice",
    "PartnerInvoiceStatus",
    "PaymentRun",
    "PaymentRunHold",
    "PaymentRunStatus",
    "PaymentSchedule",
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
    "InvoiceAction",
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
