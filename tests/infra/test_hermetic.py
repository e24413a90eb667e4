"""The suite is hermetic: what the developer's shell exports does not change a result.

The test run decides its environment in tests/settings.py. These tests check the settings it gives
and run a few of the tests that used to depend on the shell (HSTS, the cache, a dashboard filter)
in a fresh pytest process whose environment is as hostile as a developer's can be.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings

from tests.settings import SERVICE_VARIABLES, environment_for_tests, services_requested
from tests.support.processes import ROOT

# A developer's shell after `make run` setup: debug on, the services of their machine, their own
# settings module. Redis on port 9 (discard) answers nobody: a test that used it would fail.
HOSTILE_SHELL = {
    "DJANGO_DEBUG": "1",
    "DJANGO_SETTINGS_MODULE": "jobcenter.settings",
    "DJANGO_SECRET_KEY": "a-developer-s-own-key",
    "DJANGO_HSTS_SECONDS": "0",
    "REDIS_URL": "redis://127.0.0.1:9/0",
    "CELERY_BROKER_URL": "redis://127.0.0.1:9/1",
    "CELERY_TASK_ALWAYS_EAGER": "0",
    "DATABASE_URL": "postgres://nobody:nothing@127.0.0.1:9/nothing",
    "SITE_URL": "http://192.0.2.1:8000",
    "JOBCENTER_ORDER_FORM_MIN_FILL_SECONDS": "30",
}


def test_the_run_tests_production_behaviour_whatever_the_shell_says():
    assert settings.DEBUG is False
    assert settings.SECURE_HSTS_SECONDS == 31536000
    assert settings.SECURE_HSTS_INCLUDE_SUBDOMAINS is True
    assert settings.WHITENOISE_USE_FINDERS is False
    assert settings.JOBCENTER_ORDER_FORM_MIN_FILL_SECONDS == 0
    assert settings.SITE_URL == "http://127.0.0.1:8000"
    assert os.environ["DJANGO_DEBUG"] == "0"


def test_the_services_of_the_shell_are_used_only_when_asked_for():
    if services_requested():  # CI: its PostgreSQL and Redis, as .ci/run exports them
        redis = os.environ.get("REDIS_URL")
        assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache" if redis else "LocMemCache")
        assert settings.REDIS_URL == (redis or "")
        return
    assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")
    assert settings.CELERY_BROKER_URL == "memory://"
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert not set(SERVICE_VARIABLES) & set(os.environ)


def test_the_environment_keeps_the_services_for_ci_and_drops_them_otherwise():
    shell = {**HOSTILE_SHELL, "PATH": "/usr/bin"}

    local = environment_for_tests(shell)
    ci = environment_for_tests({**shell, "JOBCENTER_REQUIRE_ALL_SERVICES": "1"})

    assert local["DJANGO_DEBUG"] == ci["DJANGO_DEBUG"] == "0"
    assert local["CELERY_TASK_ALWAYS_EAGER"] == ci["CELERY_TASK_ALWAYS_EAGER"] == "1"
    assert "REDIS_URL" not in local and "DATABASE_URL" not in local and "SITE_URL" not in local
    assert ci["REDIS_URL"] == "redis://127.0.0.1:9/0"
    assert ci["DATABASE_URL"] == HOSTILE_SHELL["DATABASE_URL"]
    assert "SITE_URL" not in ci and "DJANGO_HSTS_SECONDS" not in ci
    assert local["PATH"] == ci["PATH"] == "/usr/bin"  # what is not the app's configuration stays


@pytest.mark.slow
def test_a_debug_shell_with_redis_set_changes_no_result(tmp_path):
    env = {
        k: v for k, v in os.environ.items() if k not in {"JOBCENTER_REQUIRE_ALL_SERVICES", "JOBCENTER_TEST_SERVICES"}
    }
    env.update(HOSTILE_SHELL)
    selected = [
        "tests/infra/test_hermetic.py::test_the_run_tests_production_behaviour_whatever_the_shell_says",
        "tests/infra/test_hermetic.py::test_the_services_of_the_shell_are_used_only_when_asked_for",
        "tests/trust/test_headers.py::test_hsts_on_https",
        "tests/trust/test_headers.py::test_session_cookie_is_httponly_and_samesite",  # allauth's rate limit: the cache
        "tests/coordinator/test_dashboard.py::test_dashboard__each_filter_narrows_the_list",
    ]
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--basetemp", str(tmp_path), *selected]

    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)

    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert f"{len(selected)} passed" in result.stdout, result.stdout[-2000:]
