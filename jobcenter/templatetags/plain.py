"""Template filters that write dates, hours and money in full, concrete words: many workers read
little and use a phone, so a date is a weekday and a day, hours are a clock time, money has its unit.

{% load plain %}
{{ gig|plain_when }}   -> "tiistaina 3.3. kello 10–13" (fi), "on Tuesday 3 March at 10:00–13:00" (en)
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
from django.utils import dateformat, formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext, pgettext_lazy

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
    if value.minute == 0:
        # Translators: a Django time format for a full hour in plain language. Finnish: "G" (kello 10).
        fmt = pgettext("plain time format, full hour", "G:i")
    else:
        # Translators: a Django time format with minutes in plain language. Finnish: "G.i" (kello 10.30).
        fmt = pgettext("plain time format, with minutes", "G:i")
    return dateformat.time_format(value, fmt)


def plain_date(value: dt.date) -> str:
    # Translators: a Django date format for day and month in plain language. Finnish: "j.n." (3.3.).
    fmt = pgettext("plain date format", "j F")
    return dateformat.format(value, fmt)


@register.filter
def plain_when(gig) -> str:
    """When a gig is, in full words: weekday, date, start and end time."""
    if gig is None or not getattr(gig, "date", None):
        return ""
    times = ""
    start = getattr(gig, "start_time", None)
    if start is not None:
        times = plain_time(start)
        hours = _decimal(getattr(gig, "planned_hours", None))
        if hours:
            end = dt.datetime.combine(gig.date, start) + dt.timedelta(minutes=int(hours * 60))
            times = f"{times}–{plain_time(end.time())}"
    weekday = str(WEEKDAYS_ON[gig.date.weekday()])
    if not times:
        return _("%(weekday)s %(date)s") % {"weekday": weekday, "date": plain_date(gig.date)}
    return _("%(weekday)s %(date)s at %(time)s") % {
        "weekday": weekday,
        "date": plain_date(gig.date),
        "time": times,
    }


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
