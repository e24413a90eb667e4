"""Payment runs: paying commission fees to workers for one payment date, with four eyes.

A run is built as a *draft* by a coordinator: one `Payout` per worker for every approved, unpaid
commission assignment up to the cut-off date, and a `PaymentRunHold` for each worker who cannot be
paid (no bank account, no identity code for the tax report). A second person with the paying role
approves it; approval locks the run, makes its bank file (ISO 20022 pain.001.001.03) and the
Incomes Register reports in the same transaction, so no payment leaves without its report. The
bank's status report (pain.002.001.03) uploaded back marks each payment paid or rejected; a
rejected payment's work returns to the next run.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from billing.models.rules import MONEY


class PaymentRunStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("payment run", "Draft")
    APPROVED = "approved", pgettext_lazy("payment run", "Approved")
    DISCARDED = "discarded", pgettext_lazy("payment run", "Discarded")


def bank_file_upload_to(instance: PaymentRun, filename: str) -> str:
    return f"payment-runs/{instance.payment_date:%Y}/{filename}"


class PaymentRun(models.Model):
    payment_date = models.DateField(_("payment date"), db_index=True)
    cutoff_date = models.DateField(_("work up to"))
    status = models.CharField(
        _("status"), max_length=20, choices=PaymentRunStatus.choices, default=PaymentRunStatus.DRAFT, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("made by")
    )
    created_at = models.DateTimeField(_("made"), auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    discarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("discarded by"),
    )
    discarded_at = models.DateTimeField(_("discarded"), null=True, blank=True)
    # Totals of the run's payouts, kept with the run so that the list of runs needs no sums.
    payment_count = models.PositiveIntegerField(_("payments"), default=0)
    gross = models.DecimalField(_("gross pay"), default=0, **MONEY)
    tax_withheld = models.DecimalField(_("tax withheld"), default=0, **MONEY)
    net = models.DecimalField(_("net pay"), default=0, **MONEY)
    # The bank file, made at approval: its message id (MsgId, unique per file for the bank), the
    # payer's account as it was then, the file itself and its digest.
    message_id = models.CharField(_("bank file message ID"), max_length=35, null=True, blank=True, unique=True)
    payer_name = models.CharField(_("payer"), max_length=140, blank=True)
    payer_business_id = models.CharField(_("payer's business ID"), max_length=9, blank=True)
    payer_iban = models.CharField(_("payer's IBAN"), max_length=34, blank=True)
    payer_bic = models.CharField(_("payer's BIC"), max_length=11, blank=True)
    bank_file = models.FileField(_("bank file"), upload_to=bank_file_upload_to, blank=True)
    bank_file_sha256 = models.CharField(_("bank file SHA-256"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("payment run")
        verbose_name_plural = _("payment runs")
        ordering = ["-payment_date", "-pk"]
        constraints = [
            # One draft at a time: two coordinators building runs at once cannot split the same work.
            models.UniqueConstraint(
                fields=["status"], condition=Q(status="draft"), name="payment_run_one_draft_at_a_time"
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(approved_by__isnull=False, approved_at__isnull=False),
                name="payment_run_approved_has_approver",
            ),
            # Four eyes: the person who made the run never approves it.
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=models.F("created_by")),
                name="payment_run_four_eyes",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.payment_date:%d.%m.%Y} ({self.get_status_display()})"


class HoldReason(models.TextChoices):
    NO_IBAN = "no_iban", _("No bank account (IBAN) on file")
    NO_IDENTITY_CODE = "no_identity_code", _("No personal identity code on file for the Incomes Register report")


class PaymentRunHold(models.Model):
    """A worker with work to pay who is held out of the run, and why; the work waits for a later run."""

    run = models.ForeignKey(PaymentRun, on_delete=models.CASCADE, related_name="holds", verbose_name=_("payment run"))
    worker = models.ForeignKey("workers.Worker", on_delete=models.PROTECT, related_name="+", verbose_name=_("worker"))
    reason = models.CharField(_("reason"), max_length=30, choices=HoldReason.choices)
    assignments = models.PositiveIntegerField(_("gigs"))
    hours = models.DecimalField(_("hours"), max_digits=8, decimal_places=2)
    gross = models.DecimalField(_("gross pay"), **MONEY)

    class Meta:
        verbose_name = _("worker held out of a payment run")
        verbose_name_plural = _("workers held out of a payment run")
        ordering = ["run", "worker_id"]
        constraints = [models.UniqueConstraint(fields=["run", "worker"], name="payment_run_hold_once_per_worker")]

    def __str__(self) -> str:
        return f"{self.run_id}/{self.worker_id}: {self.reason}"


class BankStatusReport(models.Model):
    """An uploaded pain.002 status report, applied once (its message id is unique)."""

    run = models.ForeignKey(
        PaymentRun, on_delete=models.PROTECT, related_name="status_reports", verbose_name=_("payment run")
    )
    message_id = models.CharField(_("message ID"), max_length=35, unique=True)
    created_at_bank = models.DateTimeField(_("made by the bank"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    file = models.FileField(_("file"), upload_to="payment-runs/status/", blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    paid = models.PositiveIntegerField(_("paid"), default=0)
    rejected = models.PositiveIntegerField(_("rejected"), default=0)

    class Meta:
        verbose_name = _("bank status report")
        verbose_name_plural = _("bank status reports")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.message_id
