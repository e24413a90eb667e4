"""A client's wish to have a worker again ("Aino again"), passed to the worker's unit.

The client never asks the worker: the wish goes to the unit the worker belonged to when it was made,
and the unit decides (it proposes her as usual, and she must still accept, or it marks the wish
handled). Only a worker who already did a gig for the client may be asked for
(`orders.services.worker_again`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from orders.models.orders import Order

NOTE_MAX_LENGTH = 300


class WorkerAgainOutcome(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("worker again", "The unit proposed the worker")
    NOT_POSSIBLE = "not_possible", pgettext_lazy("worker again", "Not possible this time")


class WorkerAgainRequest(models.Model):
    order = models.ForeignKey(
        Order, on_delete=models.CASCADE, related_name="worker_again_requests", verbose_name=_("order")
    )
    worker = models.ForeignKey(
        "workers.Worker", on_delete=models.CASCADE, related_name="again_requests", verbose_name=_("worker")
    )
    # The worker's home unit when the wish was made: that unit's staff were told and decide.
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("asked by")
    )
    asked_at = models.DateTimeField(_("asked"), default=timezone.now)
    note = models.CharField(_("note from the client"), max_length=NOTE_MAX_LENGTH, blank=True)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=WorkerAgainOutcome.choices, blank=True)

    class Meta:
        verbose_name = _("wish for a worker again")
        verbose_name_plural = _("wishes for a worker again")
        ordering = ["asked_at", "pk"]
        indexes = [models.Index(fields=["unit", "handled_at"], name="worker_again_unit_open_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["order", "worker"],
                condition=Q(handled_at__isnull=True),
                name="unique_open_worker_again_request",
            ),
            models.CheckConstraint(
                condition=Q(handled_at__isnull=True, outcome="") | (Q(handled_at__isnull=False) & ~Q(outcome="")),
                name="worker_again_handled_has_outcome",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order_id}: {self.worker_id} again"

    @property
    def is_open(self) -> bool:
        return self.handled_at is None


def client_worker_name(first_name: str, last_name: str) -> str:
    """How a client sees a worker who worked for it: the first name and the last name's initial."""
    first, last = (first_name or "").strip(), (last_name or "").strip()
    return f"{first} {last[0]}." if first and last else first or _("A worker")
