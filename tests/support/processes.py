"""Running `manage.py` or Python in a subprocess with an environment the test chooses.

Settings are read once per process, so a test of another configuration (production, the embedded
default, a developer's shell) starts a new process with exactly the variables it means.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Variables that would leak the test run's or the developer's configuration into the subprocess.
_STRIP_PREFIXES = ("DJANGO_", "DATABASE_", "REDIS_", "CELERY_", "EMAIL_", "JOBCENTER_")
_STRIP_NAMES = {"ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "SITE_URL", "STATIC_ROOT", "MEDIA_ROOT", "LOG_LEVEL",
                "DEFAULT_FROM_EMAIL", "SESSION_COOKIE_AGE"}  # fmt: skip


def clean_env(**extra: str) -> dict[str, str]:
    """This process's environment without any configuration of the app, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(_STRIP_PREFIXES) and k not in _STRIP_NAMES}
    env["DJANGO_SETTINGS_MODULE"] = "jobcenter.settings"
    env.update(extra)
    return env


def production_env(**extra: str) -> dict[str, str]:
    """What a production server sets: a real secret key, its host name, HTTPS enforced."""
    return clean_env(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="jobcenter.example.org",
        DJANGO_SECURE_SSL_REDIRECT="1",
        DJANGO_SECURE_COOKIES="1",
        **extra,
    )


def run(args: list[str], env: dict[str, str], timeout: int = 120) -> subprocess.CompletedProcess:
    """`python <args>` in the checkout with `env`; output captured as text."""
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
