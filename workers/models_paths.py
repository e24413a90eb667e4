"""A worker's path (jatkopolku): the services and jobs before and after the Jobcenter.

Staff of the worker's unit (or a coordinator) record each step with its dates, choosing its kind
from a list the administrator keeps. Kinds marked `is_outcome` are where a worker went next (open
labour market, a part-time job with a partial pension, hired by the client onto its own payroll):
the outcomes report counts the steps of those kinds by the day they started.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The kind the client may record herself ("We hired Aino onto our payroll"): found by its code.
HIRED_BY_CLIENT = "hired_by_client"


class PathStepKindQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def outcomes(self):
        return self.filter(is_outcome=True)


class PathStepKind(models.Model):
    """One kind of step on a worker's path; names in the three languages (workers/translation.py)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    is_outcome = models.BooleanField(
        _("is an outcome"), default=False, help_text=_("Where a worker went next: counted in the outcomes report.")
    )
    ordering = models.PositiveSmallIntegerField(_("order in lists"), default=100)
    is_active = models.BooleanField(_("active"), default=True)

    objects = PathStepKindQuerySet.as_manager()

    class Meta:
        verbose_name = _("kind of path step")
        verbose_name_plural = _("kinds of path steps")
        ordering = ["ordering", "pk"]

    def __str__(self) -> str:
        return self.name


class WorkerPathStep(models.Model):
    """One step of one worker's path. Written only by `workers.services_paths`."""

    worker = models.ForeignKey(
        "workers.Worker", on_delete=models.CASCADE, related_name="path_steps", verbose_name=_("worker")
    )
    kind = models.ForeignKey(PathStepKind, on_delete=models.PROTECT, related_name="steps", verbose_name=_("kind"))
    started_on = models.DateField(_("started"))
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
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
        verbose_name = _("path step")
        verbose_name_plural = _("path steps")
        ordering = ["started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="path_step_ends_after_start",
            )
        ]
        # The outcomes report reads the steps started in a period.
        indexes = [models.Index(fields=["started_on", "kind"], name="path_step_started_kind_idx")]

    def __str__(self) -> str:
        return f"{self.worker_id}: {self.kind_id} {self.started_on:%d.%m.%Y}"
