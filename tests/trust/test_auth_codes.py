"""AUTH-2 and AUTH-3: emailed login codes and brute-force limits.

A code is long enough and random, works once, for at most 10 minutes, for 3 tries, and only in the
browser session that asked for it. Requests are rate-limited per IP and per address, a forged
X-Forwarded-For does not reset the count, and a known and an unknown address get the same answer.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client
from freezegun import freeze_time

from tests.factories import WorkerFactory
from tests.support.processes import ROOT

pytestmark = pytest.mark.django_db

REQUEST = "/accounts/login/code/"
TOO_MANY = "Liian monta virheellistä kirjautumisyritystä"
CONFIRM = "/accounts/login/code/confirm/"
CODE = re.compile(r"^\s*([A-Z0-9]{3,}(?:-[A-Z0-9]+)*)\s*$", re.MULTILINE)
START = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def worker():
    return WorkerFactory()


def _request_code(client, email: str):
    return client.post(REQUEST, {"email": email})


def _code_from(message) -> str:
    match = CODE.search(message.body)
    assert match, message.body
    return match.group(1)


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_code__is_random_and_long_enough(worker, client, mailoutbox):
    codes = set()
    for n in range(3):
        other = Client()
        _request_code(other, worker.user.email)
        codes.add(_code_from(mailoutbox[n]))
    assert len(codes) == 3
    assert all(len(code.replace("-", "")) >= 6 for code in codes)  # ≥ 6 characters, far over 20 bits
    assert settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT <= 600
    assert settings.ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS <= 3


def test_code__logs_in_once_and_never_again(worker, client, mailoutbox):
    response = _request_code(client, worker.user.email)
    assert response.status_code == 302 and response.url.startswith(CONFIRM)
    code = _code_from(mailoutbox[0])

    assert client.post(CONFIRM, {"code": code}).status_code == 302
    assert _logged_in(client)
    client.post("/accounts/logout/")

    reused = client.post(CONFIRM, {"code": code})

    assert reused.status_code == 302 and reused.url.startswith("/accounts/login/")
    assert not _logged_in(client)


def test_code__expires_after_ten_minutes(worker, client, mailoutbox):
    with freeze_time(START) as clock:
        _request_code(client, worker.user.email)
        code = _code_from(mailoutbox[0])
        clock.tick(dt.timedelta(minutes=10, seconds=1))

        response = client.post(CONFIRM, {"code": code})

        # (Checked inside the frozen time: the session would look expired at the real date.)
        assert not _logged_in(client)
        assert response.status_code in (200, 302)


def test_code__works_within_its_time(worker, client, mailoutbox):
    with freeze_time(START) as clock:
        _request_code(client, worker.user.email)
        clock.tick(dt.timedelta(minutes=9))
        client.post(CONFIRM, {"code": _code_from(mailoutbox[0])})

        assert _logged_in(client)


def test_code__the_fourth_wrong_attempt_ends_the_flow(worker, client, mailoutbox):
    _request_code(client, worker.user.email)
    code = _code_from(mailoutbox[0])
    for _attempt in range(settings.ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS - 1):
        wrong = client.post(CONFIRM, {"code": "WRONG-CODE"})
        assert wrong.status_code == 200  # the form again, with an error
    last = client.post(CONFIRM, {"code": "WRONG-CODE"})
    assert last.status_code == 302 and last.url.startswith("/accounts/login/")

    # The flow is over: even the right code no longer logs in.
    response = client.post(CONFIRM, {"code": code})

    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert not _logged_in(client)


def test_code__works_only_in_the_browser_that_asked_for_it(worker, mailoutbox):
    asked, elsewhere = Client(), Client()
    _request_code(asked, worker.user.email)
    code = _code_from(mailoutbox[0])

    response = elsewhere.post(CONFIRM, {"code": code})

    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert not _logged_in(elsewhere)
    # The right browser still can.
    asked.post(CONFIRM, {"code": code})
    assert _logged_in(asked)


# --- AUTH-3 -----------------------------------------------------------------------------------------
def test_rate_limit__a_fourth_code_for_one_address_is_refused(worker, mailoutbox):
    for _n in range(3):
        assert _request_code(Client(), worker.user.email).status_code == 302

    response = _request_code(Client(), worker.user.email)

    assert response.status_code == 200  # the form again, with the message
    assert TOO_MANY in response.content.decode()
    assert len(mailoutbox) == 3


def test_rate_limit__a_forged_x_forwarded_for_does_not_reset_the_ip_count(mailoutbox):
    responses = []
    for n in range(6):
        client = Client(headers={"X-Forwarded-For": f"198.51.100.{n}"})
        responses.append(_request_code(client, f"nobody{n}@example.org"))

    assert [r.status_code for r in responses[:5]] == [302] * 5
    assert TOO_MANY in responses[5].content.decode()


def test_rate_limit__failed_passwords_for_one_account_are_limited(worker):
    pages = [
        Client().post("/accounts/login/", {"login": worker.user.email, "password": f"wrong-{n}"}).content.decode()
        for n in range(6)
    ]
    assert not any(TOO_MANY in page for page in pages[:5])
    assert TOO_MANY in pages[5]
    # Even the right password is refused while the limit holds.
    right = Client().post("/accounts/login/", {"login": worker.user.email, "password": "correct horse battery staple"})
    assert TOO_MANY in right.content.decode()


def test_no_enumeration__known_and_unknown_addresses_get_the_same_answer(worker, mailoutbox):
    known = _request_code(Client(), worker.user.email)
    unknown = _request_code(Client(), "nobody-here@example.org")

    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    known_page = Client()
    unknown_page = Client()
    first = known_page.get(_request_code(known_page, worker.user.email).url)
    second = unknown_page.get(_request_code(unknown_page, "nobody-else@example.org").url)
    assert first.status_code == second.status_code == 200
    assert [t.name for t in first.templates] == [t.name for t in second.templates]


def test_no_enumeration__wrong_password_answers_are_the_same(worker):
    known = Client().post("/accounts/login/", {"login": worker.user.email, "password": "not-it"})
    unknown = Client().post("/accounts/login/", {"login": "nobody-here@example.org", "password": "not-it"})

    assert known.status_code == unknown.status_code == 200
    assert [t.name for t in known.templates] == [t.name for t in unknown.templates]
    errors = known.context["form"].non_field_errors(), unknown.context["form"].non_field_errors()
    assert list(errors[0]) == list(errors[1])


# --- The shared cache ------------------------------------------------------------------------------
def _cache_backend_with(env: dict) -> str:
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    full_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "jobcenter.settings", "DJANGO_SECRET_KEY": "x" * 50, **env}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=full_env, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_cache__with_redis_configured_rate_limits_live_in_redis():
    backend = _cache_backend_with({"REDIS_URL": "redis://127.0.0.1:6379/3"})
    assert backend == "jobcenter.cache.ResilientRedisCache"  # Redis, falling back per process while it is down


def test_cache__this_run_uses_a_shared_cache_when_redis_is_set():
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.REDIS_URL:
        assert "Dummy" not in backend and "LocMem" not in backend
    else:  # the embedded default: one process, memory is enough
        assert backend.endswith("LocMemCache")
