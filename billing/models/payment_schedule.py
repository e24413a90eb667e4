"""The payment schedule: on which days the payment runs pay, and how early the work must be done to
be in a run. Dated data, like the price list: `billing.payment_schedule` turns it into payment
dates (a date on a weekend or a Finnish public holiday moves to the working day before), and the
benefit foresight uses it to place each euro in the period of the day it is paid.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from billing.models.rules import DatedRule

# The approval lag when nothing else is known: the unit approves the hours a day or two after the
# gig, the coordinator builds the run, a second person approves it and the bank needs the file a
# couple of banking days before the payment date. Five calendar days covers that in a normal week.
DEFAULT_APPROVAL_LAG_DAYS = 5


def parse_days_of_month(text: str) -> tuple[int, ...]:
    """ "15" or "10, 25" -> (15,) or (10, 25); ValueError for anything else (days 1 to 31)."""
    days = []
    for part in (text or "").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        day = int(part)
        if not 1 <= day <= 31:
            raise ValueError(part)
        days.append(day)
    return tuple(sorted(set(days)))


class PaymentSchedule(DatedRule):
    """The days of the month the payment runs pay (a day past the month's end is its last day), and
    whether they also pay on the last working day of the month."""

    days_of_month = models.CharField(
        _("days of the month"),
        max_length=100,
        blank=True,
        help_text=_("Days of the month separated by commas, for example 15."),
    )
    last_working_day = models.BooleanField(_("also on the last working day of the month"), default=True)
    approval_lag_days = models.PositiveSmallIntegerField(
        _("work done at least this many days before"),
        default=DEFAULT_APPROVAL_LAG_DAYS,
        validators=[MaxValueValidator(27)],
        help_text=_("Work is in a payment run when it is done at least this many days before the payment date."),
    )

    class Meta:
        verbose_name = _("payment schedule")
        verbose_name_plural = _("payment schedules")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        last = " + last working day" if self.last_working_day else ""
        return f"{self.days_of_month or '–'}{last} ({self.valid_from}–{self.valid_to or ''})"

    @property
    def days(self) -> tuple[int, ...]:
        try:
            return parse_days_of_month(self.days_of_month)
        except ValueError:
            return ()

    def clean(self) -> None:
        super().clean()
        try:
            days = parse_days_of_month(self.days_of_month)
        except ValueError:
            raise ValidationError(
                {"days_of_month": _("Write days of the month from 1 to 31, separated by commas.")}
            ) from None
        if not days and not self.last_working_day:
            raise ValidationError(_("Choose at least one payment day."))
        self._check_no_overlap(PaymentSchedule.objects.all())
