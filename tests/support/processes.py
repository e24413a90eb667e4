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


def start_until_ready(cmd: list[str], *, env: dict[str, str], log_path: Path, ready: str, timeout: float = 30):
    """Start a long-running process (a Celery worker, beat) logging to `log_path`; return it once its
    log shows `ready`. A process that dies or is not ready in time fails the test with its log."""
    import time

    import pytest

    log = open(log_path, "w")  # noqa: SIM115 - the process owns it
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    deadline = time.monotonic() + timeout
    while ready not in log_path.read_text(errors="replace"):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"{cmd[2:4]} did not start:\n{log_path.read_text(errors='replace')}")
        time.sleep(0.1)
    return proc


def stop(proc: subprocess.Popen) -> None:
    """Stop a process as a service manager would (SIGTERM, then kill after 20 s)."""
    import signal

    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
