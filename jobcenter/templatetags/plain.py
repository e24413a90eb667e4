"""Template filters that write dates, hours and money in full, concrete words (see PLAIN-LANGUAGE.md).

{% load plain %}
{{ gig|plain_when }}   -> "tiistaina 3.3. kello 10–13" (fi), "on Tuesday 3 March at 10:00–13:00" (en)
{{ 30|euros }}         -> "30 euroa"
{{ 2.5|hours }}        -> "2,5 tuntia"
{{ gig|worker_pay }}   -> the worker's pay for the gig, a Decimal (use with `euros`)
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


@register.filter
def gig_hours(gig) -> Decimal | None:
    """The hours that count for the worker: approved, else reported, else planned."""
    for name in ("approved_hours", "reported_hours", "planned_hours"):
        value = _decimal(getattr(gig, name, None))
        if value:
            return value
    return None


@register.filter
def worker_pay(gig) -> Decimal | None:
    """The worker's pay for a gig from `orders.selectors.gig_list_for_worker` (before tax)."""
    rate = _decimal(getattr(gig, "worker_hourly_pay", None))
    counted = gig_hours(gig)
    if rate is None or counted is None:
        return None
    return (rate * counted).quantize(Decimal("0.01"))
