"""One way to write a clock time per language, for pages, emails and PDFs alike.

    clock(10:00)              -> "klo 10.00" (fi), "kl. 10.00" (sv), "10:00" (en)
    clock_span(10:00, 13:00)  -> "klo 10–13" (fi), "kl. 10–13" (sv), "10:00–13:00" (en)
    clock_span(10:30, 13:00)  -> "klo 10.30–13.00" (fi)

The formats are in jobcenter/formats/<language>/formats.py (CLOCK_*), read for the active language:
render inside `translation.override(recipient's language)` and the clock follows.
"""

from __future__ import annotations

import datetime as dt

from django.utils import dateformat, formats


def _format(value: dt.time, name: str) -> str:
    return dateformat.time_format(value, formats.get_format(name))


def _prefixed(text: str) -> str:
    return formats.get_format("CLOCK_PREFIX").format(text)


def clock_digits(value: dt.time | None) -> str:
    """The time alone, without "klo": "10.00" (fi), "10:00" (en). For a table column or a field."""
    return "" if value is None else _format(value, "CLOCK_FORMAT")


def clock(value: dt.time | None) -> str:
    """A time of day with the language's word for it: "klo 10.00"."""
    return "" if value is None else _prefixed(clock_digits(value))


def clock_span(start: dt.time | None, end: dt.time | None = None) -> str:
    """From start to end: "klo 10–13"; with minutes in either, both are written in full."""
    if start is None:
        return ""
    if end is None:
        return clock(start)
    name = "CLOCK_HOUR_FORMAT" if start.minute == 0 and end.minute == 0 else "CLOCK_FORMAT"
    return _prefixed(f"{_format(start, name)}–{_format(end, name)}")


def gig_end(date: dt.date, start: dt.time, hours) -> dt.time:
    """When a gig that starts at `start` and lasts `hours` ends (its planned hours, in minutes)."""
    return (dt.datetime.combine(date, start) + dt.timedelta(minutes=int(hours * 60))).time()
