"""The cancellation rule of the terms as dated data: when a client's cancellation of a gig is late,
what the client is charged for it, and the minimum paid to each worker who had taken the gig.

Like the prices, the rule holds from `valid_from` to `valid_to` and the row in force at the moment
of the cancellation counts; `billing.cancellation` reads it and the order terms state it."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from billing.models.rules import DatedRule


class CancellationRule(DatedRule):
    """A client's cancellation less than `late_window_hours` before the gig starts is late. A late
    cancellation of a gig that a worker had taken is charged `client_charge_hours` per such worker at
    the gig's hourly price (at most the gig's planned hours), and each such worker is paid
    `worker_minimum_hours` at her hourly pay (at most the gig's planned hours)."""

    late_window_hours = models.PositiveSmallIntegerField(
        _("late when cancelled less than this many hours before the gig"),
        validators=[MinValueValidator(1), MaxValueValidator(24 * 14)],
    )
    client_charge_hours = models.DecimalField(
        _("client's charge per worker who took the gig, hours"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    worker_minimum_hours = models.DecimalField(
        _("worker's minimum pay, hours"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)]
    )
    confirmed = models.BooleanField(
        _("confirmed"),
        default=False,
        help_text=_("Tick when the figures are confirmed as the terms the Jobcenter offers its clients."),
    )

    class Meta:
        verbose_name = _("cancellation rule")
        verbose_name_plural = _("cancellation rules")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        hours = f"{self.late_window_hours} h / {self.client_charge_hours} h / {self.worker_minimum_hours} h"
        return f"{hours} ({self.valid_from}–{self.valid_to or ''})"

    def clean(self) -> None:
        super().clean()
        self._check_no_overlap(CancellationRule.objects.all())
