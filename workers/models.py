"""Workers: people in a work-activity service who take gigs, the groups they work in, their work
certificates, and the access log of who looked at their personal data."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jobcenter.models import AccessLogOutcome, TimeStampedModel


class WorkerQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def of_unit(self, unit_id: int):
        return self.filter(home_unit_id=unit_id)


class NotifyBy(models.TextChoices):
    """How the worker wants to be told of her gigs (`workers.contact.tell_worker`)."""

    EMAIL = "email", pgettext_lazy("notify by", "Email")
    SMS = "sms", pgettext_lazy("notify by", "Text message")
    BOTH = "both", pgettext_lazy("notify by", "Email and text message")


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
    # A text message needs her phone number (the user's `phone`); without one she is emailed.
    notify_by = models.CharField(
        _("how the worker is told"), max_length=5, choices=NotifyBy.choices, default=NotifyBy.EMAIL
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
        """A safe file name: "tyotodistus-aino-laine-2026-03-03.pdf", dated in Helsinki (not UTC, which
        names a certificate issued after midnight by the day before)."""
        name = slugify(self.summary.get("worker_name", "")) or f"worker-{self.worker_id}"
        return f"tyotodistus-{name}-{self.issued_on:%Y-%m-%d}.pdf"


class AccessLogEntry(models.Model):
    """One look at a worker's personal data (käyttöloki). Never edited: write it only through
    `jobcenter.access_log.log_access`. On PostgreSQL a trigger refuses UPDATE and DELETE.

    The table keeps the name it had when the model lived in the kernel: the insert-only trigger
    (migration `jobcenter.0004`) is attached to it, and moving the model changed no row."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("viewed by"),
    )
    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="access_log", verbose_name=_("worker"))
    data = models.CharField(_("data viewed"), max_length=60)
    action = models.CharField(_("action"), max_length=20, default="view")
    path = models.CharField(_("page"), max_length=300, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    # Who acted, in which role and for which unit (LOG-1): a worker's log must answer not only "who" but
    # "as whom" (their instructor, the coordinator, an administrator). Then the outcome (a refused
    # attempt is logged too) and the request, to match the rows with the server's technical logs.
    actor_role = models.CharField(_("role"), max_length=20, blank=True)
    actor_unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=AccessLogOutcome.choices, default=AccessLogOutcome.ALLOWED
    )
    request_id = models.CharField(_("request id"), max_length=36, blank=True)

    class Meta:
        db_table = "jobcenter_accesslogentry"
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at"]
        # Named as they were created in the kernel's migrations: the indexes exist in the database.
        indexes = [
            models.Index(fields=["worker", "-at"], name="jobcenter_a_worker__b0e02e_idx"),
            models.Index(fields=["user", "-at"], name="jobcenter_a_user_id_8b6522_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} → {self.worker_id}: {self.data}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Access log entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Access log entries cannot be deleted.")


def access_log_worker_facts(workers: list) -> list[tuple[int, int | None, int | None]]:
    """(worker id, the worker's user id, home unit id) for each given `Worker` or worker id, in the
    given order, once each. What the kernel's access log needs to work out the viewer's role; one
    query for the ids, none for the instances."""
    facts: dict[int, tuple[int, int | None, int | None]] = {}
    missing = []
    for item in workers:
        if isinstance(item, Worker):
            facts[item.pk] = (item.pk, item.user_id, item.home_unit_id)
        else:
            missing.append(int(item))
    if missing:
        for pk, user_id, unit_id in Worker.objects.filter(pk__in=missing).values_list("pk", "user_id", "home_unit_id"):
            facts[pk] = (pk, user_id, unit_id)
    ordered, seen = [], set()
    for item in workers:
        pk = item.pk if isinstance(item, Worker) else int(item)
        if pk in facts and pk not in seen:
            seen.add(pk)
            ordered.append(facts[pk])
    return ordered


# The worker's path (jatkopolku): its own module, loaded here so that Django finds the models.
from workers.models_paths import PathStepKind, WorkerPathStep  # noqa: E402, F401
