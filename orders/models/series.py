"""A repeating gig (a gig series): the rule its dates follow and the gig's fields, on one order.

Each date is a gig of its own (`Gig.series`), with its own staffing, changed and cancelled like any
gig. The series keeps the rule of its dates from `rule_from` on: a change "from a date on" sets a
new rule from that date and leaves the earlier dates as they were. A date skipped (its gig
cancelled) stays skipped when the rule changes later.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from jobcenter.models import TimeStampedModel
from orders.hours import MAX_HOURS_PER_GIG, MIN_PLANNED_HOURS
from orders.models.orders import Order
from orders.series_rule import MAX_DATES, MAX_INTERVAL_WEEKS, Rule, parse_weekdays


class GigSeries(TimeStampedModel):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="gig_series", verbose_name=_("order"))
    interval_weeks = models.PositiveSmallIntegerField(
        _("every how many weeks"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_INTERVAL_WEEKS)],
    )
    # Monday 0 … Sunday 6, comma separated ("1" = Tuesdays, "0,3" = Mondays and Thursdays).
    weekdays = models.CharField(_("weekdays"), max_length=20)
    first_date = models.DateField(_("first date"))
    # The current rule applies from this date on (the first date, or the date of the last change).
    rule_from = models.DateField(_("rule applies from"))
    until_date = models.DateField(_("last date"), null=True, blank=True)
    count = models.PositiveSmallIntegerField(
        _("number of times"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(MAX_DATES)]
    )
    start_time = models.TimeField(_("start time"))
    planned_hours = models.DecimalField(
        _("planned hours"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(MIN_PLANNED_HOURS), MaxValueValidator(MAX_HOURS_PER_GIG)],
    )
    workers_needed = models.PositiveSmallIntegerField(
        _("workers needed"), default=1, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    notes = models.TextField(_("notes for the workers"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )

    class Meta:
        verbose_name = _("repeating gig")
        verbose_name_plural = _("repeating gigs")
        ordering = ["first_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(until_date__isnull=True, count__isnull=False)
                | Q(until_date__isnull=False, count__isnull=True),
                name="gig_series_ends_by_date_or_count",
            ),
            models.CheckConstraint(condition=Q(interval_weeks__gte=1), name="gig_series_interval_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.order.number} {self.first_date:%d.%m.%Y}"

    @property
    def weekday_numbers(self) -> tuple[int, ...]:
        return parse_weekdays(self.weekdays)

    @property
    def weekday_names(self) -> str:
        """The weekdays in the active language ("maanantai, torstai")."""
        return ", ".join(str(WEEKDAYS[day]) for day in self.weekday_numbers)

    @property
    def rule(self) -> Rule:
        return Rule(
            start=self.rule_from,
            interval_weeks=self.interval_weeks,
            weekdays=self.weekday_numbers,
            until=self.until_date,
            count=self.count,
        )
