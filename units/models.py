"""The city's work-activity services, their units, and the staff who work in them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jobcenter.models import TimeStampedModel


class ServiceKind(models.TextChoices):
    DISABILITY = "disability", pgettext_lazy("service kind", "Disability work activity")
    ADULT_SOCIAL_WORK = (
        "adult_social_work",
        pgettext_lazy("service kind", "Rehabilitative work activity of adult social work"),
    )


class SupportMode(models.TextChoices):
    """How a unit supports a worker during a gig (a service's default, chosen per assignment)."""

    STAFF_ALONG = "staff_along", pgettext_lazy("support", "A staff member comes along")
    PHONE = "phone", pgettext_lazy("support", "Phone support from the unit")
    NONE = "none", pgettext_lazy("support", "No support needed")


class WorkActivityService(models.Model):
    """One of the city's two work-activity services."""

    kind = models.CharField(_("kind"), max_length=30, choices=ServiceKind.choices, unique=True)
    name = models.CharField(_("name"), max_length=200)
    default_support = models.CharField(
        _("default support"), max_length=20, choices=SupportMode.choices, default=SupportMode.STAFF_ALONG
    )
    time_limited = models.BooleanField(
        _("time-limited service"),
        default=False,
        help_text=_("Rehabilitative work activity is time-limited; disability work activity is not."),
    )

    class Meta:
        verbose_name = _("work-activity service")
        verbose_name_plural = _("work-activity services")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UnitQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Unit(TimeStampedModel):
    """A work-activity unit, e.g. Vallila, Töölö or Uusix."""

    service = models.ForeignKey(
        WorkActivityService, on_delete=models.PROTECT, related_name="units", verbose_name=_("service")
    )
    name = models.CharField(_("name"), max_length=200, unique=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, default="Helsinki")
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class StaffRole(models.TextChoices):
    INSTRUCTOR = "instructor", pgettext_lazy("staff role", "Instructor")
    JOB_COACH = "job_coach", pgettext_lazy("staff role", "Job coach")
    UNIT_MANAGER = "unit_manager", pgettext_lazy("staff role", "Unit manager")


class UnitMembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, user__is_active=True)


class UnitMembership(TimeStampedModel):
    """A staff member's role in one unit. A person may work in several units."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="unit_memberships",
        verbose_name=_("user"),
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("unit"))
    role = models.CharField(_("role"), max_length=20, choices=StaffRole.choices)
    is_active = models.BooleanField(_("active"), default=True)

    objects = UnitMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit membership")
        verbose_name_plural = _("unit memberships")
        constraints = [models.UniqueConstraint(fields=["user", "unit"], name="unique_unit_membership")]

    def __str__(self) -> str:
        return f"{self.user} – {self.unit} ({self.get_role_display()})"


class UnitClientCount(TimeStampedModel):
    """How many work-activity clients a unit had in a period: the unit keeps this figure (the
    Jobcenter does not know the clients who never took a gig). The results report divides the
    unit's workers who did paid work by it."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="client_counts", verbose_name=_("unit"))
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    clients = models.PositiveIntegerField(_("clients in the period"))
    source = models.CharField(
        _("source"), max_length=300, blank=True, help_text=_("Where the figure comes from, e.g. the client register.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("unit's client count")
        verbose_name_plural = _("units' client counts")
        ordering = ["unit", "-period_start"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "period_start", "period_end"], name="unique_unit_client_count"),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="unit_client_count_period_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit}: {self.clients} ({self.period_start:%d.%m.%Y}–{self.period_end:%d.%m.%Y})"
