"""Cross-cutting models: the user account, a timestamp base, the email outbox and in-person step-up.

The access log's rows point at workers and units, so its model lives in the workers app
(`workers.AccessLogEntry`); its outcome choices stay here with the kernel's access-log API."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person who logs in. Roles come from related records (see `jobcenter.roles`)."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(_("preferred language"), max_length=5, choices=settings.LANGUAGES, default="fi")

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        permissions = [
            ("coordinate", _("Can coordinate the Jobcenter (coordinator role)")),
            ("pay_workers", _("Can approve payment runs and see bank details (paying role)")),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email


class OutboundEmailStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("email status", "Queued")
    # Claimed by a worker and handed to the mail server. A row left here was interrupted mid-send:
    # it is never sent again on its own (it may have arrived); the coordinator decides.
    SENDING = "sending", pgettext_lazy("email status", "Sending")
    SENT = "sent", pgettext_lazy("email status", "Sent")
    FAILED = "failed", pgettext_lazy("email status", "Failed")


class OutboundEmail(models.Model):
    """An email rendered and stored in the same transaction as the change that causes it.

    A task sends it after commit; the status makes the send happen at most once per row:
    queued → sending (committed before the mail server is contacted) → sent, or back to queued
    with `next_attempt_at` after a temporary error, or failed (permanent error, too many attempts,
    or a send that was interrupted). The coordinator sees failed emails and may send them again.
    """

    code = models.CharField(_("template"), max_length=80)
    to = models.EmailField(_("to"))
    language = models.CharField(_("language"), max_length=5, default="fi")
    subject = models.CharField(_("subject"), max_length=255)
    body_text = models.TextField(_("text body"))
    body_html = models.TextField(_("HTML body"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=OutboundEmailStatus.choices, default=OutboundEmailStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sending_since = models.DateTimeField(_("sending since"), null=True, blank=True)
    resent_at = models.DateTimeField(_("sent again"), null=True, blank=True)
    resent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent again by"),
    )
    attachment = models.FileField(_("attachment"), upload_to="outbox/%Y/%m/", blank=True)
    attachment_name = models.CharField(_("attachment name"), max_length=200, blank=True)
    attachment_mimetype = models.CharField(_("attachment type"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.code} → {self.to}"


class OutboundSmsStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("text message status", "Queued")
    # Claimed and handed to the gateway; as with email, a row left here is never sent again on its own.
    SENDING = "sending", pgettext_lazy("text message status", "Sending")
    SENT = "sent", pgettext_lazy("text message status", "Sent")
    FAILED = "failed", pgettext_lazy("text message status", "Failed")


class OutboundSms(models.Model):
    """A text message stored in the same transaction as the change that causes it (`jobcenter.sms`).

    The same discipline as `OutboundEmail`: queued → sending (committed before the gateway is
    contacted) → sent, back to queued after a temporary error, or failed; at most one send per row.
    """

    code = models.CharField(_("template"), max_length=80)
    to = models.CharField(_("phone number"), max_length=20)  # E.164, "+358401234567"
    language = models.CharField(_("language"), max_length=5, default="fi")
    text = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=10, choices=OutboundSmsStatus.choices, default=OutboundSmsStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    gateway_id = models.CharField(_("gateway's message id"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sending_since = models.DateTimeField(_("sending since"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing text message")
        verbose_name_plural = _("outgoing text messages")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.code} → {self.to}"


class AccessLogOutcome(models.TextChoices):
    """Whether a look at a worker's data was let through or refused (a refused attempt is logged too)."""

    ALLOWED = "allowed", pgettext_lazy("access log outcome", "Allowed")
    DENIED = "denied", pgettext_lazy("access log outcome", "Denied")


class StepUpRequest(models.Model):
    """A worker asks to be identified in person (`jobcenter.stepup_services`).

    The worker's phone shows a 6-digit code; unit staff of the worker's home unit, or the
    coordinator, enter it after seeing the person. Only hashes are stored: of the code (keyed with
    the secret key) and of the worker's session key, so the confirmation counts only in the
    browser session that asked for it. Who confirmed and when is kept as the record.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stepup_requests", verbose_name=_("user")
    )
    session_key_hash = models.CharField(_("session (hash)"), max_length=64)
    code_hash = models.CharField(_("code (hash)"), max_length=64, db_index=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("code expires"))
    cancelled_at = models.DateTimeField(_("replaced by a new code"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed in person by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    strong_until = models.DateTimeField(_("identified until"), null=True, blank=True)

    class Meta:
        verbose_name = _("in-person identification")
        verbose_name_plural = _("in-person identifications")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} {self.created_at:%Y-%m-%d %H:%M}"


# The accessibility feedback lives in its own module of the kernel (jobcenter/feedback/).
# A person's calendar feed address lives in its own module of the kernel (jobcenter/calendar_feeds/).
# The figures API's tokens live in their own module of the kernel (jobcenter/api_tokens/).
from jobcenter.api_tokens.models import ApiToken  # noqa: E402, F401
from jobcenter.calendar_feeds.models import CalendarFeed  # noqa: E402, F401
from jobcenter.feedback.models import AccessibilityFeedback  # noqa: E402, F401
