"""A real Celery worker for the tests marked `worker`.

- `celery_worker_proc` (session): one `celery -A jobcenter worker` subprocess on the test database.
- `real_celery`: send tasks to that worker (not eagerly) for one test.
- `database_url()`: the test database as a DATABASE_URL for another process.

A pytest plugin: the root conftest lists it in `pytest_plugins`.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.support.services import worker_missing

ROOT = Path(__file__).resolve().parents[2]


def database_url(settings_dict: dict) -> str:
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
    reason = worker_missing()
    if reason:
        pytest.skip(reason)
    from django.db import connection

    from jobcenter.celery import app

    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip(
            "the worker process cannot see SQLite's in-memory test database; set DATABASE_URL (see tests/settings.py)"
        )

    queue = f"pytest-{os.getpid()}"
    app.conf.task_default_queue = queue
    routed = app.amqp.router.route({}, "jobcenter.send_outbound_email", (), {})["queue"].name
    assert routed == queue, f"tasks would go to {routed!r}, not to the test worker's queue {queue!r}"

    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="jobcenter.settings",
        DATABASE_URL=database_url(settings_dict),
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
