"""Earnings payment reports to the Incomes Register (tulorekisteri) for commission fees.

Every commission fee paid to a worker who is not in the prepayment register is reported with
income type 336 (työkorvaus) by the fifth day after its payment date: one report per worker and
payment date. A report is made when its payment run is approved; a correction makes a replacement
report of the same payment date (it refers to the report it replaces); a payment that did not
happen (the bank rejected it) makes a cancellation of its report. Reports go to the register in
deliveries, one per payment date, through a transport (`billing.incomes_register`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from billing.models.rules import MONEY


class IncomesRegisterReportKind(models.TextChoices):
    NEW = "new", pgettext_lazy("incomes register report", "New report")
    REPLACEMENT = "replacement", pgettext_lazy("incomes register report", "Replacement report")
    CANCELLATION = "cancellation", pgettext_lazy("incomes register report", "Cancellation")


class IncomesRegisterReportStatus(models.TextChoices):
    # Made, not yet in a delivery that went out.
    WAITING = "waiting", pgettext_lazy("incomes register report", "Waiting to be sent")
    SENT = "sent", pgettext_lazy("incomes register report", "Sent")
    FAILED = "failed", pgettext_lazy("incomes register report", "Sending failed")
    # Replaced or cancelled before it was ever sent: nothing of it reaches the register.
    WITHDRAWN = "withdrawn", pgettext_lazy("incomes register report", "Withdrawn before sending")


class IncomesRegisterDelivery(models.Model):
    """One file of reports for one payment date (the register's "delivery", DeliveryId unique)."""

    delivery_id = models.CharField(_("delivery ID"), max_length=40, unique=True)
    payment_date = models.DateField(_("payment date"), db_index=True)
    created_at = models.DateTimeField(_("made"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("made by"),
    )
    file = models.FileField(_("file"), upload_to="incomes-register/", blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # What the transport answered: where the file went, or why it did not.
    location = models.CharField(_("sent to"), max_length=500, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("Incomes Register delivery")
        verbose_name_plural = _("Incomes Register deliveries")
        ordering = ["-payment_date", "-pk"]

    def __str__(self) -> str:
        return self.delivery_id


class IncomesRegisterReport(models.Model):
    """One earnings payment report (or its replacement, or its cancellation) of one payout."""

    payout = models.ForeignKey(
        "billing.Payout", on_delete=models.PROTECT, related_name="ir_reports", verbose_name=_("payment")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=IncomesRegisterReportKind.choices)
    # The report this one replaces or cancels.
    corrects = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections", verbose_name=_("corrects")
    )
    # The payer's own reference (ReportId), unique; a replacement repeats the original's reference so
    # the register can allocate it, with a higher version.
    report_id = models.CharField(_("report ID"), max_length=40)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    payment_date = models.DateField(_("payment date"), db_index=True)
    due_date = models.DateField(_("due"), db_index=True)
    income_type = models.PositiveSmallIntegerField(_("income type"), default=336)
    amount = models.DecimalField(_("amount"), **MONEY)
    tax_withheld = models.DecimalField(_("tax withheld"), **MONEY)
    # The earner as reported, frozen: the identity code and name of the day the report was made.
    earner_identity_code = models.CharField(_("personal identity code"), max_length=11)
    earner_name = models.CharField(_("name"), max_length=300)
    reason = models.CharField(_("reason for the correction"), max_length=300, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=IncomesRegisterReportStatus.choices,
        default=IncomesRegisterReportStatus.WAITING,
        db_index=True,
    )
    delivery = models.ForeignKey(
        IncomesRegisterDelivery,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("delivery"),
    )
    created_at = models.DateTimeField(_("made"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("made by"),
    )

    class Meta:
        verbose_name = _("Incomes Register report")
        verbose_name_plural = _("Incomes Register reports")
        ordering = ["due_date", "payment_date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["report_id", "version"], name="ir_report_id_version_unique"),
            models.CheckConstraint(
                condition=Q(kind="new", corrects__isnull=True) | (~Q(kind="new") & Q(corrects__isnull=False)),
                name="ir_report_correction_names_its_original",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report_id} v{self.version} ({self.kind})"
