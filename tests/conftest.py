"""Root fixtures of the whole suite, in one place (so one session starts one Celery worker).

- Markers `postgres`, `worker` and `browser` skip, with the reason, when the service is not there.
  Tests that use the browser or worker fixtures get the marker automatically.
- With JOBCENTER_REQUIRE_ALL_SERVICES=1 (set by .ci/run) a skipped test, or no test at all, makes the
  run fail: CI proves everything, including the PostgreSQL, worker and browser tests.
- `celery_worker_proc` / `real_celery`: a real Celery worker subprocess on the test database.
- `browser`, `page`, `mobile_page`: Debian Chromium through Playwright's sync API.
- `axe`: axe-core (vendored in tests/vendor) run on a page; returns serious and critical violations.
"""

from __future__ import annotations

import os

# Playwright's sync API runs an asyncio loop in the test thread; the ORM would refuse to run there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import shutil  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from urllib.parse import quote  # noqa: E402

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
REQUIRE_ALL_SERVICES = os.environ.get("JOBCENTER_REQUIRE_ALL_SERVICES") == "1"


# --- Hypothesis (property tests: tests/trust/test_property_*.py) -----------------------------------
def _hypothesis_profiles() -> None:
    """A modest example budget so the suite stays fast; no deadline (a page render may take a
    while on a busy machine). `ci` (the default under .ci/run) keeps no example database on disk;
    `nightly` explores more. Choose with HYPOTHESIS_PROFILE=dev|ci|nightly."""
    from hypothesis import HealthCheck, settings

    common = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
    settings.register_profile("dev", max_examples=25, **common)
    settings.register_profile("ci", max_examples=40, database=None, print_blob=True, **common)
    settings.register_profile("nightly", max_examples=500, **common)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if REQUIRE_ALL_SERVICES else "dev"))


_hypothesis_profiles()

BROWSER_FIXTURES = {"browser", "page", "mobile_page", "axe"}
WORKER_FIXTURES = {"celery_worker_proc", "real_celery"}


# --- Which services are there ---------------------------------------------------------------------
def _postgres_missing() -> str | None:
    from django.db import connection

    if connection.vendor != "postgresql":
        return f"needs PostgreSQL (set DATABASE_URL=postgres://...); the database is {connection.vendor}"
    return None


def _worker_missing() -> str | None:
    from django.conf import settings

    broker = str(settings.CELERY_BROKER_URL)
    if not broker.startswith(("redis://", "rediss://")):
        return f"needs a Redis broker for a real Celery worker (set REDIS_URL); the broker is {broker}"
    return None


def _browser_missing() -> str | None:
    if not shutil.which(CHROMIUM):
        return f"needs Chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM=...)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "needs the playwright Python package"
    return None


def pytest_collection_modifyitems(config, items):
    checks = {"postgres": _postgres_missing, "worker": _worker_missing, "browser": _browser_missing}
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


