"""/healthz is liveness (the process answers); /readyz is readiness: database, cache, broker and
the age of the oldest unsent email. A load balancer reads /readyz: 503 only when the process cannot
serve (no database); with the cache or broker down it serves, degraded, so 200 naming what fails.
A monitor reads /readyz?strict=1: 503 whenever anything fails. The faults are real: the cache or
the broker on a closed port."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone

from jobcenter.models import OutboundEmail
from tests.factories import CoordinatorFactory
from tests.support.faults import broker_unreachable, cache_unreachable

pytestmark = pytest.mark.django_db


def _ready(client):
    response = client.get("/readyz")
    return response, response.json()


def test_readyz__ready_when_everything_answers(client):
    response, body = _ready(client)
    assert response.status_code == 200
    assert body["status"] == "ready" and body["failing"] == []
    assert body["database"] == "ok" and body["cache"] == "ok"
    assert body["broker"] in {"ok", "inline"}  # inline: no broker, tasks run in the request
    assert body["oldest_queued_email_age_seconds"] is None
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


@pytest.mark.worker
def test_readyz__the_real_broker_answers(client):
    from jobcenter.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        response, body = _ready(client)
    finally:
        app.conf.task_always_eager = previous
    assert response.status_code == 200, body
    assert body["broker"] == "ok"


def test_readyz__degraded_naming_the_cache_when_redis_is_down(client):
    with cache_unreachable() as url:
        response, body = _ready(client)
        strict = client.get("/readyz?strict=1")
    # The pages still work (tests/trust/test_degraded_cache.py): the load balancer keeps the process.
    assert response.status_code == 200
    assert body["status"] == "degraded" and body["failing"] == ["cache"]
    assert body["cache"] == "unreachable" and body["database"] == "ok"
    assert strict.status_code == 503 and strict.json()["failing"] == ["cache"]
    assert url.split("//")[1].split("/")[0] not in response.content.decode()  # no addresses


def test_readyz__degraded_naming_the_broker_when_it_is_down(client):
    with broker_unreachable() as url:
        response, body = _ready(client)
        strict = client.get("/readyz?strict=1")
    assert response.status_code == 200
    assert body["status"] == "degraded"
    assert body["failing"] == ["broker"] and body["broker"] == "unreachable"
    assert strict.status_code == 503
    assert url.split("//")[1].split("/")[0] not in response.content.decode()


def test_readyz__reports_the_oldest_unsent_email_and_fails_strict_over_the_threshold(client):
    email = OutboundEmail.objects.create(code="test", to="a@example.org", subject="s", body_text="b")
    OutboundEmail.objects.filter(pk=email.pk).update(created_at=timezone.now() - dt.timedelta(minutes=30))

    with override_settings(JOBCENTER_READY_MAX_EMAIL_AGE_SECONDS=40 * 60):
        response, body = _ready(client)
        assert client.get("/readyz?strict=1").status_code == 200
    assert response.status_code == 200 and body["status"] == "ready"
    assert 30 * 60 <= body["oldest_queued_email_age_seconds"] < 31 * 60

    with override_settings(JOBCENTER_READY_MAX_EMAIL_AGE_SECONDS=20 * 60):
        response, body = _ready(client)
        strict = client.get("/readyz?strict=1")
    # A mail backlog is named, but is no reason for the load balancer to stop sending pages here.
    assert response.status_code == 200 and body["status"] == "degraded" and body["failing"] == ["email"]
    assert strict.status_code == 503 and strict.json()["failing"] == ["email"]


def test_readyz__needs_no_login_and_answers_staff_without_mfa_too(client, no_auto_mfa):
    assert client.get("/readyz").status_code == 200
    client.force_login(CoordinatorFactory())
    assert client.get("/readyz").status_code == 200


def test_healthz__liveness_only(client):
    with cache_unreachable(), broker_unreachable():
        response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
