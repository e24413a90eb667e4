"""Benefits and earned income: the rules as dated data, a worker's benefits, clarifications and consents.

Everything about a worker here is special-category data (social welfare, finances). It is read
only through `benefits.selectors`, which check the role, the unit and the worker's consent, and
write an access-log entry for every look. Never put it in emails or logs.

The rules (`BenefitRule`) are data with validity dates and a source, seeded by a
migration; an administrator adds next year's figures in the admin. The YEL lower limit is kept in
`billing.YelLowerLimit` (one row per calendar year), where the payouts already use it.
"""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from billing.models import DatedRule
from jobcenter.models import TimeStampedModel


class Benefit(models.TextChoices):
    DISABILITY_PENSION = "disability_pension", _("Disability pension")
    PENSIONERS_HOUSING_ALLOWANCE = "pensioners_housing_allowance", _("Pensioner's housing allowance")
    UNEMPLOYMENT_BENEFIT = "unemployment_benefit", _("Unemployment benefit or labour market subsidy")
    GENERAL_HOUSING_ALLOWANCE = "general_housing_allowance", _("General housing allowance")
    SOCIAL_ASSISTANCE = "social_assistance", _("Basic social assistance")


class RuleKind(models.TextChoices):
    # Earnings above the amount affect the benefit (disability pension: the pension can be suspended).
    EARNINGS_LIMIT = "earnings_limit", _("Earnings limit")
    # Earnings up to the amount have no effect; `reduction_rate` of the excess reduces the benefit.
    PROTECTED_EARNINGS = "protected_earnings", _("Protected earnings")
    # No protected amount: every euro earned reduces the benefit by `reduction_rate`.
    REDUCTION_PER_EURO = "reduction_per_euro", _("Every euro reduces the benefit")
    # This much earned income is left out before the benefit is calculated (0 = abolished).
    EARNED_INCOME_DEDUCTION = "earned_income_deduction", _("Earned-income deduction")
    # An increase in yearly income of at least the amount must be reported and is taken into account.
    REPORTABLE_INCREASE = "reportable_increase", _("Income increase to report")
    # Commission work counts as self-employment for a person on this benefit.
    COMMISSION_IS_SELF_EMPLOYMENT = "commission_self_employment", _("Commission work is self-employment")


class RulePeriod(models.TextChoices):
    MONTH = "month", _("calendar month")
    FOUR_WEEKS = "four_weeks", _("four weeks")
    YEAR = "year", _("calendar year")
    NONE = "none", pgettext_lazy("rule period", "no period")


class IncomeCounting(models.TextChoices):
    """Into which period a euro of earnings falls for a rule. Unemployment benefits and Kela read pay
    from the Incomes Register by the day it is paid, so a gig on 30 January paid on 5 February is
    February's income; a rule that looks at the work itself counts it on the day of the work."""

    PAYMENT_DATE = "payment_date", _("by the day it is paid")
    WORK_DATE = "work_date", _("by the day of the work")


class ReportTo(models.TextChoices):
    """To whom the worker reports the earnings a rule says must be reported."""

    KELA = "kela", _("Kela")
    UNEMPLOYMENT_FUND = "unemployment_fund", _("the unemployment fund or Kela")
    PENSION_PROVIDER = "pension_provider", _("the pension provider")
    SOCIAL_SERVICES = "social_services", _("Kela, in the application for social assistance")


# Kinds whose amount is a euro figure per period (the others need no amount).
KINDS_WITH_AMOUNT = frozenset(
    {
        RuleKind.EARNINGS_LIMIT,
        RuleKind.PROTECTED_EARNINGS,
        RuleKind.EARNED_INCOME_DEDUCTION,
        RuleKind.REPORTABLE_INCREASE,
    }
)
KINDS_WITH_RATE = frozenset({RuleKind.PROTECTED_EARNINGS, RuleKind.REDUCTION_PER_EURO})

# Four-week periods are counted in 28-day steps from this Monday, forwards and backwards. Kela's
# own four-week payment periods depend on the person's application; this grid is an estimate and
# the pages say so.
FOUR_WEEK_ANCHOR = dt.date(2024, 1, 1)


