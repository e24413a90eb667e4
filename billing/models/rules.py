"""Dated rules as data: the price list, the VAT rates and the YEL lower limits.

Each row holds from `valid_from` to `valid_to` (or one year, for the YEL limit); what counts is the
row in force on the day the work is done. `billing.pricing` reads them; nothing hard-codes a figure.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from orders.models import ContractType

MONEY = {"max_digits": 10, "decimal_places": 2}


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


class YelLowerLimit(models.Model):
    """The YEL lower limit of a calendar year: a worker whose commission income of the year reaches
    it must take self-employed pension insurance (YEL), so the coordinator is told as income nears
    it. The figure changes every year, so it is data: one row per year, with its source."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    amount = models.DecimalField(_("amount, EUR/year"), **MONEY)
    source = models.CharField(_("source"), max_length=300)
    source_url = models.URLField(_("source address"), blank=True)
    confirmed = models.BooleanField(
        _("figure confirmed from the source"),
        default=False,
        help_text=_("Tick only when the figure was read from the source itself."),
    )
    confirmation_note = models.TextField(
        _("what was found"), blank=True, help_text=_("Where the figure was checked, or why it is not confirmed.")
    )

    class Meta:
        verbose_name = _("YEL lower limit")
        verbose_name_plural = _("YEL lower limits")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}: {self.amount} €"
