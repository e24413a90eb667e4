"""Workers: people in a work-activity service who take gigs, and the groups they work in."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
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
    # Set by `workers.retention` when the retention period has passed and the personal data is gone.
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

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


def certificate_upload_to(instance: WorkCertificate, filename: str) -> str:
    return f"certificates/{instance.worker_id}/{filename}"


class WorkCertificate(TimeStampedModel):
    """A work certificate (työtodistus) issued by the coordinator. Issued only by
    `orders.certificates.certificate_issue`; the summary and the PDF are frozen at issue and never edited."""

    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="certificates", verbose_name=_("worker"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("issued by")
    )
    issued_at = models.DateTimeField(_("issued"), db_index=True)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    include_feedback = models.BooleanField(
        _("include client feedback"), default=False, help_text=_("The worker decides this.")
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="fi")
    # Frozen at issue: task types with clients, dates and hours, total hours, feedback quotes if included.
    summary = models.JSONField(_("summary"), default=dict, encoder=DjangoJSONEncoder)
    pdf = models.FileField(_("PDF"), upload_to=certificate_upload_to, blank=True)

    class Meta:
        verbose_name = _("work certificate")
        verbose_name_plural = _("work certificates")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="certificate_period_in_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.worker} {self.period_start:%d.%m.%Y}–{self.period_end:%d.%m.%Y}"

    @property
    def issued_on(self):
        return timezone.localtime(self.issued_at).date()

    @property
    def download_name(self) -> str:
        """A safe file name: "tyotodistus-aino-laine-2026-03-03.pdf"."""
        name = slugify(self.summary.get("worker_name", "")) or f"worker-{self.worker_id}"
        return f"tyotodistus-{name}-{self.issued_at:%Y-%m-%d}.pdf"
