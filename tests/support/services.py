"""Which services the run has, the markers that skip without them, and CI's "no skips" rule.

- Markers `postgres`, `worker` and `browser` skip, with the reason, when the service is not there.
  Tests that use the browser or worker fixtures get the marker automatically.
- With JOBCENTER_REQUIRE_ALL_SERVICES=1 (set by .ci/run) a skipped test, or no test at all, makes the
  run fail: CI proves everything, including the PostgreSQL, worker and browser tests.

A pytest plugin: the root conftest lists it in `pytest_plugins`.
"""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
REQUIRE_ALL_SERVICES = os.environ.get("JOBCENTER_REQUIRE_ALL_SERVICES") == "1"

BROWSER_FIXTURES = {"browser", "page", "mobile_page", "axe"}
WORKER_FIXTURES = {"celery_worker_proc", "real_celery"}


def postgres_missing() -> str | None:
    from django.db import connection

    if connection.vendor != "postgresql":
        return (
            "needs PostgreSQL (export DATABASE_URL=postgres://... and JOBCENTER_TEST_SERVICES=1); "
            f"the database is {connection.vendor}"
        )
    return None


def worker_missing() -> str | None:
    from django.conf import settings

    broker = str(settings.CELERY_BROKER_URL)
    if not broker.startswith(("redis://", "rediss://")):
        return (
            "needs a Redis broker for a real Celery worker (REDIS_URL with JOBCENTER_TEST_SERVICES=1); "
            f"the broker is {broker}"
        )
    return None


def browser_missing() -> str | None:
    if not shutil.which(CHROMIUM):
        return f"needs Chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM=...)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "needs the playwright Python package"
    return None


def pytest_collection_modifyitems(config, items):
    checks = {"postgres": postgres_missing, "worker": worker_missing, "browser": browser_missing}
    reasons: dict[str, str | None] = {}
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & BROWSER_FIXTURES and not item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.browser)
        if fixtures & WORKER_FIXTURES and not item.get_closest_marker("worker"):
            item.add_marker(pytest.mark.worker)
        for marker, check in checks.items():
            if item.get_closest_marker(marker):
                if marker not in reasons:
                    reasons[marker] = check()
                if reasons[marker]:
                    item.add_marker(pytest.mark.skip(reason=f"[{marker}] {reasons[marker]}"))


# --- CI: a skipped test is a failure --------------------------------------------------------------
_skipped: list[tuple[str, str]] = []
_no_tests = False


def _skip_reason(report) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr)


def pytest_runtest_logreport(report):
    if report.skipped and not hasattr(report, "wasxfail"):
        _skipped.append((report.nodeid, _skip_reason(report)))


def pytest_collectreport(report):
    if report.skipped:
        _skipped.append((report.nodeid or "<collection>", _skip_reason(report)))


def pytest_sessionfinish(session, exitstatus):
    global _no_tests
    if not REQUIRE_ALL_SERVICES:
        return
    if _skipped and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    if session.exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
        _no_tests = True
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not REQUIRE_ALL_SERVICES:
        return
    if _skipped:
        terminalreporter.section("JOBCENTER_REQUIRE_ALL_SERVICES=1: skipped tests fail the run", red=True)
        for nodeid, reason in _skipped:
            terminalreporter.write_line(f"SKIPPED {nodeid}: {reason}", red=True)
        terminalreporter.write_line(
            f"{len(_skipped)} test(s) skipped; every service must be there (see .ci/run).",
            red=True,
            bold=True,
        )
    if _no_tests:
        terminalreporter.write_line("No tests ran: that is a failure on CI.", red=True, bold=True)
