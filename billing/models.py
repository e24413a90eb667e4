"""Prices and VAT as dated data; invoices and credit notes as frozen copies."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Round
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jobcenter.models import TimeStampedModel
from orders.models import ContractType


class DatedRuleQuerySet(models.QuerySet):
    def valid_on(self, day):
        return self.filter(valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class DatedRule(models.Model):
    """A value that holds from `valid_from` to `valid_to` (inclusive; open-ended when empty)."""

    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300)

    objects = DatedRuleQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean(self) -> None:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The end date must not be before the start date.")})

    def _check_no_overlap(self, siblings: models.QuerySet) -> None:
        if self.valid_from is None:
            return  # the field's own "required" error is shown
        far_future = self.valid_to or self.valid_from.replace(year=9999)
        overlapping = (
            siblings.exclude(pk=self.pk)
            .filter(valid_from__lte=far_future)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=self.valid_from))
        )
        if overlapping.exists():
            raise ValidationError(_("Another row is already valid for part of this period."))


class PriceList(DatedRule):
    """The client's hourly price for a contract type, and how it splits (excl. VAT)."""

    contract_type = models.CharField(_("contract"), max_length=20, choices=ContractType.choices)
    client_hourly_price = models.DecimalField(_("client's hourly price, VAT 0 %"), max_digits=8, decimal_places=2)
    worker_hourly_pay = models.DecimalField(_("worker's hourly pay"), max_digits=8, decimal_places=2)
    side_costs_hourly = models.DecimalField(
        _("side costs per hour"), max_digits=8, decimal_places=2, default=Decimal("0")
    )
    service_fee_hourly = models.DecimalField(_("service costs per hour"), max_digits=8, decimal_places=2)

    class Meta:
        verbose_name = _("price list row")
        verbose_name_plural = _("price list")
        ordering = ["contract_type", "-valid_from"]

    def __str__(self) -> str:
        return (
            f"{self.get_contract_type_display()} {self.client_hourly_price} € ({self.valid_from}–{self.valid_to or ''})"
        )

    def clean(self) -> None:
        super().clean()
        amounts = (self.worker_hourly_pay, self.side_costs_hourly, self.service_fee_hourly, self.client_hourly_price)
        if any(amount is None for amount in amounts):
            return  # the fields' own "required" errors are shown
        parts = self.worker_hourly_pay + self.side_costs_hourly + self.service_fee_hourly
        if parts != self.client_hourly_price:
            raise ValidationError(_("Pay, side costs and service costs must add up to the client's price."))
        self._check_no_overlap(PriceList.objects.filter(contract_type=self.contract_type))


class VatRate(DatedRule):
    """The general VAT rate. VAT follows the date the work was done (supply date)."""

    rate = models.DecimalField(_("rate, %"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("VAT rate")
        verbose_name_plural = _("VAT rates")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.rate} % ({self.valid_from}–{self.valid_to or ''})"

    def clean(self) -> None:
        super().clean()
        self._check_no_overlap(VatRate.objects.all())


# --- Invoices -------------------------------------------------------------------------------------
MONEY = {"max_digits": 10, "decimal_places": 2}


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


@dataclass(frozen=True)
class VatBreakdownRow:
    rate: Decimal
    net: Decimal
    vat: Decimal
    gross: Decimal


class Invoice(TimeStampedModel):
    """An issued invoice or credit note: a frozen copy of the parties, the terms and the lines.

    Never edited after issue (except payment status and the rendered PDF, through billing.services)
    and never deleted. Amounts are the sums of the lines, each line rounded half up to cents.
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
            and self.status == InvoiceStatus.ISSUED
            and self.due_date < timezone.localdate()
        )

    @property
    def reference_grouped(self) -> str:
        from billing.references import group_reference

        return group_reference(self.reference)

    @property
    def virtual_barcode(self) -> str:
        from billing.references import virtual_barcode

        return virtual_barcode(self.seller_iban, self.gross, self.reference, self.due_date)

    def vat_breakdown(self) -> list[VatBreakdownRow]:
        """Net, VAT and gross per VAT rate: the sums of the lines at that rate."""
        rows: dict[Decimal, list[Decimal]] = {}
        for line in self.lines.all():
            sums = rows.setdefault(line.vat_rate, [Decimal("0.00")] * 3)
            sums[0] += line.net
            sums[1] += line.vat
            sums[2] += line.gross
        return [VatBreakdownRow(rate, *sums) for rate, sums in sorted(rows.items())]

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


class InvoiceEvent(models.Model):
    """History of an invoice: issued, PDF rendered, credited, paid; who and when."""

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="events", verbose_name=_("invoice"))
    action = models.CharField(_("action"), max_length=30)
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


# --- Worker payouts (commission contract) ---------------------------------------------------------
class YelLowerLimit(models.Model):
    """The YEL lower limit of a calendar year: commission income above it needs self-employed
    pension insurance (DOMAIN.md, rules table). Data, not a constant: one row per year."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    amount = models.DecimalField(_("amount, EUR/year"), **MONEY)
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        verbose_name = _("YEL lower limit")
        verbose_name_plural = _("YEL lower limits")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}: {self.amount} €"


