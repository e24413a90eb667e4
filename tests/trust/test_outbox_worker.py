"""The outbox with a real Celery worker process (EM-1..4): a temporary SMTP error is retried after
the backoff and sent once, and a worker killed with SIGKILL in the middle of a send never sends the
email twice (the row stays `sending` and is marked failed, for a person to decide).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jobcenter import mail
from jobcenter.models import OutboundEmailStatus
from jobcenter.tasks import send_outbound_email_task
from tests.support.outbox import SmtpStub, queued
from tests.support.processes import start_until_ready, stop


# --- A real worker: retries, and SIGKILL in the middle of a send -----------------------------------
def _start_worker(tmp_path: Path, queue: str, **env_extra) -> tuple[subprocess.Popen, Path]:
    from django.db import connection

    from tests.support.celery_worker import database_url

    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="jobcenter.settings",
        DATABASE_URL=database_url(connection.settings_dict),
        CELERY_TASK_ALWAYS_EAGER="0",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_USE_TLS="0",
        PYTHONUNBUFFERED="1",
        **{k: str(v) for k, v in env_extra.items()},
    )
    log_path = tmp_path / f"worker-{time.monotonic_ns()}.log"
    name = f"{queue}-{time.monotonic_ns()}@%h"
    cmd = [sys.executable, "-m", "celery", "-A", "jobcenter", "worker", "--pool=solo", "--without-gossip",
           "--without-mingle", "--without-heartbeat", "-l", "info", "-Q", queue, "-n", name]  # fmt: skip
    return start_until_ready(cmd, env=env, log_path=log_path, ready="ready."), log_path


@pytest.fixture
def worker_queue(celery_worker_proc):
    """Tasks go to a queue of this test's own workers, not eagerly and not to the session's worker."""
    from celery._state import _set_task_join_will_block

    from jobcenter.celery import app

    _set_task_join_will_block(False)
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    queue = f"pytest-outbox-{os.getpid()}-{time.monotonic_ns()}"
    try:
        yield queue
    finally:
        app.conf.task_always_eager = previous
        try:
            with app.connection_for_write() as conn:
                bound = app.amqp.queues[queue].bind(conn.default_channel) if queue in app.amqp.queues else None
                if bound is not None:
                    bound.delete()
        except Exception:  # noqa: BLE001 - best effort
            pass


def _restore_unacked_now() -> None:
    """Do now what Redis does once the visibility timeout has passed: hand the messages that a dead
    worker took but never acknowledged back to their queue."""
    from kombu import Connection

    from jobcenter.celery import app

    with Connection(app.conf.broker_url, transport_options={"visibility_timeout": 0}) as conn:
        conn.default_channel.qos.restore_visible(num=1000, interval=1)


@pytest.mark.worker
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_real_worker__killed_mid_send_the_email_is_never_sent_twice(worker_queue, tmp_path, settings):
    stub = SmtpStub(answers=["block"])
    first, first_log = _start_worker(tmp_path, worker_queue, EMAIL_PORT=stub.port, EMAIL_TIMEOUT=60)
    second = None
    try:
        email = queued("kill@example.org")
        result = send_outbound_email_task.apply_async((email.pk,), queue=worker_queue)
        assert stub.arrived.wait(30), first_log.read_text()  # the message is on the wire...
        first.send_signal(signal.SIGKILL)  # ...and the worker dies before the server answers
        first.wait(timeout=10)
        email.refresh_from_db()
        assert email.status == OutboundEmailStatus.SENDING
        assert email.attempts == 1

        # The broker hands the unacknowledged task to the next worker (acks_late): it runs again.
        _restore_unacked_now()
        second, second_log = _start_worker(tmp_path, worker_queue, EMAIL_PORT=stub.port, EMAIL_TIMEOUT=5)
        assert result.get(timeout=30) == "skipped", second_log.read_text()
        # Even a duplicate task (celery#7918) finds nothing to send.
        assert send_outbound_email_task.apply_async((email.pk,), queue=worker_queue).get(timeout=30) == "skipped"

        email.refresh_from_db()
        assert (email.status, email.attempts) == (OutboundEmailStatus.SENDING, 1)
        assert stub.accepted == [] and stub.refused == []  # the one message that arrived, nothing more

        # Later the periodic job marks it failed, for the coordinator to decide (it may have arrived).
        settings.JOBCENTER_EMAIL_SENDING_STALE_SECONDS = 0
        mail.outbound_email_fail_interrupted()
        email.refresh_from_db()
        assert (email.status, email.last_error) == (OutboundEmailStatus.FAILED, mail.INTERRUPTED)
    finally:
        if first.poll() is None:
            first.kill()
        if second is not None:
            stop(second)
        stub.close()


@pytest.mark.worker
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_real_worker__temporary_smtp_error_is_retried_after_backoff_and_sent_once(worker_queue, tmp_path):
    stub = SmtpStub(answers=["451", "421"])
    proc, log = _start_worker(tmp_path, worker_queue, EMAIL_PORT=stub.port, EMAIL_TIMEOUT=5,
                              JOBCENTER_EMAIL_RETRY_BASE_SECONDS=1)  # fmt: skip
    try:
        email = queued("retry@example.org")
        started = time.monotonic()
        result = send_outbound_email_task.apply_async((email.pk,), queue=worker_queue)
        assert result.get(timeout=30) == "sent", log.read_text()
        elapsed = time.monotonic() - started
        email.refresh_from_db()
        assert (email.status, email.attempts) == (OutboundEmailStatus.SENT, 3)
        assert len(stub.accepted) == 1 and len(stub.refused) == 2
        assert elapsed >= 3  # waited 1 s, then 2 s: exponential backoff
        assert len(re.findall(r"Retry in \d+s", log.read_text())) == 2
    finally:
        stop(proc)
        stub.close()
