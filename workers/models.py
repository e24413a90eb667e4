"""Workers: people in a work-activity service who take gigs, and the groups they work in."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jobcenter.models import TimeStampedModel


class WorkerQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def of_unit(self, unit_id: int):
        return self.filter(home_unit_id=unit_id)


class Worker(TimeStampedModel):
    """A worker's profile, tied to one user account and one home unit."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="worker", verbose_name=_("user")
    )
    home_unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="workers", verbose_name=_("home unit")
    )
    skills = models.ManyToManyField(
        "orders.TaskType", blank=True, related_name="skilled_workers", verbose_name=_("skills")
    )
    interests = models.ManyToManyField(
        "orders.TaskType", blank=True, related_name="interested_workers", verbose_name=_("interests")
    )
    interests_note = models.TextField(_("interests, in the worker's words"), blank=True)
    # Special-category data (health): read only through `workers.selectors.worker_support_needs_for`,
    # which writes an access-log entry. Never put it in emails or logs.
    support_needs = models.TextField(
        _("support needs"),
        blank=True,
        help_text=_("Special-category data. Only the worker, their unit's staff and the coordinator see it."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = WorkerQuerySet.as_manager()

    class Meta:
        verbose_name = _("worker")
        verbose_name_plural = _("workers")
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def display_name(self) -> str:
        return self.user.get_full_name() or self.user.email

    @property
    def language(self) -> str:
        return self.user.language


class WorkerGroup(TimeStampedModel):
    """Workers of one unit who can take a gig together."""

    unit = models.ForeignKey(
        "units.Unit", on_delete=models.CASCADE, related_name="worker_groups", verbose_name=_("unit")
    )
    name = models.CharField(_("name"), max_length=120)
    members = models.ManyToManyField(Worker, related_name="groups", blank=True, verbose_name=_("members"))

    class Meta:
        verbose_name = _("worker group")
        verbose_name_plural = _("worker groups")
        ordering = ["unit__name", "name"]
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="unique_worker_group_name")]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"
