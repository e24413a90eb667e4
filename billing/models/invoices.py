"""Invoices and credit notes as frozen copies of the parties, the terms and the lines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Round
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from billing.models.rules import MONEY
from billing.references import group_reference, virtual_barcode
from jobcenter.models import TimeStampedModel


class InvoiceSeries(models.Model):
    """A numbering series. Issuing locks this row, so numbers are gapless and unique."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    next_number = models.PositiveIntegerField(_("next number"))

    class Meta:
        verbose_name = _("invoice series")
        verbose_name_plural = _("invoice series")

    def __str__(self) -> str:
        return f"{self.code} ({self.next_number})"


class InvoiceKind(models.TextChoices):
    INVOICE = "invoice", pgettext_lazy("invoice kind", "Invoice")
    CREDIT_NOTE = "credit_note", pgettext_lazy("invoice kind", "Credit note")


class InvoiceStatus(models.TextChoices):
    ISSUED = "issued", pgettext_lazy("invoice status", "Issued")
    PAID = "paid", pgettext_lazy("invoice status", "Paid")
    CREDITED = "credited", pgettext_lazy("invoice status", "Credited")
    # Some lines or hours are credited, the rest stands and is still to be paid.
    PARTLY_CREDITED = "partly_credited", pgettext_lazy("invoice status", "Partly credited")


@dataclass(frozen=True)
class VatBreakdownRow:
    rate: Decimal
    net: Decimal
    vat: Decimal
    gross: Decimal


