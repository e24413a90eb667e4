"""The settings of the test run: the production settings module, read from an environment the run
decides, so that what a developer's shell exports never changes a result.

`jobcenter/settings.py` reads its environment once, at import, and derives several settings from
others (with DJANGO_DEBUG=1 there is no HSTS and the static files come from the finders; with
REDIS_URL the cache, the Celery broker and the results go to Redis). Overriding a setting later
would miss what was derived from it. So before the production module is imported, every variable
it reads is removed from this process's environment and the few the tests need are set:

- DEBUG is always off: the tests assert what production does (headers, cookies, error pages).
  HTTPS redirects and Secure-only cookies are off, because the test client speaks plain HTTP.
- The services (DATABASE_URL, REDIS_URL, CELERY_BROKER_URL, CELERY_RESULT_BACKEND) are used only
  when asked for: JOBCENTER_REQUIRE_ALL_SERVICES=1 (what `.ci/run` exports, together with the
  addresses of its PostgreSQL and Redis) or JOBCENTER_TEST_SERVICES=1 (a developer who wants the
  PostgreSQL and worker tests to run against the services of their shell). Otherwise the tests run
  on the embedded default: SQLite, an in-memory cache, eager Celery.

Subprocesses that the tests start (the Celery worker, `manage.py` runs) inherit the cleaned
environment. pytest-env (pyproject.toml) points DJANGO_SETTINGS_MODULE here, whatever the shell says.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The production settings and the module of the Jobcenter's own settings that it imports.
PRODUCTION_SETTINGS = ROOT / "jobcenter" / "settings.py"
SETTINGS_FILES = (PRODUCTION_SETTINGS, ROOT / "jobcenter" / "settings_jobcenter.py")

SERVICE_VARIABLES = ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND")

TEST_ENVIRONMENT = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "test-only-insecure-key",
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "DJANGO_SECURE_COOKIES": "0",
    "ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
    # Tasks run inline; the tests marked `worker` start a real worker and send to it on purpose.
    "CELERY_TASK_ALWAYS_EAGER": "1",
    # The order form's minimum fill time is off: tests and browser journeys fill it in at once
    # (tests/trust/test_property_forms.py turns it on where it is tested).
    "JOBCENTER_ORDER_FORM_MIN_FILL_SECONDS": "0",
    # E-invoices that tests send leave to a folder of this run, never to var/ of the checkout
    # (tests that read the files set their own tmp_path).
    "JOBCENTER_EINVOICE_OUTBOX_DIR": tempfile.mkdtemp(prefix="jobcenter-test-einvoice-"),
    "JOBCENTER_IR_OUTBOX_DIR": tempfile.mkdtemp(prefix="jobcenter-test-ir-"),
}


def services_requested(environ=os.environ) -> bool:
    """True when the run should use the PostgreSQL and Redis named in the environment."""
    return environ.get("JOBCENTER_REQUIRE_ALL_SERVICES") == "1" or environ.get("JOBCENTER_TEST_SERVICES") == "1"


def variables_read_by_settings() -> set[str]:
    """The names the settings modules read with env(), env_bool(), env_int() and env_list()."""
    text = "\n".join(path.read_text(encoding="utf-8") for path in SETTINGS_FILES)
    return set(re.findall(r"\benv(?:_bool|_int|_list)?\(\s*\"([A-Z][A-Z0-9_]*)\"", text))


def environment_for_tests(environ=os.environ) -> dict[str, str]:
    """`environ` as the test run sees it: the settings' variables replaced by the test values."""
    keep = set(SERVICE_VARIABLES) if services_requested(environ) else set()
    drop = variables_read_by_settings() - keep
    cleaned = {name: value for name, value in environ.items() if name not in drop}
    cleaned.update(TEST_ENVIRONMENT)
    return cleaned


def _apply() -> None:
    wanted = environment_for_tests(dict(os.environ))
    for name in set(os.environ) - set(wanted):
        del os.environ[name]
    os.environ.update(wanted)


_apply()

from jobcenter.settings import *  # noqa: E402, F403
