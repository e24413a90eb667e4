"""The employer partner's invoices to clients for partner-model work, as the Jobcenter follows them.

The partner invoices the client itself; the Jobcenter records that the partner's invoice for a
month was sent to the client (received: the partner told us its number and amount) and that the
client paid it. Both states are set only by `billing.services.partner_invoices`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from billing.models.rules import MONEY
from jobcenter.models import TimeStampedModel


class PartnerInvoiceStatus(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("partner invoice status", "Received")
    PAID = "paid", pgettext_lazy("partner invoice status", "Paid")


class PartnerInvoice(TimeStampedModel):
    partner = models.ForeignKey(
        "orders.EmployerPartner", on_delete=models.PROTECT, related_name="invoices", verbose_name=_("employer partner")
    )
    client = models.ForeignKey(
        "orders.ClientOrganisation", on_delete=models.PROTECT, related_name="partner_invoices", verbose_name=_("client")
    )
    period_month = models.DateField(_("month of the work"), help_text=_("The first day of the month."))
    invoice_number = models.CharField(_("the partner's invoice number"), max_length=40)
    amount = models.DecimalField(_("amount"), **MONEY)
    status = models.CharField(
        _("status"), max_length=10, choices=PartnerInvoiceStatus.choices, default=PartnerInvoiceStatus.RECEIVED
    )
    received_on = models.DateField(_("received on"))
    received_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("received recorded by")
    )
    received_recorded_at = models.DateTimeField(_("received recorded at"))
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    paid_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("paid recorded by"),
    )
    paid_recorded_at = models.DateTimeField(_("paid recorded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("partner invoice")
        verbose_name_plural = _("partner invoices")
        ordering = ["-period_month", "partner", "client", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "invoice_number"], name="unique_partner_invoice_number"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="partner_invoice_amount_positive"),
            models.CheckConstraint(
                condition=~Q(status="paid") | Q(paid_on__isnull=False, paid_recorded_by__isnull=False),
                name="paid_partner_invoice_has_payment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} {self.invoice_number} ({self.period_month:%m/%Y})"