# --- Settings for the whole session --------------------------------------------------------------
@pytest.fixture(scope="session", autouse=True)
def _suite_settings():
    """Two test-only changes to the production settings:

    - Tests run with DEBUG off, where settings pick WhiteNoise's manifest storage; it needs a
      `collectstatic` run before `{% static %}` works, so the suite uses the plain storage
      (tests/infra/test_settings.py runs the production collectstatic once).
    - The fast MD5 hasher instead of PBKDF2 (0.5 s per password on this machine): factories hash
      a password for every user they make.
    """
    from django.conf import settings
    from django.test.utils import override_settings

    storages = {**settings.STORAGES}
    storages["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    with override_settings(STORAGES=storages, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


# --- Cache ----------------------------------------------------------------------------------------
@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: rate-limit counters (allauth) and locks never leak
    from one test, or one run on a shared Redis, into the next."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield


# --- Staff second factor (TRUST.md AUTH-1) --------------------------------------------------------
_AUTO_MFA = {"on": True}


@pytest.fixture(scope="session", autouse=True)
def _force_login_completes_staff_mfa():
    """`client.force_login(user)` skips the login forms, so for a staff user it also records the
    second factor (an allauth "mfa" record, as after password + TOTP): pages tests need not care
    about MFA. Tests of the MFA gate itself use the `no_auto_mfa` fixture."""
    from django.test.client import ClientMixin

    from jobcenter.middleware import is_staff_user
    from tests.factories.auth import mark_session_mfa

    original = ClientMixin.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        if _AUTO_MFA["on"]:
            fresh = type(user)._default_manager.filter(pk=user.pk).first()  # roles cache on the instance
            if is_staff_user(fresh):
                mark_session_mfa(self, user)

    ClientMixin.force_login = force_login
    try:
        yield
    finally:
        ClientMixin.force_login = original


@pytest.fixture
def no_auto_mfa():
    """force_login gives staff no second factor in this test (the session is password-only)."""
    _AUTO_MFA["on"] = False
    yield
    _AUTO_MFA["on"] = True


# --- A real Celery worker -------------------------------------------------------------------------
def _database_url(settings_dict: dict) -> str:
    """DATABASE_URL for another process, pointing at the test database this session created."""
    engine = settings_dict["ENGINE"]
    name = str(settings_dict["NAME"])
    if engine.endswith("sqlite3"):
        return f"sqlite:///{name}"
    scheme = "postgres" if engine.endswith("postgresql") else engine.rsplit(".", 1)[-1]
    user = quote(settings_dict.get("USER") or "", safe="")
    password = quote(settings_dict.get("PASSWORD") or "", safe="")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT")
    return f"{scheme}://{auth}{host}{':' + str(port) if port else ''}/{quote(name, safe='')}"


@pytest.fixture(scope="session")
def celery_worker_proc(django_db_setup, tmp_path_factory):
    """One `celery -A jobcenter worker` subprocess for the session, on the test database.

    Depends on `django_db_setup`, so it stops before pytest-django drops the test database. It
    consumes a queue of its own, so a worker of another session on the same Redis never takes its
    tasks. Tests must commit their rows: `@pytest.mark.django_db(transaction=True)`.
    """
    reason = _worker_missing()
    if reason:
        pytest.skip(reason)
    from django.db import connection

    from jobcenter.celery import app

    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("the worker process cannot see SQLite's in-memory test database; set DATABASE_URL")

    queue = f"pytest-{os.getpid()}"
    app.conf.task_default_queue = queue
    routed = app.amqp.router.route({}, "jobcenter.send_outbound_email", (), {})["queue"].name
    assert routed == queue, f"tasks would go to {routed!r}, not to the test worker's queue {queue!r}"

    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="jobcenter.settings",
        DATABASE_URL=_database_url(settings_dict),
        CELERY_TASK_ALWAYS_EAGER="0",
        # Never SMTP from a test, whatever the developer's shell says.
        EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
        PYTHONUNBUFFERED="1",
    )
    log_path = tmp_path_factory.mktemp("celery") / "worker.log"
    log = open(log_path, "w")  # noqa: SIM115 - closed below
    cmd = [
        sys.executable, "-m", "celery", "-A", "jobcenter", "worker",
        "--pool=solo", "--without-gossip", "--without-mingle", "--without-heartbeat",
        "-l", "info", "-Q", queue, "-n", f"{queue}@%h",
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            text = log_path.read_text(errors="replace")
            if "ready." in text:
                break
            if proc.poll() is not None:
                pytest.fail(f"the Celery worker exited with {proc.returncode}:\n{text}")
            if time.monotonic() > deadline:
                pytest.fail(f"the Celery worker was not ready in 30 s:\n{text}")
            time.sleep(0.1)
        yield proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        log.close()
        try:  # forget this session's queue and its bindings in Redis
            with app.connection_for_write() as conn:
                bound = app.amqp.queues[queue].bind(conn.default_channel)
                bound.declare()  # the channel only deletes bindings it knows
                bound.delete()
        except Exception:  # noqa: BLE001 - best effort, the run's result doesn't depend on it
            pass


@pytest.fixture
def real_celery(celery_worker_proc):
    """Send tasks to the real worker (not eagerly) for one test."""
    from celery._state import _set_task_join_will_block

    from jobcenter.celery import app

    # Celery keeps "we are inside a task, .get() would block" in a process-wide flag that eager
    # tasks set and restore; eager tasks finishing in parallel threads (the race tests) can leave it
    # set. This process is not a worker: waiting for a result here is right.
    _set_task_join_will_block(False)
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        yield celery_worker_proc
    finally:
        app.conf.task_always_eager = previous


# --- A real browser -------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def browser():
    reason = _browser_missing()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=shutil.which(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def _new_page(browser, **context_options):
    context = browser.new_context(locale="fi-FI", timezone_id="Europe/Helsinki", **context_options)
    context.set_default_timeout(10_000)
    return context, context.new_page()


@pytest.fixture
def page(browser):
    """A desktop page in a fresh context (Finnish locale, Helsinki time)."""
    context, new_page = _new_page(browser)
    yield new_page
    context.close()


@pytest.fixture
def mobile_page(browser):
    """A phone-sized page: 360x740, touch."""
    context, new_page = _new_page(browser, viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    yield new_page
    context.close()


class Axe:
    """Runs axe-core on a Playwright page. `axe(page)` returns the serious and critical violations."""

    IMPACTS = ("serious", "critical")
    TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

    def __init__(self, source: str):
        self.source = source

    def __call__(self, page, *, impacts=IMPACTS, tags=None, context=None) -> list[dict]:
        # Evaluated through the DevTools protocol, so a strict Content-Security-Policy doesn't block it.
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.evaluate(self.source)
        options = {
            "runOnly": {"type": "tag", "values": list(tags or self.TAGS)},
            "resultTypes": ["violations"],
        }
        violations = page.evaluate(
            "async ([context, options]) => (await axe.run(context || document, options)).violations",
            [context, options],
        )
        return [v for v in violations if v.get("impact") in impacts]

    @staticmethod
    def format(violations: list[dict]) -> str:
        lines = []
        for v in violations:
            lines.append(f"{v['id']} ({v['impact']}): {v['help']} {v['helpUrl']}")
            lines.extend(f"    {node['target']}: {node['html'][:160]}" for node in v["nodes"][:5])
        return "\n".join(lines)

    def assert_clean(self, page, **kwargs) -> None:
        violations = self(page, **kwargs)
        assert not violations, "accessibility violations:\n" + self.format(violations)


@pytest.fixture(scope="session")
def axe():
    return Axe(AXE_JS.read_text(encoding="utf-8"))


# --- Reference data in transactional tests ---------------------------------------------------------
REFERENCE_DATA_MIGRATIONS = (
    "billing.migrations.0002_seed_prices_and_vat",
    "orders.migrations.0003_seed_task_types_and_terms",
    "billing.migrations.0003_invoices",  # the JC invoice series
    "billing.migrations.0004_payouts:seed_yel_limits",
    "benefits.migrations.0002_seed_benefit_rules",
)


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Transactional tests (live server, threads, the real worker) empty every table afterwards,
    including the rows that data migrations seed: task types, order terms, prices, VAT. Seed them
    again, with the migrations' own idempotent functions, before each such test.

    (Django's serialized rollback would do this, but the serialized copy is kept on a connection
    object that is replaced once Playwright's event loop runs in the test thread.)"""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or bool(
        {"live_server", "transactional_db"} & set(request.fixturenames)
    )
    if transactional:
        import importlib

        from django.apps import apps

        request.getfixturevalue("_django_db_helper")
        for entry in REFERENCE_DATA_MIGRATIONS:
            module, _, function = entry.partition(":")
            getattr(importlib.import_module(module), function or "seed")(apps, None)
    yield


@pytest.fixture(autouse=True)
def _finnish_by_default():
    """Each test starts in Finnish, the default language, and leaves no language behind: a request
    to /sv/ or /en/ leaves that language active in the test thread, and `reverse()` would then give
    /en/ addresses to the next test."""
    from django.utils import translation

    with translation.override("fi"):
        yield
