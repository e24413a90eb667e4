"""The dates of a repeating gig: every N weeks on chosen weekdays, from a first date until a date or
for a number of times. Pure date arithmetic (python-dateutil's `rrule`), no database.

The weeks are counted from the week of the rule's first date (weeks start on Monday), so "every
second week" keeps its rhythm however the weekdays are chosen. A series is capped (`MAX_DATES`
dates within `MAX_SPAN` of its first date): a longer one is refused with a clear message rather
than filling the calendar for years.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateutil.rrule import MO, WEEKLY, rrule, weekday
from django.utils.translation import gettext as _

from jobcenter.errors import DomainError

MAX_DATES = 60
MAX_SPAN = dt.timedelta(days=366)
MAX_INTERVAL_WEEKS = 8
WEEKDAYS = range(7)  # Monday 0 … Sunday 6, as `datetime.date.weekday()`


@dataclass(frozen=True)
class Rule:
    """Every `interval_weeks` weeks on `weekdays`, from `start`; ending on `until` or after `count` dates."""

    start: dt.date
    interval_weeks: int
    weekdays: tuple[int, ...]
    until: dt.date | None = None
    count: int | None = None


def parse_weekdays(text: str) -> tuple[int, ...]:
    """The stored form ("1,3") as weekday numbers."""
    return tuple(sorted({int(part) for part in (text or "").split(",") if part.strip().isdigit()}))


def stored_weekdays(days) -> str:
    return ",".join(str(day) for day in sorted({int(day) for day in days}))


def check_rule(rule: Rule) -> None:
    """Refuse a rule that cannot make dates, in words the person can act on."""
    if not rule.weekdays or any(day not in WEEKDAYS for day in rule.weekdays):
        raise DomainError(_("Choose at least one weekday."))
    if not 1 <= rule.interval_weeks <= MAX_INTERVAL_WEEKS:
        raise DomainError(
            _("The gig can repeat every week or every %(max)s weeks at the longest.") % {"max": MAX_INTERVAL_WEEKS}
        )
    if (rule.until is None) == (rule.count is None):
        raise DomainError(_("Give either the last date or the number of times, not both."))
    if rule.count is not None and rule.count < 1:
        raise DomainError(_("The number of times must be at least 1."))
    if rule.until is not None and rule.until < rule.start:
        raise DomainError(_("The last date is before the first date."))


def rule_dates(rule: Rule) -> list[dt.date]:
    """Every date of the rule, in order; refused when there are none or more than the cap."""
    check_rule(rule)
    monday = rule.start - dt.timedelta(days=rule.start.weekday())
    horizon = rule.start + MAX_SPAN
    until = min(rule.until, horizon) if rule.until is not None else horizon
    dates = [
        when.date()
        for when in rrule(
            WEEKLY,
            interval=rule.interval_weeks,
            byweekday=[weekday(day) for day in rule.weekdays],
            wkst=MO,
            dtstart=dt.datetime.combine(monday, dt.time()),
            until=dt.datetime.combine(until, dt.time()),
        )
        if when.date() >= rule.start
    ]
    if rule.count is not None:
        if rule.count > MAX_DATES or len(dates) < rule.count:
            raise _too_long()
        dates = dates[: rule.count]
    elif rule.until is not None and rule.until > horizon:
        raise _too_long()
    if len(dates) > MAX_DATES:
        raise _too_long()
    if not dates:
        raise DomainError(_("The rule gives no dates. Check the first date and the weekdays."))
    return dates


def _too_long() -> DomainError:
    return DomainError(
        _(
            "A repeating gig can have at most %(count)s dates within a year of its first date. Make it shorter; "
            "you can add another one later."
        )
        % {"count": MAX_DATES}
    )