class Invoice(TimeStampedModel):
    """An issued invoice or credit note: a frozen copy of the parties, the terms and the lines.

    Never edited after issue (except payment status and the rendered PDF, through billing.services)
    and never deleted. The net is the sum of the lines (each rounded half up to cents); the VAT is
    computed per rate on that rate's total (`billing.pricing.vat_by_rate`), not summed from the lines.
    """

    series = models.ForeignKey(InvoiceSeries, on_delete=models.PROTECT, related_name="+", verbose_name=_("series"))
    number = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=20, choices=InvoiceKind.choices, default=InvoiceKind.INVOICE)
    credits = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_notes",
        verbose_name=_("credits invoice"),
    )
    credit_reason = models.TextField(_("reason for the credit note"), blank=True)
    client = models.ForeignKey(
        "orders.ClientOrganisation", on_delete=models.PROTECT, related_name="invoices", verbose_name=_("client")
    )
    orders = models.ManyToManyField("orders.Order", related_name="invoices", verbose_name=_("orders"))
    # The seller, frozen from settings.
    seller_name = models.CharField(_("seller"), max_length=200)
    seller_business_id = models.CharField(_("seller's business ID"), max_length=9)
    seller_iban = models.CharField(_("IBAN"), max_length=34)
    seller_bic = models.CharField(_("BIC"), max_length=11)
    # Printed on the invoice as the VAT Act requires (arvonlisäverolaki 209 e §): the seller's
    # address and VAT number, frozen like the rest so a later move does not rewrite old invoices.
    seller_street = models.CharField(_("seller's street address"), max_length=200, blank=True)
    seller_postal_code = models.CharField(_("seller's postal code"), max_length=10, blank=True)
    seller_city = models.CharField(_("seller's city"), max_length=100, blank=True)
    seller_vat_number = models.CharField(_("seller's VAT number"), max_length=14, blank=True)
    # The buyer, frozen from the client's billing details.
    buyer_name = models.CharField(_("buyer"), max_length=200)
    buyer_business_id = models.CharField(_("buyer's business ID"), max_length=9, blank=True)
    buyer_street = models.CharField(_("street address"), max_length=200, blank=True)
    buyer_postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    buyer_city = models.CharField(_("city"), max_length=100, blank=True)
    buyer_email = models.EmailField(_("billing email"), blank=True)
    buyer_einvoice_address = models.CharField(_("e-invoice address"), max_length=35, blank=True)
    buyer_einvoice_operator = models.CharField(_("e-invoice operator"), max_length=35, blank=True)
    client_reference = models.CharField(_("your order reference"), max_length=200, blank=True)
    # The client's contract number (Finvoice's AgreementIdentifier) and the seller's own reference
    # (the order numbers, SellerReferenceIdentifier), frozen at issue like the rest.
    buyer_agreement_identifier = models.CharField(_("contract number"), max_length=70, blank=True)
    seller_reference = models.CharField(_("our reference"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="fi")
    # Terms.
    issue_date = models.DateField(_("invoice date"))
    due_date = models.DateField(_("due date"))
    payment_term_days = models.PositiveSmallIntegerField(_("payment term, days"))
    penalty_interest_note = models.CharField(_("penalty interest"), max_length=200, blank=True)
    reference = models.CharField(_("reference number"), max_length=20)
    reference_rf = models.CharField(_("RF reference"), max_length=25)
    # Totals (the sums of the lines).
    net = models.DecimalField(_("total excl. VAT"), **MONEY)
    vat = models.DecimalField(_("VAT"), **MONEY)
    gross = models.DecimalField(_("total incl. VAT"), **MONEY)
    # Payment.
    status = models.CharField(
        _("status"), max_length=20, choices=InvoiceStatus.choices, default=InvoiceStatus.ISSUED, db_index=True
    )
    paid_at = models.DateField(_("paid on"), null=True, blank=True)
    paid_amount = models.DecimalField(_("amount paid"), null=True, blank=True, **MONEY)
    pdf = models.FileField(_("PDF"), upload_to="invoices/%Y/", blank=True)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("issued by")
    )

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-issue_date", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["series", "number"], name="unique_invoice_number_per_series"),
            # Round(…, 2) is exact on PostgreSQL's numeric and keeps SQLite (which sums decimals as
            # floats: 0.10 + 0.20 != 0.30) from refusing correct totals.
            models.CheckConstraint(
                condition=Q(gross=Round(F("net") + F("vat"), 2)), name="invoice_net_plus_vat_is_gross"
            ),
            models.CheckConstraint(
                condition=Q(kind="invoice", credits__isnull=True) | Q(kind="credit_note", credits__isnull=False),
                name="invoice_credit_note_refers_to_original",
            ),
            models.CheckConstraint(
                condition=~Q(status="paid") | Q(paid_at__isnull=False, paid_amount__isnull=False),
                name="invoice_paid_has_date_and_amount",
            ),
        ]

    def __str__(self) -> str:
        return self.display_number

    @property
    def display_number(self) -> str:
        return f"{self.series.code}{self.number}" if self.series_id else str(self.number)

    @property
    def is_credit_note(self) -> bool:
        return self.kind == InvoiceKind.CREDIT_NOTE

    @property
    def is_overdue(self) -> bool:
        return (
            self.kind == InvoiceKind.INVOICE
            and self.status in (InvoiceStatus.ISSUED, InvoiceStatus.PARTLY_CREDITED)
            and self.due_date < timezone.localdate()
        )

    @property
    def reference_grouped(self) -> str:
        return group_reference(self.reference)

    @property
    def virtual_barcode(self) -> str:
        return virtual_barcode(self.seller_iban, self.gross, self.reference, self.due_date)

    def vat_breakdown(self) -> list[VatBreakdownRow]:
        """Net, VAT and gross per VAT rate, the VAT computed on the rate's total (EN 16931): the
        same figures as the invoice's `vat` and `gross`, which issuing took from the same function."""
        # billing.pricing imports the models; imported here to keep the models importable first.
        from billing.pricing import vat_by_rate

        return vat_by_rate(self.lines.all())

    def clean(self) -> None:
        if None not in (self.net, self.vat, self.gross) and self.net + self.vat != self.gross:
            raise ValidationError(_("The total must equal the net amount plus VAT."))


