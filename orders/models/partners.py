"""The partner model (kumppanimalli): an employer partner employs the worker under an employment
contract, pays the wage and invoices the client; the Jobcenter passes the order on and the unit
supports the worker on each gig.

The contract's hours pattern is data (hours per time, every N weeks, on which weekdays), so the
pages, the hours report and the partner all read the same pattern. The wage is not stored here: it
is the employment price list's `worker_hourly_pay` of each work date (`billing.pricing`), so a
wage change in the price list is followed without touching the contracts.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from stdnum.fi import ytunnus

from jobcenter.models import TimeStampedModel


def validate_business_id(value: str) -> None:
    """A Finnish business ID (Y-tunnus) with a correct check digit, as 1234567-8."""
    if not ytunnus.is_valid(value or ""):
        raise ValidationError(_("Enter a valid business ID, for example 1572860-0."), code="invalid_business_id")


class EmployerPartner(TimeStampedModel):
    """An association or company that employs workers for partner-model orders (e.g. Väylä ry)."""

    name = models.CharField(_("name"), max_length=200)
    business_id = models.CharField(
        _("business ID"), max_length=9, unique=True, validators=[validate_business_id], help_text=_("e.g. 1572860-0")
    )
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("employer partner")
        verbose_name_plural = _("employer partners")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        if self.business_id:
            self.business_id = ytunnus.compact(self.business_id)
            if ytunnus.is_valid(self.business_id):
                self.business_id = ytunnus.format(self.business_id)


class ContractStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("employment contract status", "Draft")
    ACTIVE = "active", pgettext_lazy("employment contract status", "Active")
    ENDED = "ended", pgettext_lazy("employment contract status", "Ended")


# ISO weekday numbers (1 = Monday), with the adverb a pattern's summary uses ("tiistaisin").
WEEKDAY_CHOICES = [
    (1, pgettext_lazy("weekday", "Monday")),
    (2, pgettext_lazy("weekday", "Tuesday")),
    (3, pgettext_lazy("weekday", "Wednesday")),
    (4, pgettext_lazy("weekday", "Thursday")),
    (5, pgettext_lazy("weekday", "Friday")),
    (6, pgettext_lazy("weekday", "Saturday")),
    (7, pgettext_lazy("weekday", "Sunday")),
]


def _on_weekday(day: int) -> str:
    return {
        1: pgettext("every such weekday", "on Mondays"),
        2: pgettext("every such weekday", "on Tuesdays"),
        3: pgettext("every such weekday", "on Wednesdays"),
        4: pgettext("every such weekday", "on Thursdays"),
        5: pgettext("every such weekday", "on Fridays"),
        6: pgettext("every such weekday", "on Saturdays"),
        7: pgettext("every such weekday", "on Sundays"),
    }[day]


def _every_weeks(n: int) -> str:
    if n == 1:
        return gettext("every week")
    if n == 2:
        return gettext("every second week")
    return gettext("every %(n)s weeks") % {"n": n}


def pattern_summary(*, hours: Decimal, every_n_weeks: int, weekdays: list[int]) -> str:
    """ "2 h every second week, on Tuesdays" in the active language ("2 h joka toinen viikko, tiistaisin")."""
    text = f"{hours.normalize():f}".replace(".", ",") if hours is not None else "–"
    summary = gettext("%(hours)s h %(frequency)s") % {"hours": text, "frequency": _every_weeks(every_n_weeks)}
    if weekdays:
        summary += ", " + gettext(" and ").join(_on_weekday(day) for day in weekdays)
    return summary


class EmploymentContract(TimeStampedModel):
    """A worker's employment contract with an employer partner, agreed through the worker's unit."""

    worker = models.ForeignKey(
        "workers.Worker", on_delete=models.PROTECT, related_name="employment_contracts", verbose_name=_("worker")
    )
    partner = models.ForeignKey(
        EmployerPartner, on_delete=models.PROTECT, related_name="contracts", verbose_name=_("employer partner")
    )
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="employment_contracts", verbose_name=_("unit")
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    hours_per_occurrence = models.DecimalField(
        _("hours each time"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal("12"))],
    )
    every_n_weeks = models.PositiveSmallIntegerField(
        _("every how many weeks"), default=1, validators=[MinValueValidator(1), MaxValueValidator(8)]
    )
    # ISO weekday numbers, e.g. [2] for Tuesdays; empty when the days are agreed each time.
    weekdays = models.JSONField(_("weekdays"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ContractStatus.choices, default=ContractStatus.DRAFT, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    activated_at = models.DateTimeField(_("activated"), null=True, blank=True)
    activated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("activated by"),
    )
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ended by"),
    )
    end_reason = models.TextField(_("reason for ending"), blank=True)

    class Meta:
        verbose_name = _("employment contract")
        verbose_name_plural = _("employment contracts")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="employment_contract_dates_in_order",
            ),
            # One active contract per worker and partner: a gig resolves to exactly one.
            models.UniqueConstraint(
                fields=["worker", "partner"],
                condition=Q(status="active"),
                name="one_active_contract_per_worker_and_partner",
            ),
            models.CheckConstraint(
                condition=~Q(status="active") | Q(activated_at__isnull=False),
                name="active_contract_has_activation_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.worker} – {self.partner} ({self.start_date:%d.%m.%Y})"

    def clean(self):
        super().clean()
        if not isinstance(self.weekdays, list) or any(
            not isinstance(day, int) or isinstance(day, bool) or not 1 <= day <= 7 for day in self.weekdays
        ):
            raise ValidationError({"weekdays": _("Choose weekdays from Monday to Sunday.")})
        self.weekdays = sorted(set(self.weekdays))

    @property
    def summary(self) -> str:
        return pattern_summary(
            hours=self.hours_per_occurrence, every_n_weeks=self.every_n_weeks, weekdays=list(self.weekdays or [])
        )

    def covers(self, day) -> bool:
        """The contract is active and in force on `day`."""
        return (
            self.status == ContractStatus.ACTIVE
            and self.start_date <= day
            and (self.end_date is None or self.end_date >= day)
        )


class IncomeClarification(models.Model):
    """The income clarification the unit does with the worker before the contract starts: how the
    wage affects the benefits the worker receives. A contract is activated only after one."""

    contract = models.ForeignKey(
        EmploymentContract,
        on_delete=models.CASCADE,
        related_name="income_clarifications",
        verbose_name=_("employment contract"),
    )
    done_on = models.DateField(_("date of the clarification"))
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("done by")
    )
    benefits_checked = models.BooleanField(_("the effect on the benefits was gone through"), default=False)
    note = models.TextField(_("what was gone through"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("income clarification")
        verbose_name_plural = _("income clarifications")
        ordering = ["-done_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.contract_id}: {self.done_on:%d.%m.%Y}"
