"""Template filters that write dates, hours and money in full, concrete words: many workers read
little and use a phone, so a date is a weekday and a day, hours are a clock time, money has its unit.

{% load plain %}
{{ gig|plain_when }}   -> "tiistaina 3.3. klo 10–13" (fi), "on Tuesday 3 March at 10:00–13:00" (en)
{{ gig|gig_clock }}    -> "klo 10–13" (fi), "kl. 10–13" (sv), "10:00–13:00" (en)
{{ time|clock }}       -> "klo 10.00" (fi), "kl. 10.00" (sv), "10:00" (en) (jobcenter/clock.py)
{{ 30|euros }}         -> "30 euroa"
{{ 2.5|hours }}        -> "2,5 tuntia"
{{ 30|euros_exact }}   -> "30,00 euroa" (sums of earned money: always with cents)
{{ day|plain_date_year }} -> "3.3.2026" (fi), "3 mars 2026" (sv), "3 March 2026" (en)
{{ day|plain_month }}  -> "maaliskuu 2026"
{{ 2.5|plain_number }} -> "2,5" (a number as the worker writes it, e.g. in a form field)
{{ 4|stars }}          -> "★★★★☆" (decoration: always hide it from screen readers and write the words too)
{{ 4|stars_text }}     -> "4 tähteä viidestä"
{{ 4|rating_word }}    -> "erittäin hyvä"
{{ "09 310 1234"|tel }} -> "tel:093101234"
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django import template
from django.utils import dateformat, formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext, pgettext_lazy

from jobcenter.clock import clock, clock_digits, clock_span, gig_end

register = template.Library()

WEEKDAYS_ON = [
    pgettext_lazy("on weekday", "on Monday"),
    pgettext_lazy("on weekday", "on Tuesday"),
    pgettext_lazy("on weekday", "on Wednesday"),
    pgettext_lazy("on weekday", "on Thursday"),
    pgettext_lazy("on weekday", "on Friday"),
    pgettext_lazy("on weekday", "on Saturday"),
    pgettext_lazy("on weekday", "on Sunday"),
]


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _number(value: Decimal) -> str:
    """2 -> "2", 2.5 -> "2,5" (fi), 32.25 -> "32,25": no needless decimals."""
    if value == value.to_integral_value():
        return formats.number_format(int(value))
    normalized = value.normalize()
    places = max(-normalized.as_tuple().exponent, 1)
    return formats.number_format(value, min(places, 2))


def plain_time(value: dt.time) -> str:
    """A clock time with the language's word for it: "klo 10.00" (fi), "10:00" (en)."""
    return clock(value)


def at_clock(day: str, time_text: str) -> str:
    """A day and a clock time: "tiistaina 3.3. klo 10–13" (fi), "on Tuesday 3 March at 10:00–13:00" (en)."""
    # Translators: a day and a clock time that already has its word ("klo 10.00"). Finnish: "%(day)s %(clock)s".
    return pgettext("day and clock time", "%(day)s at %(clock)s") % {"day": day, "clock": time_text}


def plain_date(value: dt.date) -> str:
    # Translators: a Django date format for day and month in plain language. Finnish: "j.n." (3.3.).
    fmt = pgettext("plain date format", "j F")
    return dateformat.format(value, fmt)


@register.filter
def plain_when(gig) -> str:
    """When a gig is, in full words: weekday, date, start and end time."""
    if gig is None or not getattr(gig, "date", None):
        return ""
    weekday = str(WEEKDAYS_ON[gig.date.weekday()])
    day = _("%(weekday)s %(date)s") % {"weekday": weekday, "date": plain_date(gig.date)}
    start = getattr(gig, "start_time", None)
    if start is None:
        return day
    hours = _decimal(getattr(gig, "planned_hours", None))
    end = gig_end(gig.date, start, hours) if hours else None
    return at_clock(day, clock_span(start, end))


@register.filter(name="clock")
def clock_filter(value) -> str:
    """{{ gig.start_time|clock }} -> "klo 10.00" (fi), "kl. 10.00" (sv), "10:00" (en)."""
    return clock(value) if isinstance(value, dt.time) else ""


