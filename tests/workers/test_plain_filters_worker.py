"""The plain-language filters added for the worker's mobile view (the older ones are tested in
tests/pages/test_plain_filters.py)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from jobcenter.templatetags.plain import (
    euros_exact,
    plain_date_year,
    plain_month,
    plain_number,
    rating_word,
    stars,
    stars_text,
    tel,
)


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [
        ("fi", Decimal("30"), "30,00 euroa"),
        ("fi", Decimal("57.75"), "57,75 euroa"),
        ("sv", Decimal("12.5"), "12,50 euro"),
        ("en", Decimal("30"), "30.00 euros"),
        ("fi", None, ""),
    ],
)
def test_euros_exact__always_shows_cents(language, value, expected):
    with translation.override(language):
        assert euros_exact(value) == expected


@pytest.mark.parametrize(
    ("language", "filter_", "expected"),
    [
        ("fi", plain_date_year, "3.3.2026"),
        ("sv", plain_date_year, "3 mars 2026"),
        ("en", plain_date_year, "3 March 2026"),
        ("fi", plain_month, "maaliskuu 2026"),
        ("sv", plain_month, "mars 2026"),
        ("en", plain_month, "March 2026"),
    ],
)
def test_dates__in_full_with_the_year(language, filter_, expected):
    with translation.override(language):
        assert filter_(dt.date(2026, 3, 3)) == expected


def test_dates__ignore_what_is_not_a_date():
    assert plain_date_year(None) == "" and plain_month("") == ""


@pytest.mark.parametrize(("value", "expected"), [("3.00", "3"), ("2.50", "2,5"), ("1.25", "1,25")])
def test_plain_number__as_the_worker_writes_it(value, expected):
    with translation.override("fi"):
        assert plain_number(Decimal(value)) == expected


@pytest.mark.parametrize(
    ("language", "rating", "expected_stars", "expected_text", "expected_word"),
    [
        ("fi", 4, "★★★★☆", "4 tähteä viidestä", "erittäin hyvä"),
        ("fi", 1, "★☆☆☆☆", "1 tähti viidestä", "heikko"),
        ("sv", 5, "★★★★★", "5 stjärnor av 5", "utmärkt"),
        ("en", 3, "★★★☆☆", "3 stars out of 5", "good"),
    ],
)
def test_rating__as_stars_and_as_words(language, rating, expected_stars, expected_text, expected_word):
    with translation.override(language):
        assert stars(rating) == expected_stars
        assert stars_text(rating) == expected_text
        assert rating_word(rating) == expected_word


@pytest.mark.parametrize("value", [0, 6, None, "x"])
def test_rating__out_of_range_gives_nothing(value):
    assert stars(value) == stars_text(value) == rating_word(value) == ""


@pytest.mark.parametrize(
    ("value", "expected"),
    [("09 310 12345", "tel:0931012345"), ("+358 9 310 12345", "tel:+358931012345"), ("", ""), (None, "")],
)
def test_tel__keeps_digits_and_a_leading_plus(value, expected):
    assert tel(value) == expected
