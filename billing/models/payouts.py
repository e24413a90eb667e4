"""Worker payouts for commission work: the worker's tax details and the frozen fee statements."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Round
from django.utils.translation import gettext_lazy as _

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