@register.filter(name="clock_digits")
def clock_digits_filter(value) -> str:
    """{{ until|clock_digits }} -> "10.30" (fi, sv), "10:30" (en): where the sentence has its own "klo"."""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).time() if timezone.is_aware(value) else value.time()
    return clock_digits(value) if isinstance(value, dt.time) else ""


@register.filter
def gig_clock(gig) -> str:
    """{{ gig|gig_clock }} -> "klo 10–13": a gig's start and planned end."""
    start = getattr(gig, "start_time", None)
    if start is None:
        return ""
    hours = _decimal(getattr(gig, "planned_hours", None))
    return clock_span(start, gig_end(gig.date, start, hours) if hours else None)


@register.filter
def euros(value) -> str:
    amount = _decimal(value)
    if amount is None:
        return ""
    # Whole euros without decimals ("30 euroa"), cents always with two ("32,50 euroa").
    text = _number(amount) if amount == amount.to_integral_value() else formats.number_format(amount, 2)
    return _("%(amount)s euros") % {"amount": text}


@register.filter
def hours(value) -> str:
    amount = _decimal(value)
    if amount is None:
        return ""
    count = 1 if amount == 1 else 2
    return ngettext("%(hours)s hour", "%(hours)s hours", count) % {"hours": _number(amount)}


# --- Additions for the worker's mobile view ------------------------------------------------------
RATING_WORDS = {
    1: pgettext_lazy("rating", "poor"),
    2: pgettext_lazy("rating", "fair"),
    3: pgettext_lazy("rating", "good"),
    4: pgettext_lazy("rating", "very good"),
    5: pgettext_lazy("rating", "excellent"),
}
MAX_STARS = 5


@register.filter
def euros_exact(value) -> str:
    """Money with cents, always: "30,00 euroa", "32,50 euroa". For sums the worker may check."""
    amount = _decimal(value)
    if amount is None:
        return ""
    return _("%(amount)s euros") % {"amount": formats.number_format(amount, 2)}


@register.filter
def plain_number(value) -> str:
    """A number as the worker writes it: 3 -> "3", 2.50 -> "2,5" (fi)."""
    amount = _decimal(value)
    return "" if amount is None else _number(amount)


@register.filter
def plain_date_year(value) -> str:
    """A date with the year, concrete: "3.3.2026" (fi), "3 mars 2026" (sv), "3 March 2026" (en)."""
    if not isinstance(value, dt.date):
        return ""
    # Translators: a Django date format for a date with the year in plain language. Finnish: "j.n.Y" (3.3.2026).
    return dateformat.format(value, pgettext("plain date format with year", "j F Y"))


@register.filter
def plain_month(value) -> str:
    """A month and year: "maaliskuu 2026" (fi), "mars 2026" (sv), "March 2026" (en)."""
    if not isinstance(value, dt.date):
        return ""
    # Translators: a Django date format for a month and year. Finnish and Swedish: "F Y" (maaliskuu 2026).
    return dateformat.format(value, pgettext("plain month format", "F Y"))


def _rating(value) -> int | None:
    try:
        rating = int(value)
    except (TypeError, ValueError):
        return None
    return rating if 1 <= rating <= MAX_STARS else None


@register.filter
def stars(value) -> str:
    """Filled and empty stars. Decoration only: hide it (aria-hidden) and write `stars_text` next to it."""
    rating = _rating(value)
    return "" if rating is None else "★" * rating + "☆" * (MAX_STARS - rating)


@register.filter
def stars_text(value) -> str:
    """The stars in words: "4 tähteä viidestä"."""
    rating = _rating(value)
    if rating is None:
        return ""
    return ngettext("%(stars)s star out of 5", "%(stars)s stars out of 5", rating) % {"stars": rating}


@register.filter
def rating_word(value) -> str:
    """A rating from 1 to 5 as a word: "hyvä"."""
    rating = _rating(value)
    return "" if rating is None else str(RATING_WORDS[rating])


@register.filter
def tel(value) -> str:
    """A phone number for a `tel:` link: digits and a leading +, nothing else."""
    text = str(value or "").strip()
    digits = "".join(ch for ch in text if ch.isdigit())
    if not digits:
        return ""
    return f"tel:{'+' if text.startswith('+') else ''}{digits}"