class InvoiceLine(models.Model):
    """One row: the work of one date on one task, with the price and VAT of that date."""

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines", verbose_name=_("invoice"))
    position = models.PositiveSmallIntegerField(_("row"))
    date = models.DateField(_("date"))
    task = models.CharField(_("task"), max_length=300)
    worker_count = models.PositiveSmallIntegerField(_("workers"))
    hours = models.DecimalField(_("hours"), max_digits=8, decimal_places=2)
    unit_price = models.DecimalField(_("unit price"), **MONEY)
    vat_rate = models.DecimalField(_("VAT %"), max_digits=5, decimal_places=2)
    net = models.DecimalField(_("excl. VAT"), **MONEY)
    vat = models.DecimalField(_("VAT"), **MONEY)
    gross = models.DecimalField(_("incl. VAT"), **MONEY)
    # The order whose work the line invoices (null on old lines whose order could not be told):
    # what is invoiced per order and work date is summed over these.
    order = models.ForeignKey(
        "orders.Order",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invoice_lines",
        verbose_name=_("order"),
    )
    # A late cancellation's charge: the cancelled gig it invoices (null on a line of work). Its
    # hours are the charged hours and count apart from the hours of work (`billing.cancellation`).
    gig = models.ForeignKey(
        "orders.Gig",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invoice_lines",
        verbose_name=_("cancelled gig"),
    )
    # On a credit note: the invoice line it credits (negative hours at that line's price and VAT).
    credits_line = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credited_by",
        verbose_name=_("credits line"),
    )

    class Meta:
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        ordering = ["invoice", "position"]
        constraints = [
            models.UniqueConstraint(fields=["invoice", "position"], name="unique_invoice_line_position"),
            models.CheckConstraint(
                condition=Q(gross=Round(F("net") + F("vat"), 2)), name="invoice_line_net_plus_vat_is_gross"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.task} {self.hours} h"


class InvoiceAction(models.TextChoices):
    """What happened to an invoice. The page shows the label, never the code."""

    ISSUED = "issued", pgettext_lazy("invoice event", "Issued")
    PDF = "pdf", pgettext_lazy("invoice event", "PDF made")
    EMAILED = "emailed", pgettext_lazy("invoice event", "Emailed")
    REMINDED = "reminded", pgettext_lazy("invoice event", "Reminder sent")
    PAID = "paid", pgettext_lazy("invoice event", "Marked paid")
    CREDITED = "credited", pgettext_lazy("invoice event", "Credited")
    EINVOICE_QUEUED = "einvoice_queued", pgettext_lazy("invoice event", "E-invoice queued")
    EINVOICE_SENT = "einvoice_sent", pgettext_lazy("invoice event", "E-invoice sent")
    EINVOICE_FAILED = "einvoice_failed", pgettext_lazy("invoice event", "E-invoice failed")
    EINVOICE_RETRIED = "einvoice_retried", pgettext_lazy("invoice event", "E-invoice sent again")


# The facts of an event in words; the %(name)s placeholders are the event's params.
INVOICE_SENTENCES = {
    InvoiceAction.ISSUED: _("Orders %(orders)s."),
    InvoiceAction.EMAILED: _("To %(email)s."),
    InvoiceAction.REMINDED: _("To %(email)s."),
    InvoiceAction.PAID: _("%(amount)s € paid on %(date)s."),
    InvoiceAction.CREDITED: _("Credit note %(credit_note)s."),
    InvoiceAction.EINVOICE_QUEUED: _("To %(address)s."),
    InvoiceAction.EINVOICE_SENT: _("Receipt %(location)s."),
}


class InvoiceEvent(models.Model):
    """History of an invoice: issued, PDF rendered, credited, paid; who and when.

    `action` is the event's code and `params` its facts (strings: "18.20", an ISO date), written in
    the reader's language by `describe`; `note` is what a person typed (a reason) or a system's
    own message (an operator's error), shown as it is."""

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="events", verbose_name=_("invoice"))
    action = models.CharField(_("action"), max_length=30, choices=InvoiceAction.choices)
    params = models.JSONField(_("facts of the event"), default=dict, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("invoice event")
        verbose_name_plural = _("invoice events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.invoice_id}: {self.action}"

    def describe(self) -> str:
        """The event's facts in the active language ("" when it has none)."""
        template = INVOICE_SENTENCES.get(self.action)
        if template is None or not self.params:
            return ""
        facts = dict(self.params)
        try:
            if "amount" in facts:
                facts["amount"] = formats.number_format(Decimal(facts["amount"]), 2)
            if "date" in facts:
                facts["date"] = formats.date_format(dt.date.fromisoformat(facts["date"]), "SHORT_DATE_FORMAT")
            return str(template) % facts
        except (KeyError, TypeError, ValueError, ArithmeticError):
            return ""
