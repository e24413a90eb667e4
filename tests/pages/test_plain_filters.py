"""The plain-language filters used on worker pages: dates, hours and money in full words."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import translation

from jobcenter.templatetags.plain import euros, hours, plain_when


def _gig(day=dt.date(2026, 3, 3), start=dt.time(10), planned="3", **extra):
    return SimpleNamespace(date=day, start_time=start, planned_hours=Decimal(planned), **extra)


@pytest.mark.parametrize(
    ("language", "gig", "expected"),
    [
        ("fi", _gig(), "tiistaina 3.3. klo 10–13"),
        ("fi", _gig(start=dt.time(9, 30), planned="2.5"), "tiistaina 3.3. klo 9.30–12.00"),
        ("sv", _gig(), "tisdag den 3 mars kl. 10–13"),
        ("en", _gig(), "on Tuesday 3 March at 10:00–13:00"),
        ("fi", _gig(day=dt.date(2026, 3, 8), start=None), "sunnuntaina 8.3."),
    ],
)
def test_plain_when__writes_weekday_date_and_times_in_full(language, gig, expected):
    with translation.override(language):
        assert plain_when(gig) == expected


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [
        ("fi", Decimal("30.00"), "30 euroa"),
        ("fi", Decimal("32.50"), "32,50 euroa"),
        ("fi", Decimal("32.25"), "32,25 euroa"),
        ("sv", Decimal("20"), "20 euro"),
        ("en", Decimal("20"), "20 euros"),
        ("fi", None, ""),
    ],
)
def test_euros__says_the_word(language, value, expected):
    with translation.override(language):
        assert euros(value) == expected


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [("fi", "1", "1 tunti"), ("fi", "2", "2 tuntia"), ("fi", "1.5", "1,5 tuntia"), ("en", "1", "1 hour")],
)
def test_hours__uses_the_right_form(language, value, expected):
    with translation.override(language):
        assert hours(Decimal(value)) == expected
