"""Redis (the cache) down: the site is degraded, not down (issue 12, item 3).

Each test points the production cache backend (jobcenter.cache.ResilientRedisCache) at a closed
port: the connection is really refused, as when Redis is down. Logins (password + TOTP, login
codes) and the public order form work; rate limits keep counting in each process; the outage is
logged once; sessions stay in the database; the retention run and the month-end run refuse to
start rather than run without their shared lock or progress.
"""

from __future__ import annotations

import logging
import re
import uuid

import pytest
from django.conf import settings
from django.core.cache import cache

from billing.models import Invoice
from jobcenter import ratelimit
from jobcenter.models import OutboundEmail
from orders.models import Order
from tests.factories import CoordinatorFactory, WorkerFactory
from tests.factories.auth import give_totp, totp_code
from tests.support.faults import cache_unreachable
from tests.support.order_form import VALID
from tests.support.pages import visible
from workers.tasks import anonymise_expired_personal_data_task

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # the factories' password


def _order(client, **overrides):
    return client.post("/order/", {**VALID, "submission_key": str(uuid.uuid4()), **overrides})


def test_sessions_live_in_the_database_not_in_the_cache():
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_cache_down__staff_log_in_with_password_and_totp(client):
    user = CoordinatorFactory()
    give_totp(user)
    with cache_unreachable():
        page = client.get("/accounts/login/")
        assert page.status_code == 200

        response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
        assert response.status_code == 302 and response.url == "/accounts/2fa/authenticate/"
        response = client.post("/accounts/2fa/authenticate/", {"code": totp_code()})

        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(user.pk)
        assert client.get("/coordinator/").status_code == 200


def test_cache_down__a_wrong_password_is_refused_as_usual(client):
    user = CoordinatorFactory()
    with cache_unreachable():
        response = client.post("/accounts/login/", {"login": user.email, "password": "wrong password here"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_cache_down__a_login_code_is_requested_and_logs_in(client, mailoutbox):
    worker = WorkerFactory()
    with cache_unreachable():
        response = client.post("/accounts/login/code/", {"email": worker.user.email})
        assert response.status_code == 302 and response.url == "/accounts/login/code/confirm/"
        assert len(mailoutbox) == 1
        code = re.search(r"^\s*([A-Z0-9]{3,}(?:-[A-Z0-9]+)*)\s*$", mailoutbox[0].body, re.MULTILINE).group(1)

        response = client.post("/accounts/login/code/confirm/", {"code": code})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(worker.user.pk)


def test_cache_down__the_order_form_is_sent_and_the_thanks_page_shows(client, django_capture_on_commit_callbacks):
    with cache_unreachable():
        assert client.get("/order/").status_code == 200
        with django_capture_on_commit_callbacks(execute=True):
            response = _order(client)
        order = Order.objects.get()
        assert response.status_code == 302 and response["Location"] == f"/order/sent/{order.pk}/"
        thanks = client.get(response["Location"])

    assert thanks.status_code == 200
    assert "Kiitos! Tilauksesi on lähetetty." in visible(thanks)
    assert OutboundEmail.objects.filter(to=VALID["contact_email"]).exists()


def test_cache_down__rate_limits_still_count_in_this_process(client):
    with cache_unreachable():
        for _ in range(settings.JOBCENTER_ORDER_FORM_RATE_LIMIT):
            assert _order(client).status_code == 302
        response = _order(client)
        assert response.status_code == 429
        assert [ratelimit.hit("test:key", limit=2, window_seconds=60) for _ in range(3)] == [True, True, False]


def test_cache_down__the_outage_is_logged_once_not_per_request(client, caplog):
    with caplog.at_level(logging.ERROR, logger="jobcenter.cache"), cache_unreachable():
        for _ in range(3):
            assert client.get("/accounts/login/").status_code == 200
            cache.set("some-key", 1)
    outage = [r for r in caplog.records if r.name == "jobcenter.cache" and "unreachable" in r.getMessage()]
    assert len(outage) == 1


def test_cache_down__a_slow_redis_is_not_waited_for_long():
    # The socket timeouts are short, so a Redis that does not answer costs a request about a second.
    options = settings.CACHES["default"].get("OPTIONS", {})
    assert settings.REDIS_SOCKET_TIMEOUT <= 1
    if settings.CACHES["default"]["BACKEND"] == "jobcenter.cache.ResilientRedisCache":
        assert options["socket_connect_timeout"] <= 1 and options["socket_timeout"] <= 1


def test_cache_down__the_retention_run_fails_closed_without_its_shared_lock(caplog):
    with caplog.at_level(logging.ERROR, logger="workers.retention"), cache_unreachable():
        result = anonymise_expired_personal_data_task()
    assert result == {"skipped": "the shared cache for the lock is unreachable"}
    assert any("retention run skipped" in r.getMessage() for r in caplog.records)


def test_cache_down__the_month_end_run_says_it_could_not_start(client):
    coordinator = CoordinatorFactory()
    client.force_login(coordinator)
    with cache_unreachable():
        response = client.post("/billing/month-end/", {"year": "2025", "month": "10"})
    assert response.status_code == 503
    text = visible(response)
    assert "Kuukauden laskutusajo ei voinut alkaa" in text and "Mitään ei laskutettu." in text
    assert "Yritä uudelleen" in text
    assert Invoice.objects.count() == 0
