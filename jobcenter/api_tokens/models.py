"""A token of the figures API (see `jobcenter.api_tokens`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiScope(models.TextChoices):
    # The only scope so far: the aggregate figures (no personal data) and the lists of services and units.
    FIGURES = "figures", _("Aggregate figures")


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """One token of a reporting system. Only the sha256 of the secret is stored: the administrator
    sees the secret once, when the token is made, and a leaked database does not give working
    tokens. Revoking sets `revoked_at`; the token answers 401 from then on."""

    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("Who uses the token and for what, e.g. “City reporting, monthly figures”."),
    )
    secret_hash = models.CharField(_("hash of the secret"), max_length=64, unique=True, editable=False)
    scope = models.CharField(_("scope"), max_length=20, choices=ApiScope.choices, default=ApiScope.FIGURES)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        app_label = "jobcenter"
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


from jobcenter.api_tokens import privacy as _privacy  # noqa: E402, F401
