"""Before and after a gig: the supporting staff member prepares the worker for a first gig of a new
task type and goes through each gig with her afterwards ("käy keikka läpi Ainon kanssa").

An item is a to-do on the unit's start page with a short working note once done. The note is
special-category data (it may tell of her health or her life): only her unit's staff and the
coordinators read it, every look is access-logged, and it is in her data export and retention
(orders/privacy_follow_ups.py). Items are made only by `orders.services.follow_ups`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

NOTE_MAX_LENGTH = 500


class FollowUpKind(models.TextChoices):
    PREPARE = "prepare", pgettext_lazy("gig follow-up", "Prepare for the gig")
    REVIEW = "review", pgettext_lazy("gig follow-up", "Go through the gig")


class GigFollowUp(models.Model):
    """One preparation or one review of one assignment (one of each kind at most)."""

    assignment = models.ForeignKey(
        "orders.Assignment", on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("assignment")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=FollowUpKind.choices)
    # The supporting staff member of the assignment (or whoever proposed the worker, when nobody was
    # named); the item shows to the whole unit, marked for this person.
    staff_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("staff member"),
    )
    due_at = models.DateTimeField(_("due"), db_index=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    note = models.CharField(_("note"), max_length=NOTE_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("gig follow-up")
        verbose_name_plural = _("gig follow-ups")
        ordering = ["due_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["assignment", "kind"], name="one_follow_up_per_assignment_kind")]
        indexes = [models.Index(fields=["done_at", "due_at"], name="follow_up_open_due_idx")]

    def __str__(self) -> str:
        return f"{self.assignment_id}: {self.kind}"

    @property
    def is_done(self) -> bool:
        return self.done_at is not None
