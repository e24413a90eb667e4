"""Attendance without blame: a note that a worker cancelled late or did not come to a gig.

A note is a fact for the worker's unit, to notice when a pattern calls for a talk about how things
are going. It is never a strike or a point, never shown to a client and never in a client's email.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AbsenceReason(models.TextChoices):
    """Why the worker cannot come, in plain words (optional: she does not have to tell)."""

    ILL = "ill", pgettext_lazy("absence reason", "I am ill")
    FAMILY = "family", pgettext_lazy("absence reason", "A family matter")
    TRANSPORT = "transport", pgettext_lazy("absence reason", "I cannot get there")
    OTHER = "other", pgettext_lazy("absence reason", "Something else")


class AttendanceKind(models.TextChoices):
    LATE_CANCELLATION = "late_cancellation", pgettext_lazy("attendance note", "Cancelled shortly before the gig")
    NO_SHOW = "no_show", pgettext_lazy("attendance note", "Did not come to the gig")


class AttendanceNote(models.Model):
    """One late cancellation or one gig not come to. One note per assignment (it ends only once)."""

    worker = models.ForeignKey(
        "workers.Worker", on_delete=models.CASCADE, related_name="attendance_notes", verbose_name=_("worker")
    )
    assignment = models.ForeignKey(
        "orders.Assignment", on_delete=models.CASCADE, related_name="attendance_notes", verbose_name=_("assignment")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AttendanceKind.choices)
    reason = models.CharField(_("reason"), max_length=20, choices=AbsenceReason.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("attendance note")
        verbose_name_plural = _("attendance notes")
        ordering = ["-recorded_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["assignment"], name="one_attendance_note_per_assignment")]
        # The unit's pattern prompt counts a worker's notes of the last days.
        indexes = [models.Index(fields=["worker", "recorded_at"], name="attendance_worker_at_idx")]

    def __str__(self) -> str:
        return f"{self.worker_id}: {self.kind} {self.recorded_at:%d.%m.%Y}"
