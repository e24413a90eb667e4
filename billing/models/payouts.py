"""Worker payouts for commission work: the worker's tax details and the frozen fee statements."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Round
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from billing.models.rules import MONEY

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


class PayoutStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("payout", "In a draft run")
    IN_PAYMENT = "in_payment", pgettext_lazy("payout", "Sent to the bank")
    PAID = "paid", pgettext_lazy("payout", "Paid")
    REJECTED = "rejected", pgettext_lazy("payout", "Rejected by the bank")


def payout_upload_to(instance: Payout, filename: str) -> str:
    return f"payouts/{instance.period_end:%Y}/{filename}"


class Payout(models.Model):
    """One worker's payment in a payment run, and its fee statement (palkkiolaskelma).

    The amounts are frozen when the run is built, never edited. One assignment is paid once: it is on
    at most one line that is not released (a rejected payment releases its lines, so the work
    returns to the next run). gross = tax + net. Payouts made before payment runs existed have no
    run and no payment date; they were paid outside the system.
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
    run = models.ForeignKey(
        "billing.PaymentRun",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payouts",
        verbose_name=_("payment run"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PayoutStatus.choices, default=PayoutStatus.DRAFT, db_index=True
    )
    payment_date = models.DateField(_("payment date"), null=True, blank=True, db_index=True)
    # The account paid to, frozen at approval, and the payment's id in the bank file (EndToEndId).
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    end_to_end_id = models.CharField(_("payment ID"), max_length=35, null=True, blank=True, unique=True)
    # What the bank's status report said: its status code, reason code and text, and when.
    bank_status = models.CharField(_("bank status"), max_length=4, blank=True)
    bank_reason_code = models.CharField(_("bank reason code"), max_length=4, blank=True)
    bank_reason = models.CharField(_("bank's reason"), max_length=500, blank=True)
    settled_at = models.DateTimeField(_("paid or rejected"), null=True, blank=True)
    status_report = models.ForeignKey(
        "billing.BankStatusReport",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payouts",
        verbose_name=_("bank status report"),
    )

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
    """One assignment's approved hours at the worker's hourly pay of the gig date (frozen), or one
    product delivery's compensation (quantity × the agreed compensation per product, frozen; the
    line's hours are then zero and `rate` is the compensation per product).

    A line has exactly one source: an assignment or a delivery. `released` is set when the payment
    was rejected by the bank: the line stays as history and its source is free for the next run.
    The unique constraints keep an assignment, and a delivery, on one live line.
    """

    payout = models.ForeignKey(Payout, on_delete=models.CASCADE, related_name="lines", verbose_name=_("payout"))
    assignment = models.ForeignKey(
        "orders.Assignment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payout_lines",
        verbose_name=_("assignment"),
    )
    delivery = models.ForeignKey(
        "billing.ProductDelivery",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payout_lines",
        verbose_name=_("product delivery"),
    )
    quantity = models.PositiveIntegerField(_("quantity"), null=True, blank=True)
    # The line pays the assignment's minimum for a gig the client cancelled late, not approved hours.
    is_cancellation_pay = models.BooleanField(_("minimum pay of a cancelled gig"), default=False)
    released = models.BooleanField(_("released"), default=False)
    date = models.DateField(_("date"))
    task = models.CharField(_("task"), max_length=300)
    hours = models.DecimalField(_("hours"), max_digits=8, decimal_places=2)
    rate = models.DecimalField(_("hourly pay"), **MONEY)
    amount = models.DecimalField(_("amount"), **MONEY)

    class Meta:
        verbose_name = _("payout line")
        verbose_name_plural = _("payout lines")
        ordering = ["payout", "date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment"], condition=Q(released=False), name="payout_line_assignment_paid_once"
            ),
            models.UniqueConstraint(
                fields=["delivery"], condition=Q(released=False), name="payout_line_delivery_paid_once"
            ),
            models.CheckConstraint(
                condition=Q(assignment__isnull=False, delivery__isnull=True)
                | Q(assignment__isnull=True, delivery__isnull=False),
                name="payout_line_exactly_one_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.task} {self.hours} h"
