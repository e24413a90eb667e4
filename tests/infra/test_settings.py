"""The settings module in its two shapes: production (`check --deploy` clean) and the embedded default.

Each case runs in a subprocess with a clean environment, because settings are read once per process.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.settings import variables_read_by_settings
from tests.support.processes import ROOT, clean_env, production_env, run


def test_check_deploy_is_clean_with_production_settings():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env())
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = clean_env()
    result = run(["manage.py", "check"], env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


PRINT_SETTINGS = """
import json, django
django.setup()
from django.conf import settings
from jobcenter.celery import app
print(json.dumps({
    "debug": settings.DEBUG,
    "db_engine": settings.DATABASES["default"]["ENGINE"],
    "db_name": str(settings.DATABASES["default"]["NAME"]),
    "cache": settings.CACHES["default"]["BACKEND"],
    "eager_setting": settings.CELERY_TASK_ALWAYS_EAGER,
    "eager_app": app.conf.task_always_eager,
    "broker": app.conf.broker_url,
    "email": settings.EMAIL_BACKEND,
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
}))
"""


def print_settings(env: dict[str, str]) -> dict:
    result = run(["-c", PRINT_SETTINGS], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_embedded_default_is_sqlite_eager_celery_and_console_email():
    values = print_settings(clean_env(DJANGO_DEBUG="1"))
    assert values["debug"] is True
    assert values["db_engine"] == "django.db.backends.sqlite3"
    assert values["db_name"] == str(ROOT / "db.sqlite3")
    assert values["cache"].endswith("LocMemCache")
    assert values["eager_setting"] is True and values["eager_app"] is True
    assert values["broker"] == "memory://"
    assert values["email"] == "django.core.mail.backends.console.EmailBackend"
    assert values["ssl_redirect"] is False


def test_services_configured_by_url():
    values = print_settings(
        production_env(
            DATABASE_URL="postgres://jobcenter:jobcenter@db:5432/jobcenter",
            REDIS_URL="redis://redis:6379/0",
        )
    )
    assert values["debug"] is False
    assert values["db_engine"] == "django.db.backends.postgresql"
    assert values["cache"].endswith("RedisCache")
    assert values["eager_setting"] is False and values["eager_app"] is False
    assert values["broker"] == "redis://redis:6379/0"
    assert values["ssl_redirect"] is True


@pytest.mark.slow
def test_production_collectstatic_builds_the_manifest(tmp_path):
    """WhiteNoise's manifest storage fails on a missing file a stylesheet refers to; find it here."""
    result = run(["manage.py", "collectstatic", "--noinput", "-v", "0"], production_env(STATIC_ROOT=str(tmp_path)))
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "staticfiles.json").is_file()


# --- .env.example documents every variable settings.py reads --------------------------------------
def _documented_variables() -> dict[str, str]:
    """NAME -> the comment line just above it, for active and commented-out `NAME=value` lines."""
    lines = (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
    documented = {}
    assignment = re.compile(r"^#?\s?([A-Z][A-Z0-9_]*)=")
    for index, line in enumerate(lines):
        match = assignment.match(line)
        if match:
            above = lines[index - 1] if index else ""
            is_comment = above.startswith("#") and not assignment.match(above)
            documented[match.group(1)] = above if is_comment else ""
    return documented


def test_env_example_lists_every_variable_settings_reads():
    read = variables_read_by_settings()
    assert len(read) > 20, read  # the regex still finds them
    documented = _documented_variables()
    missing = sorted(read - documented.keys())
    assert not missing, f".env.example lacks: {', '.join(missing)}"
    undocumented = sorted(name for name in read if not documented[name])
    assert not undocumented, f".env.example has no comment line above: {', '.join(undocumented)}"
