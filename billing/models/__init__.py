"""Billing's models: dated rules (prices, VAT, YEL limits), invoices, and worker payouts."""

from billing.models.dispatch import DispatchStatus, EInvoiceDispatch
from billing.models.invoices import (
    Invoice,
    InvoiceEvent,
    InvoiceKind,
    InvoiceLine,
    InvoiceSeries,
    InvoiceStatus,
    VatBreakdownRow,
)
from billing.models.payouts import NO_TAX_CARD_WITHHOLDING, Payout, PayoutLine, WorkerTaxInfo, payout_upload_to
from billing.models.rules import MONEY, DatedRule, DatedRuleQuerySet, PriceList, VatRate, YelLowerLimit

__all__ = [
    "MONEY",
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
