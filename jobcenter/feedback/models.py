"""A message sent through the accessibility feedback form, and the coordinator's answer to it."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The law gives the service provider 14 days to answer feedback about accessibility (306/2019, 16 §).
ANSWER_DAYS = 14


class AccessibilityFeedback(models.Model):
    """Feedback about an accessibility barrier. Name and email are optional: without an email no
    answer can be sent, and the form says so."""

    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    page_url = models.CharField(_("page"), max_length=500, blank=True)
    message = models.TextField(_("message"), max_length=5000)
    language = models.CharField(_("language"), max_length=5, default="fi")
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answer_note = models.TextField(_("note on the answer"), blank=True)

    class Meta:
        app_label = "jobcenter"
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.received_at:%Y-%m-%d} {self.page_url or '-'}"

    @property
    def answer_due(self) -> dt.date:
        """The last day of the answer: the day it was received (Helsinki time) plus 14 days."""
        return timezone.localdate(self.received_at) + dt.timedelta(days=ANSWER_DAYS)

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.answered_at is None and (today or timezone.localdate()) > self.answer_due


# The model's fields are classified next to it (a new field needs its line in the same change).
from jobcenter.feedback import privacy as _privacy  # noqa: E402, F401