class BenefitRule(DatedRule):
    """One rule of one benefit for a period of validity, e.g. "labour market subsidy: 300 EUR per month
    of protected earnings, 50 % of the excess reduces the benefit, 2020-01-01..2024-03-31"."""

    benefit = models.CharField(_("benefit"), max_length=40, choices=Benefit.choices)
    kind = models.CharField(_("rule"), max_length=40, choices=RuleKind.choices)
    period = models.CharField(_("period"), max_length=20, choices=RulePeriod.choices, default=RulePeriod.MONTH)
    amount = models.DecimalField(
        _("amount, EUR"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    reduction_rate = models.DecimalField(
        _("share that reduces the benefit"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_("For example 0.50: every euro over the limit reduces the benefit by 50 cents."),
    )
    counts_income_by = models.CharField(
        _("income counts"),
        max_length=20,
        choices=IncomeCounting.choices,
        default=IncomeCounting.PAYMENT_DATE,
        help_text=_("Whether earnings fall into the period of the day they are paid or of the day of the work."),
    )
    source_url = models.URLField(_("source address"), blank=True)
    confirmed = models.BooleanField(
        _("figure confirmed from the source"),
        default=False,
        help_text=_("Tick only when the figure was read from the source itself."),
    )
    confirmation_note = models.TextField(
        _("what was found"), blank=True, help_text=_("Where the figure was checked, or why it is not confirmed.")
    )
    report_to = models.CharField(_("report to"), max_length=30, choices=ReportTo.choices, blank=True)
    report_within_days = models.PositiveSmallIntegerField(
        _("report within (days)"),
        null=True,
        blank=True,
        help_text=_("The reporting deadline in days, where the benefit has one."),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("benefit rule")
        verbose_name_plural = _("benefit rules")
        ordering = ["benefit", "kind", "period", "-valid_from"]
        indexes = [models.Index(fields=["benefit", "valid_from"])]

    def __str__(self) -> str:
        amount = f" {self.amount} €" if self.amount is not None else ""
        return (
            f"{self.get_benefit_display()}: {self.get_kind_display()}{amount} ({self.valid_from}–{self.valid_to or ''})"
        )

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.kind in KINDS_WITH_AMOUNT and self.amount is None:
            errors["amount"] = _("This rule needs an amount.")
        if self.kind in KINDS_WITH_RATE and self.reduction_rate is None:
            errors["reduction_rate"] = _("This rule needs the share that reduces the benefit.")
        if self.kind in KINDS_WITH_AMOUNT and self.period == RulePeriod.NONE:
            errors["period"] = _("Choose the period the amount is for.")
        if errors:
            raise ValidationError(errors)
        self._check_no_overlap(BenefitRule.objects.filter(benefit=self.benefit, kind=self.kind, period=self.period))


class PaymentPeriod(models.TextChoices):
    MONTH = "month", _("per month")
    FOUR_WEEKS = "four_weeks", _("per four weeks")


class ReceivedBenefitQuerySet(models.QuerySet):
    def current_on(self, day: dt.date):
        return self.filter(Q(started_on__isnull=True) | Q(started_on__lte=day)).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=day)
        )


class ReceivedBenefit(TimeStampedModel):
    """A benefit a worker receives. A worker may receive several at once."""

    worker = models.ForeignKey(
        "workers.Worker", on_delete=models.CASCADE, related_name="received_benefits", verbose_name=_("worker")
    )
    benefit = models.CharField(_("benefit"), max_length=40, choices=Benefit.choices)
    started_on = models.DateField(_("since"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)
    payment_period = models.CharField(
        _("paid"),
        max_length=20,
        choices=PaymentPeriod.choices,
        blank=True,
        help_text=_("Unemployment benefits are paid per month or per four weeks. Leave empty if not known."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )

    objects = ReceivedBenefitQuerySet.as_manager()

    class Meta:
        verbose_name = _("received benefit")
        verbose_name_plural = _("received benefits")
        ordering = ["benefit"]
        constraints = [
            models.UniqueConstraint(fields=["worker", "benefit"], name="unique_benefit_per_worker"),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=models.F("started_on")),
                name="received_benefit_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.worker_id}: {self.get_benefit_display()}"


class BenefitNotes(TimeStampedModel):
    """Free-text notes on a worker's benefits and debts, written by staff with the worker."""

    worker = models.OneToOneField(
        "workers.Worker", on_delete=models.CASCADE, related_name="benefit_notes", verbose_name=_("worker")
    )
    text = models.TextField(_("notes"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("updated by")
    )

    class Meta:
        verbose_name = _("benefit notes")
        verbose_name_plural = _("benefit notes")


class Actor(models.TextChoices):
    """Who may exchange a worker's information under a consent."""

    UNIT = "unit", _("The worker's work-activity unit")
    COORDINATOR = "coordinator", _("The Jobcenter coordinator")
    KELA = "kela", _("Kela")
    EMPLOYMENT_SERVICES = "employment_services", _("Employment services")
    SOCIAL_CREDIT = "social_credit", _("Social credit and debt counselling")
    SOCIAL_WORKER = "social_worker", _("The worker's social worker")


# The actors that are users of this system; the others are outside it (information is handed to them).
ACTORS_IN_SYSTEM = frozenset({Actor.UNIT, Actor.COORDINATOR})


class ConsentData(models.TextChoices):
    """What information a consent covers."""

    BENEFITS = "benefits", _("Benefits and the effect of earnings on them")
    DEBTS = "debts", _("Debts and the debt clarification")
    WORK_AND_EARNINGS = "work_and_earnings", _("Gigs done and earnings")


class ClarificationKind(models.TextChoices):
    BENEFIT = "benefit", _("Benefit clarification")
    DEBT = "debt", _("Debt clarification")


# Which information a clarification of each kind exchanges with the actor it was made with.
CLARIFICATION_DATA = {
    ClarificationKind.BENEFIT: ConsentData.BENEFITS,
    ClarificationKind.DEBT: ConsentData.DEBTS,
}


class Clarification(TimeStampedModel):
    """A benefit or debt clarification done for the worker: when, by whom, with which actor."""

    worker = models.ForeignKey(
        "workers.Worker", on_delete=models.CASCADE, related_name="clarifications", verbose_name=_("worker")
    )
    kind = models.CharField(_("clarification"), max_length=20, choices=ClarificationKind.choices)
    done_on = models.DateField(_("done on"))
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("done by")
    )
    with_actor = models.CharField(_("done with"), max_length=30, choices=Actor.choices)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("clarification")
        verbose_name_plural = _("clarifications")
        ordering = ["-done_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.done_on:%d.%m.%Y}"


def consent_scan_upload_to(instance: Consent, filename: str) -> str:
    # A random name: the worker's name or the original file name never appear in the storage path.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"private/consents/{instance.worker_id}/{secrets.token_urlsafe(16)}.{suffix}"


class ConsentQuerySet(models.QuerySet):
    def valid_on(self, day: dt.date):
        return self.filter(given_on__lte=day, withdrawn_on__isnull=True).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day)
        )


class Consent(TimeStampedModel):
    """A consent form: which actors may exchange which of the worker's information, and for how long.

    Recorded by staff from the signed paper form (its scan may be attached), or withdrawn. Never
    edited after it is given: a new scope is a new consent. Changed only through `benefits.services`.
    """

    worker = models.ForeignKey(
        "workers.Worker", on_delete=models.PROTECT, related_name="consents", verbose_name=_("worker")
    )
    actors = models.JSONField(_("who may exchange information"), default=list)
    data = models.JSONField(_("which information"), default=list)
    given_on = models.DateField(_("given on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawn_note = models.CharField(_("how it was withdrawn"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawal recorded by"),
    )
    signed_scan = models.FileField(_("signed form"), upload_to=consent_scan_upload_to, blank=True)
    signed_scan_type = models.CharField(_("file type"), max_length=40, blank=True)
    signed_scan_uploaded_at = models.DateTimeField(_("uploaded"), null=True, blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("given_on")),
                name="consent_valid_after_given",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=models.F("given_on")),
                name="consent_withdrawn_after_given",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.worker_id}: {self.given_on:%d.%m.%Y}"

    def is_valid_on(self, day: dt.date) -> bool:
        if self.withdrawn_on is not None and self.withdrawn_on <= day:
            return False
        return self.given_on <= day and (self.valid_until is None or self.valid_until >= day)

    def covers(self, actor: str, data: str, day: dt.date) -> bool:
        return self.is_valid_on(day) and actor in self.actors and data in self.data

    @property
    def actor_labels(self) -> list[str]:
        labels = dict(Actor.choices)
        return [str(labels.get(code, code)) for code in self.actors]

    @property
    def data_labels(self) -> list[str]:
        labels = dict(ConsentData.choices)
        return [str(labels.get(code, code)) for code in self.data]


class CommissionWorkExplanation(TimeStampedModel):
    """Staff explained to a worker on unemployment benefit that commission work counts as
    self-employment (report it; the benefit can stop while it is investigated), and the worker
    still wants this commission gig. Without it the gig cannot be offered to them."""

    assignment = models.OneToOneField(
        "orders.Assignment",
        on_delete=models.CASCADE,
        related_name="commission_explanation",
        verbose_name=_("assignment"),
    )
    explained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("explained by")
    )
    explained_on = models.DateField(_("explained on"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("commission work explanation")
        verbose_name_plural = _("commission work explanations")
