"""The figures API (`/api/v1/`): a bearer token and nothing else lets a reporting system in, and what
it gets are aggregate figures with small groups suppressed and no person in them."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from jobcenter import ratelimit
from jobcenter.api_tokens.models import ApiToken
from jobcenter.api_tokens.services import api_token_revoke
from orders.models import AssignmentStatus, OrderStatus
from tests.factories import (
    AdministratorFactory,
    AssignmentFactory,
    GigFactory,
    OrderFactory,
    UnitFactory,
    UserFactory,
    WorkActivityServiceFactory,
    WorkerFactory,
)
from tests.support.api import api_token, bearer
from units.models import ServiceKind

pytestmark = pytest.mark.django_db

FIGURES = "/api/v1/figures/"
PERIOD = {"start": "2026-01-01", "end": "2026-12-31"}
WORK_DAY = dt.date(2026, 3, 10)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def secret():
    return api_token()[1]


def _work(worker, *, day=WORK_DAY, hours="4.00", client=None):
    """One approved gig of `worker` on `day` (work done, hours approved)."""
    order = OrderFactory(
        terms_accepted=True, status=OrderStatus.APPROVED, **({"client": client} if client is not None else {})
    )
    return AssignmentFactory(
        gig=GigFactory(order=order, date=day),
        worker=worker,
        status=AssignmentStatus.APPROVED,
        reported_hours=Decimal(hours),
        approved_hours=Decimal(hours),
    )


def _workers(n, unit, **names):
    return [
        WorkerFactory(user=UserFactory(first_name=f"Etunimi{i}x", last_name=f"Sukunimi{i}x"), home_unit=unit, **names)
        for i in range(n)
    ]


# --- Who gets in -----------------------------------------------------------------------------------
def test_figures__without_a_token_is_401_with_the_header_to_send(client):
    response = client.get(FIGURES, PERIOD)

    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "token_missing"
    assert "Authorization: Bearer" in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_figures__a_wrong_token_is_401(client, secret):
    response = client.get(FIGURES, PERIOD, headers=bearer(secret + "x"))

    assert response.status_code == 401
    assert response.json()["code"] == "token_invalid"


def test_figures__a_revoked_token_is_401_and_says_so(client):
    admin = AdministratorFactory()
    token, secret = api_token(by=admin)
    api_token_revoke(token=token, by=admin)

    response = client.get(FIGURES, PERIOD, headers=bearer(secret))

    assert response.status_code == 401
    assert response.json()["code"] == "token_revoked"


def test_figures__a_logged_in_administrator_without_a_token_is_401(client):
    client.force_login(AdministratorFactory())

    assert client.get(FIGURES, PERIOD).status_code == 401


def test_figures__a_valid_token_is_200_and_its_last_use_is_stamped(client):
    token, secret = api_token()
    assert token.last_used_at is None

    response = client.get(FIGURES, PERIOD, headers=bearer(secret))

    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert response["Cache-Control"] == "no-store, private"


def test_figures__a_token_over_its_rate_limit_gets_429(client, secret, monkeypatch):
    monkeypatch.setattr("web.api.auth.TOKEN_RATE_LIMIT", 2)

    codes = [client.get("/api/v1/services/", headers=bearer(secret)).status_code for _ in range(3)]

    assert codes == [200, 200, 429]


def test_figures__an_address_that_keeps_guessing_tokens_is_stopped(client, monkeypatch):
    monkeypatch.setattr("web.api.auth.FAILED_RATE_LIMIT", 2)

    codes = [client.get("/api/v1/units/", headers=bearer(f"jcf_guess{i}")).status_code for i in range(3)]

    assert codes == [401, 401, 429]
    ratelimit.reset("api-token-failed:ip:127.0.0.1")


def test_figures__only_get(client, secret):
    assert client.post(FIGURES, PERIOD, headers=bearer(secret)).status_code == 405


# --- The parameters --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"start": "2026-13-01", "end": "2026-12-31"}, "start"),
        ({"start": "1.3.2026", "end": "2026-12-31"}, "start"),
        ({"end": "2026-12-31"}, "start"),
        ({"start": "2026-12-31", "end": "2026-01-01"}, "end"),
        ({"start": "2020-01-01", "end": "2025-01-01"}, "end"),
        ({**PERIOD, "service": "abc"}, "service"),
        ({**PERIOD, "service": "999999"}, "service"),
        ({**PERIOD, "unit": "999999"}, "unit"),
    ],
)
def test_figures__a_bad_parameter_is_400_with_a_message_for_it(client, secret, params, field):
    response = client.get(FIGURES, params, headers=bearer(secret))

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_parameters"
    assert [e["field"] for e in body["errors"]] == [field]
    assert body["errors"][0]["message"]


def test_figures__five_years_less_a_day_is_allowed(client, secret):
    response = client.get(FIGURES, {"start": "2020-01-01", "end": "2024-12-31"}, headers=bearer(secret))

    assert response.status_code == 200


def test_figures__a_unit_of_another_service_is_400(client, secret):
    disability = WorkActivityServiceFactory(kind=ServiceKind.DISABILITY)
    social = WorkActivityServiceFactory(kind=ServiceKind.ADULT_SOCIAL_WORK)
    unit = UnitFactory(service=social)

    response = client.get(FIGURES, {**PERIOD, "service": disability.pk, "unit": unit.pk}, headers=bearer(secret))

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "unit"


def test_figures__the_messages_follow_accept_language(client, secret):
    response = client.get(FIGURES, {"end": "2026-12-31"}, headers={**bearer(secret), "Accept-Language": "en"})

    assert response.json()["detail"] == "Check the parameters."


# --- The figures -----------------------------------------------------------------------------------
def test_figures__a_small_group_is_suppressed_with_null_numbers(client, secret):
    unit = UnitFactory()
    for worker in _workers(2, unit):
        _work(worker)

    body = client.get(FIGURES, PERIOD, headers=bearer(secret)).json()

    assert body["total"]["suppressed"] is True
    for name in ("people", "hours", "earnings", "gigs", "clients"):
        assert body["total"][name] is None, name
    unit_rows = [row for row in body["by_unit"] if row["label"] == unit.name]
    assert unit_rows and all(row["suppressed"] and row["people"] is None for row in unit_rows)


def test_figures__a_group_of_five_shows_its_numbers(client, secret):
    unit = UnitFactory()
    for worker in _workers(6, unit):
        _work(worker, hours="4.00")

    body = client.get(FIGURES, PERIOD, headers=bearer(secret)).json()

    assert body["total"]["suppressed"] is False
    assert body["total"]["people"] == 6
    assert Decimal(body["total"]["hours"]) == Decimal("24.00")
    assert body["period"] == {"start": "2026-01-01", "end": "2026-12-31", "service": None, "unit": None}


def test_figures__the_body_names_no_person(client, secret):
    unit = UnitFactory()
    workers = _workers(6, unit)
    for worker in workers:
        _work(worker)

    response = client.get(FIGURES, PERIOD, headers=bearer(secret))

    text = response.content.decode()
    assert response.status_code == 200
    for worker in workers:
        for value in (worker.user.first_name, worker.user.last_name, worker.user.email):
            assert value not in text
    # The support needs of the factories' workers (health data) least of all.
    assert workers[0].support_needs not in text
    assert "quote" not in json.dumps(response.json()).lower()


def test_figures__has_the_aggregate_sections_and_no_quotes(client, secret):
    body = client.get(FIGURES, PERIOD, headers=bearer(secret)).json()

    assert set(body) == {
        "period",
        "total",
        "by_service",
        "by_unit",
        "task_types",
        "first_and_repeat",
        "cancellations",
        "rating",
        "unit_shares",
    }


def test_figures__a_quote_the_client_allowed_is_in_the_report_but_not_in_the_api(client, secret):
    from billing.results import ResultsFilter, results_report
    from orders.models import Feedback, FeedbackSource

    unit = UnitFactory()
    assignments = [_work(worker) for worker in _workers(6, unit)]
    quote = "Aino teki upeaa työtä, kiitos!"
    Feedback.objects.create(
        assignment=assignments[0], rating=5, text=quote, source=FeedbackSource.COORDINATOR, may_quote=True
    )
    assert quote in results_report(ResultsFilter(dt.date(2026, 1, 1), dt.date(2026, 12, 31))).quotes

    response = client.get(FIGURES, PERIOD, headers=bearer(secret))

    assert response.status_code == 200
    assert quote not in response.content.decode()
    assert response.json()["rating"]["count"] == 1


# --- The organisation ------------------------------------------------------------------------------
def test_services_and_units__ids_and_names_only(client, secret):
    unit = UnitFactory(is_active=False)

    services = client.get("/api/v1/services/", headers=bearer(secret)).json()
    units = client.get("/api/v1/units/", headers=bearer(secret)).json()

    assert {"id": unit.service.pk, "kind": unit.service.kind, "name": unit.service.name} in services
    assert {"id": unit.pk, "name": unit.name, "service": unit.service_id, "active": False} in units
    assert unit.email not in json.dumps(units) and unit.phone not in json.dumps(units)


def test_api_tokens__only_the_hash_is_stored(secret):
    import hashlib

    stored = ApiToken.objects.get()
    assert stored.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(list(ApiToken.objects.values()))
