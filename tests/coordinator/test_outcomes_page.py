"""The coordinator's outcomes report: outcome steps of the period by kind and unit, small groups shown
as "hidden (protects a group of fewer than 5)", the same in the CSV file."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import CoordinatorFactory, UnitFactory, WorkerFactory
from workers.models_paths import PathStepKind, WorkerPathStep

pytestmark = [pytest.mark.django_db]

DAY = dt.date(2026, 3, 10)


def _steps(unit, code, people):
    kind = PathStepKind.objects.get(code=code)
    for _i in range(people):
        WorkerPathStep.objects.create(worker=WorkerFactory(home_unit=unit), kind=kind, started_on=DAY)


@pytest.fixture
def report_data():
    vallila, toolo = UnitFactory(name="Vallila"), UnitFactory(name="Töölö")
    _steps(vallila, "open_labour_market", 6)
    _steps(toolo, "open_labour_market", 8)
    _steps(vallila, "hired_by_client", 2)
    return vallila, toolo


def _get(client, name, **params):
    client.force_login(CoordinatorFactory())
    with translation.override("en"):
        url = reverse(name)
    return client.get(url, {"start": "2026-01-01", "end": "2026-12-31", **params}, HTTP_ACCEPT_LANGUAGE="en")


def test_page_shows_counts_and_hides_small_groups(client, report_data):
    response = _get(client, "coordinator:outcomes")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Open labour market" in page and "Vallila" in page and "Töölö" in page
    # Vallila's 2 hires are hidden, and so is its 6, or the unit's 8 people would give the 2 away.
    assert "<td>8</td>" in page and "hidden (protects a group of fewer than 5)" in page
    assert "<td>2</td>" not in page and "<td>6</td>" not in page


def test_page_filters_by_unit(client, report_data):
    vallila, _toolo = report_data
    page = _get(client, "coordinator:outcomes", unit=vallila.pk).content.decode()
    table = page[page.index("<table") :]
    assert "Vallila" in table and "Töölö" not in table


def test_csv_has_the_same_table(client, report_data):
    response = _get(client, "coordinator:outcomes-csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    body = response.content.decode()
    hidden = "hidden (protects a group of fewer than 5)"
    assert f"Open labour market;8;{hidden};{hidden}" in body
    assert ";2;" not in body and ";6;" not in body
