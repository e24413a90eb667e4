"""The figures API's path outcomes (`/api/v1/outcomes/`): behind the bearer token, the table of the
coordinator's outcomes report with the same small groups hidden, and no person in it."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.factories import UnitFactory, UserFactory, WorkerFactory
from tests.support.api import api_token, bearer
from workers.models_paths import PathStepKind, WorkerPathStep

pytestmark = pytest.mark.django_db

OUTCOMES = "/api/v1/outcomes/"
PERIOD = {"start": "2026-01-01", "end": "2026-12-31"}
DAY = dt.date(2026, 3, 10)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def secret():
    return api_token()[1]


def _steps(unit, code, people, *, day=DAY):
    kind = PathStepKind.objects.get(code=code)
    for i in range(people):
        worker = WorkerFactory(user=UserFactory(first_name=f"Etunimi{i}{code}", last_name="Sukunimix"), home_unit=unit)
        WorkerPathStep.objects.create(worker=worker, kind=kind, started_on=day, note="Yksityinen muistiinpano")


@pytest.fixture
def report_data():
    # The coordinator's page test's data: Vallila 6 + 2, Töölö 8.
    vallila, toolo = UnitFactory(name="Vallila"), UnitFactory(name="Töölö")
    _steps(vallila, "open_labour_market", 6)
    _steps(toolo, "open_labour_market", 8)
    _steps(vallila, "hired_by_client", 2)
    return vallila, toolo


def _get(client, secret, **params):
    return client.get(OUTCOMES, {**PERIOD, **params}, headers=bearer(secret))


def _kind(body, code):
    return next(k for k in body["kinds"] if k["code"] == code)


def _by_unit(row, unit):
    return next(c for c in row["by_unit"] if c["unit"] == unit.pk)


def test_outcomes__without_a_token_is_401(client, report_data):
    response = client.get(OUTCOMES, PERIOD)

    assert response.status_code == 401
    assert response.json()["code"] == "token_missing"


def test_outcomes__a_wrong_token_is_401(client, report_data):
    response = _get(client, "not-a-token")

    assert response.status_code == 401
    assert response.json()["code"] == "token_invalid"


def test_outcomes__only_get(client, secret):
    assert client.post(OUTCOMES, PERIOD, headers=bearer(secret)).status_code == 405


def test_outcomes__counts_per_kind_and_unit_with_small_groups_suppressed(client, secret, report_data):
    vallila, toolo = report_data

    response = _get(client, secret)

    assert response.status_code == 200
    body = response.json()
    assert body["period"] == {"start": "2026-01-01", "end": "2026-12-31", "unit": None}
    open_market = _kind(body, "open_labour_market")
    assert open_market["label"] == "Avoimet työmarkkinat"  # names in Finnish, as the site's default
    assert _by_unit(open_market, toolo) == {"unit": toolo.pk, "label": "Töölö", "people": 8, "suppressed": False}
    # Vallila's 2 hires are hidden, and so is its 6: the unit's 8 people would give the 2 away.
    assert _by_unit(open_market, vallila) == {
        "unit": vallila.pk,
        "label": "Vallila",
        "people": None,
        "suppressed": True,
    }
    hired = _kind(body, "hired_by_client")
    assert _by_unit(hired, vallila)["people"] is None and _by_unit(hired, vallila)["suppressed"] is True
    assert hired["total"] == {"people": None, "suppressed": True}
    assert body["total"] == {"people": 16, "suppressed": False}
    assert [u["label"] for u in body["units"]] == ["Töölö", "Vallila"]


def test_outcomes__the_same_cells_as_the_coordinators_report(client, secret, report_data):
    from billing.outcomes import outcome_report

    report = outcome_report(start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    body = _get(client, secret).json()

    assert [row["kind"] for row in body["kinds"]] == [kind_id for kind_id, _name in report.kinds]
    for row, (_name, cells, total) in zip(body["kinds"], report.table(), strict=True):
        assert [(c["people"], c["suppressed"]) for c in row["by_unit"]] == [
            (None if c.hidden else c.people, c.hidden) for c in cells
        ]
        assert row["total"]["suppressed"] == total.hidden


def test_outcomes__no_personal_data_in_the_answer(client, secret, report_data):
    text = json.dumps(_get(client, secret).json())

    assert "Etunimi" not in text and "Sukunimix" not in text and "muistiinpano" not in text
    assert "2026-03-10" not in text


def test_outcomes__narrowed_to_one_unit(client, secret, report_data):
    vallila, _toolo = report_data

    body = _get(client, secret, unit=vallila.pk).json()

    assert body["period"]["unit"] == vallila.pk
    assert [u["unit"] for u in body["units"]] == [vallila.pk]


def test_outcomes__steps_outside_the_period_are_not_counted(client, secret):
    _steps(UnitFactory(name="Vallila"), "open_labour_market", 6, day=dt.date(2025, 12, 31))

    body = _get(client, secret).json()

    assert body["units"] == []
    assert body["total"] == {"people": 0, "suppressed": False}
    assert all(k["by_unit"] == [] for k in body["kinds"])


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"end": "2025-12-31"}, "end"),
        ({"end": "2031-01-01"}, "end"),
        ({"unit": "999999"}, "unit"),
    ],
)
def test_outcomes__a_bad_parameter_is_400_with_a_message_for_it(client, secret, params, field):
    response = _get(client, secret, **params)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_parameters"
    assert [e["field"] for e in response.json()["errors"]] == [field]


def test_outcomes__a_missing_date_is_an_error(client, secret):
    response = client.get(OUTCOMES, {"start": "2026-01-01"}, headers=bearer(secret))

    assert response.status_code in (400, 422)
