"""The e-invoice dispatch of an invoice: one row per invoice, sent at most once.

The row is the guard that nothing goes twice to the buyer's operator (the same discipline as the
mail outbox, jobcenter/mail.py): it is committed as *sending* before the transport is called, so a
redelivered or duplicated task finds it no longer *waiting*; a send interrupted by a dying worker
is marked *failed* later, never resent on its own, because the message may have arrived.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from billing.models.invoices import Invoice
from jobcenter.models import TimeStampedModel


class DispatchStatus(models.TextChoices):
    WAITING = "waiting", pgettext_lazy("e-invoice dispatch", "Waiting")
    SENDING = "sending", pgettext_lazy("e-invoice dispatch", "Being sent")
    SENT = "sent", pgettext_lazy("e-invoice dispatch", "Sent")
    FAILED = "failed", pgettext_lazy("e-invoice dispatch", "Failed")


class EInvoiceDispatch(TimeStampedModel):
    """An invoice (or credit note) on its way to the buyer's e-invoice operator."""

    invoice = models.OneToOneField(
        Invoice, on_delete=models.PROTECT, related_name="einvoice_dispatch", verbose_name=_("invoice")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DispatchStatus.choices, default=DispatchStatus.WAITING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sending_since = models.DateTimeField(_("sending since"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # What the transport answered: the message's id and where it went (the file in the outbox folder).
    message_id = models.CharField(_("message ID"), max_length=100, blank=True)
    location = models.CharField(_("sent to"), max_length=500, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    retried_at = models.DateTimeField(_("sent again"), null=True, blank=True)
    retried_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent again by"),
    )

    class Meta:
        verbose_name = _("e-invoice dispatch")
        verbose_name_plural = _("e-invoice dispatches")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False), name="einvoice_dispatch_sent_has_time"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.invoice_id}: {self.status}"
