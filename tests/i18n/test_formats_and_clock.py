"""Numbers, dates and clock times as each language writes them, on pages, in emails and forms.

Finnish and Swedish have a decimal comma ("2,50"); dates are day first in all three languages
(2.12.2026, never 12/02/2026); a clock time is "klo 10.00" / "kl. 10.00" / "10:00" through one
helper (jobcenter/clock.py), and a span of full hours "klo 10–13"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django import forms
from django.template import Context, Template
from django.urls import reverse
from django.utils import formats, timezone, translation

from jobcenter.clock import clock, clock_span
from orders import services
from orders.models import AssignmentStatus, OrderStatus
from tests.factories import AssignmentFactory, CoordinatorFactory, GigFactory, WorkerFactory
from tests.factories.states import order_in

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 12, 2)


# --- Clock times ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("language", "single", "span", "with_minutes"),
    [
        ("fi", "klo 10.00", "klo 10–13", "klo 10.30–13.00"),
        ("sv", "kl. 10.00", "kl. 10–13", "kl. 10.30–13.00"),
        ("en", "10:00", "10:00–13:00", "10:30–13:00"),
    ],
)
def test_clock__one_way_per_language(language, single, span, with_minutes):
    with translation.override(language):
        assert clock(dt.time(10)) == single
        assert clock_span(dt.time(10), dt.time(13)) == span
        assert clock_span(dt.time(10, 30), dt.time(13)) == with_minutes


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", "klo 10–13"),
        ("sv", "kl. 10–13"),
        ("en", "at 10:00–13:00"),
    ],
)
def test_plain_when__a_gig_with_the_clock_of_the_language(language, expected):
    gig = GigFactory.build(date=dt.date(2026, 3, 3), start_time=dt.time(10), planned_hours=Decimal("3"))
    with translation.override(language):
        text = Template("{% load plain %}{{ gig|plain_when }}").render(Context({"gig": gig}))
    assert text.endswith(expected), text
    assert "kello" not in text


def test_gig_offer_email__writes_the_time_with_klo_and_the_hours_with_a_comma(
    mailoutbox, django_capture_on_commit_callbacks
):
    gig = GigFactory(
        order=order_in(OrderStatus.STAFFING),
        date=timezone.localdate() + dt.timedelta(days=7),
        start_time=dt.time(10),
        planned_hours=Decimal("2.5"),
    )
    assignment = AssignmentFactory(gig=gig, status=AssignmentStatus.PROPOSED, worker=WorkerFactory())
    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_offer(assignment_id=assignment.pk, by=CoordinatorFactory())
    body = mailoutbox[0].body
    assert "klo 10.00–12.30" in body and "2,5 tuntia" in body
    assert "kello" not in body and "2.5" not in body


# --- Numbers --------------------------------------------------------------------------------------
def test_gig_page__hours_with_a_decimal_comma_in_finnish(client):
    worker = WorkerFactory()
    gig = GigFactory(
        order=order_in(OrderStatus.STAFFING),
        date=timezone.localdate() + dt.timedelta(days=7),
        start_time=dt.time(9),
        planned_hours=Decimal("2.50"),
    )
    assignment = AssignmentFactory(gig=gig, worker=worker, status=AssignmentStatus.ACCEPTED)
    client.force_login(worker.user)
    html = client.get(reverse("workers:gig", args=[assignment.pk])).content.decode()
    assert "2,5 tuntia" in html and "klo 9–11.30" not in html and "klo 9.00–11.30" in html
    assert "2.5 tuntia" not in html and "2.50 tuntia" not in html


@pytest.mark.parametrize(("language", "expected"), [("fi", "2,50"), ("sv", "2,50"), ("en", "2.50")])
def test_number_format__decimal_comma_in_finnish_and_swedish(language, expected):
    with translation.override(language):
        assert formats.number_format(Decimal("2.5"), 2) == expected
        assert Template("{{ value }}").render(Context({"value": Decimal("2.50")})) == expected


# --- Dates ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_dates__day_first_in_every_language(language):
    with translation.override(language):
        assert formats.date_format(DAY, "SHORT_DATE_FORMAT") == "2.12.2026"
        moment = timezone.make_aware(dt.datetime(2026, 12, 2, 10, 5))
        short = formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
        assert short.startswith("2.12.2026 10")
        assert "12/02" not in short and "2026-12-02" not in short and "a.m." not in short


def test_english_pages__show_dates_day_first(client):
    coordinator = CoordinatorFactory()
    client.force_login(coordinator)
    order = order_in(OrderStatus.SUBMITTED)
    type(order).objects.filter(pk=order.pk).update(submitted_at=timezone.make_aware(dt.datetime(2026, 12, 2, 10, 5)))
    with translation.override("en"):
        html = client.get(reverse("coordinator:order", args=[order.pk])).content.decode()
    assert "2.12.2026 10:05" in html
    assert "12/02/2026" not in html and "Dec. 2, 2026" not in html


class _DateForm(forms.Form):
    day = forms.DateField()
    at = forms.TimeField()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_date_inputs__take_what_the_formats_show_and_iso(language):
    with translation.override(language):
        shown = formats.date_format(DAY, "SHORT_DATE_FORMAT")
        for typed in (shown, "02.12.2026", "2026-12-02"):
            form = _DateForm({"day": typed, "at": "10.00" if language != "en" else "10:00"})
            assert form.is_valid(), (typed, form.errors)
            assert form.cleaned_data["day"] == DAY
            assert form.cleaned_data["at"] == dt.time(10)


def test_date_inputs__an_american_date_is_not_taken_in_english():
    with translation.override("en"):
        assert not _DateForm({"day": "12/02/2026", "at": "10:00"}).is_valid()