NO_TAX_CARD_WITHHOLDING = Decimal("60.00")


class WorkerTaxInfo(models.Model):
    """A worker's tax details for commission pay. Personal data: the coordinator only."""

    worker = models.OneToOneField(
        "workers.Worker", on_delete=models.CASCADE, related_name="tax_info", verbose_name=_("worker")
    )
    withholding_percent = models.DecimalField(
        _("withholding percentage on the tax card"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave empty when there is no tax card; the withholding is then 60 %."),
    )
    in_prepayment_register = models.BooleanField(_("in the prepayment register"), default=False)
    valid_for_year = models.PositiveSmallIntegerField(_("tax card year"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("worker's tax details")
        verbose_name_plural = _("workers' tax details")
        constraints = [
            models.CheckConstraint(
                condition=Q(withholding_percent__isnull=True)
                | Q(withholding_percent__gte=0, withholding_percent__lte=100),
                name="tax_info_withholding_0_to_100",
            )
        ]

    def __str__(self) -> str:
        return f"{self.worker_id}: {self.withholding_percent if self.withholding_percent is not None else '–'} %"


def payout_upload_to(instance: Payout, filename: str) -> str:
    return f"payouts/{instance.period_end:%Y}/{filename}"


class Payout(models.Model):
    """A fee statement (palkkiolaskelma) for commission work: a frozen copy, never edited.

    One assignment is paid once (`PayoutLine.assignment` is unique). gross = tax + net.
    """

    worker = models.ForeignKey(
        "workers.Worker", on_delete=models.PROTECT, related_name="payouts", verbose_name=_("worker")
    )
    worker_name = models.CharField(_("worker's name"), max_length=300)
    worker_email = models.EmailField(_("worker's email"), blank=True)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    hours = models.DecimalField(_("hours"), max_digits=8, decimal_places=2)
    gross = models.DecimalField(_("gross pay"), **MONEY)
    withholding_percent = models.DecimalField(_("withholding %"), max_digits=5, decimal_places=2)
    tax_withheld = models.DecimalField(_("tax withheld"), **MONEY)
    net = models.DecimalField(_("net pay"), **MONEY)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="fi")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    pdf = models.FileField(_("PDF"), upload_to=payout_upload_to, blank=True)

    class Meta:
        verbose_name = _("payout")
        verbose_name_plural = _("payouts")
        ordering = ["-period_end", "worker_name", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="payout_period_in_order"),
            models.CheckConstraint(
                condition=Q(gross=Round(F("net") + F("tax_withheld"), 2)), name="payout_net_plus_tax_is_gross"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.worker_name} {self.period_start:%d.%m.%Y}–{self.period_end:%d.%m.%Y}"

    def clean(self) -> None:
        if None not in (self.net, self.tax_withheld, self.gross) and self.net + self.tax_withheld != self.gross:
            raise ValidationError(_("The gross pay must equal the tax withheld plus the net pay."))


class PayoutLine(models.Model):
    """One assignment's approved hours at the worker's hourly pay of the gig date (frozen)."""

    payout = models.ForeignKey(Payout, on_delete=models.CASCADE, related_name="lines", verbose_name=_("payout"))
    assignment = models.OneToOneField(
        "orders.Assignment", on_delete=models.PROTECT, related_name="payout_line", verbose_name=_("assignment")
    )
    date = models.DateField(_("date"))
    task = models.CharField(_("task"), max_length=300)
    hours = models.DecimalField(_("hours"), max_digits=8, decimal_places=2)
    rate = models.DecimalField(_("hourly pay"), **MONEY)
    amount = models.DecimalField(_("amount"), **MONEY)

    class Meta:
        verbose_name = _("payout line")
        verbose_name_plural = _("payout lines")
        ordering = ["payout", "date", "pk"]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.task} {self.hours} h"
