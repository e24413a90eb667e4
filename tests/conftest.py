"""Root fixtures of the whole suite, in one place (so one session starts one Celery worker).

The environment and settings of the run are decided in tests/settings.py (DEBUG off, the embedded
services unless CI asks for the real ones). The plugins below bring:

- tests/support/services.py: markers `postgres`, `worker` and `browser` skip, with the reason, when
  the service is not there; with JOBCENTER_REQUIRE_ALL_SERVICES=1 (set by .ci/run) a skipped test,
  or no test at all, makes the run fail.
- tests/support/celery_worker.py: `celery_worker_proc` / `real_celery`, a real Celery worker
  subprocess on the test database.
- tests/support/browser.py: `browser`, `page`, `mobile_page` (Debian Chromium through Playwright's
  sync API) and `axe` (axe-core run on a page).
- tests/support/outbox.py: `smtp`, a real SMTP server stub that Django's SMTP backend talks to.
"""

from __future__ import annotations

import os

import pytest

# Playwright's sync API runs an asyncio loop in the test thread; the ORM would refuse to run there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Helpers in tests/support assert too; their failures should read as well as a test's own.
pytest.register_assert_rewrite("tests.support")

pytest_plugins = [
    "tests.support.services",
    "tests.support.celery_worker",
    "tests.support.browser",
    "tests.support.outbox",
]


# --- Hypothesis (property tests: tests/trust/test_property_*.py) -----------------------------------
def _hypothesis_profiles() -> None:
    """A modest example budget so the suite stays fast; no deadline (a page render may take a
    while on a busy machine). `ci` (the default under .ci/run) keeps no example database on disk;
    `nightly` explores more. Choose with HYPOTHESIS_PROFILE=dev|ci|nightly."""
    from hypothesis import HealthCheck, settings

    from tests.support.services import REQUIRE_ALL_SERVICES

    common = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
    settings.register_profile("dev", max_examples=25, **common)
    settings.register_profile("ci", max_examples=40, database=None, print_blob=True, **common)
    settings.register_profile("nightly", max_examples=500, **common)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if REQUIRE_ALL_SERVICES else "dev"))


_hypothesis_profiles()


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


@pytest.fixture(scope="session", autouse=True)
def _url_patterns_loaded():
    """Every URL module (and so the API's schemas) imported before any test freezes the clock: a
    schema built while freezegun is active would see its fake `date` class and refuse it, and which
    test first resolves a URL depends on the order the tests run in."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (the import is the point)


# --- Cache ----------------------------------------------------------------------------------------
@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: rate-limit counters (allauth) and locks never leak
    from one test, or one run on a shared Redis, into the next."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield


# --- E-invoice outbound folder ---------------------------------------------------------------------
@pytest.fixture(scope="session")
def _einvoice_outbox_base(tmp_path_factory):
    return tmp_path_factory.mktemp("einvoice-outbox")


@pytest.fixture(autouse=True)
def _einvoice_outbox(_einvoice_outbox_base):
    """Each test's e-invoices leave to a folder of its own (created when the first one is written):
    invoice numbers start again in every test, and the folder transport refuses a file name that is
    already there."""
    import uuid

    from django.test.utils import override_settings

    with override_settings(JOBCENTER_EINVOICE_OUTBOX_DIR=_einvoice_outbox_base / uuid.uuid4().hex):
        yield


# --- Staff second factor -------------------------------------------------------------------------
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


# --- Reference data in transactional tests ---------------------------------------------------------
REFERENCE_DATA_MIGRATIONS = (
    "billing.migrations.0002_seed_prices_and_vat",
    "orders.migrations.0003_seed_task_types_and_terms",
    "billing.migrations.0003_invoices",  # the JC invoice series
    "billing.migrations.0004_payouts:seed_yel_limits",
    "benefits.migrations.0002_seed_benefit_rules",
    "orders.migrations.0018_insurance_policies",  # who insures the gigs: offers need it
    "billing.migrations.0017_cancellation_charges:seed_rule",  # when a client cancellation is late
    "workers.migrations.0006_worker_paths:seed_kinds",  # the path steps the demo's workers have taken
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
