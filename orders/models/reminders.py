"""The reminders sent before a gig: one row per assignment, recipient and reminder, claimed before
its email is queued.

The unique constraint is what makes a reminder go once: the periodic job may run twice, late, or in
two workers at once; whoever inserts the row first queues the email in the same transaction, and
everybody else finds the row and sends nothing (orders.services.reminders).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ReminderKind(models.TextChoices):
    DAY_BEFORE = "day_before", pgettext_lazy("gig reminder", "The day before the gig")
    MORNING = "morning", pgettext_lazy("gig reminder", "On the morning of the gig")


class ReminderRecipient(models.TextChoices):
    WORKER = "worker", pgettext_lazy("gig reminder", "Worker")
    STAFF = "staff", pgettext_lazy("gig reminder", "Staff member coming along")


class GigReminder(models.Model):
    """One reminder of one gig to one person: the worker on it, or the staff member coming along."""

    assignment = models.ForeignKey(
        "orders.Assignment", on_delete=models.CASCADE, related_name="reminders", verbose_name=_("assignment")
    )
    recipient_kind = models.CharField(_("recipient role"), max_length=10, choices=ReminderRecipient.choices)
    reminder = models.CharField(_("reminder"), max_length=20, choices=ReminderKind.choices)
    # Who it went to when it was sent (the staff member along may change later).
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recipient"),
    )
    # The email queued for it; empty for a staff member's second worker on the same gig (one email
    # to her names them all) and once the outbox row is gone.
    email = models.ForeignKey(
        "jobcenter.OutboundEmail",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("email"),
    )
    sent_at = models.DateTimeField(_("sent"))

    class Meta:
        verbose_name = _("gig reminder")
        verbose_name_plural = _("gig reminders")
        ordering = ["sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "recipient_kind", "reminder"], name="one_gig_reminder_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment_id} {self.recipient_kind} {self.reminder}"
