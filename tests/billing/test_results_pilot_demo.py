"""The pilot report's table, reproduced from the demo by the results report's own query: the demo's
2022 history is real gigs and approved hours, so these figures are counted, not stored."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from billing.results import ResultsFilter, results_report

pytestmark = pytest.mark.django_db

PILOT = ResultsFilter(start=dt.date(2022, 2, 1), end=dt.date(2022, 10, 24))


@pytest.fixture(autouse=True)
def _demo_settings(settings, tmp_path):
    """As in tests/seed/test_seed_demo.py: DEBUG on (the command refuses otherwise), a fast hasher."""
    settings.DEBUG = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path
    settings.JOBCENTER_IR_OUTBOX_DIR = tmp_path / "incomes-register-outbox"


def test_the_demo_reproduces_the_pilot_table():
    call_command("seed_demo", stdout=StringIO())
    report = results_report(PILOT)

    services = {g.key: g for g in report.by_service}
    assert (services["disability"].people, services["disability"].hours) == (27, Decimal("766.00"))
    assert (services["adult_social_work"].people, services["adult_social_work"].hours) == (8, Decimal("170.00"))
    assert report.total.people == 35
    assert report.total.hours == Decimal("936.00")
    assert not any(g.suppressed for g in [report.total, *report.by_service, *report.by_unit])
    # Nothing else of the demo falls in the pilot's months: every pilot worker's first gig is in it.
    assert report.first_and_repeat.first_gigs == 35

    # A second run adds nothing: the figures stay.
    call_command("seed_demo", stdout=StringIO())
    assert results_report(PILOT).total == report.total
