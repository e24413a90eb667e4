"""The secret address of a person's calendar feed (see `jobcenter.calendar_feeds`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CalendarFeedQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class CalendarFeed(models.Model):
    """One address of a user's calendar feed. The token is the whole key: a calendar app fetches the
    feed without logging in, so the token is long and random, shown only to its owner, and a new
    address (or turning the feed off) sets `revoked_at` and the old address answers 404 from then on.

    The token is stored as it is, not hashed, because its owner must be able to see and copy her
    address again; it is classified SECRET (never exported, never in the admin's lists)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds", verbose_name=_("user")
    )
    token = models.CharField(_("secret key of the address"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    revoked_at = models.DateTimeField(_("turned off"), null=True, blank=True)

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        app_label = "jobcenter"
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        ordering = ["-created_at"]
        constraints = [
            # A person has at most one working address: a new one replaces the old.
            models.UniqueConstraint(
                fields=["user"], condition=Q(revoked_at__isnull=True), name="calendar_feed_one_active_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.created_at:%Y-%m-%d}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


from jobcenter.calendar_feeds import privacy as _privacy  # noqa: E402, F401
