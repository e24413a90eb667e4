"""The gig reminders with a real `celery beat` and two real workers on Redis, the clock moved to the
afternoon before the gig (tests/support/frozen_clock.py): beat fires the job at least twice, and the
outbox holds exactly one reminder for the worker and one for the staff member coming along, sent.

Marked `worker` and `postgres` like the other real-worker tests (tests/trust/test_outbox_worker.py):
it skips on the embedded SQLite default without Redis, and runs (must not skip) on CI.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from jobcenter.models import OutboundEmail, OutboundEmailStatus
from orders.models import AssignmentStatus, GigReminder, OrderStatus
from tests.factories import GigFactory, UserFactory, WorkerFactory
from tests.factories.states import assignment_in, order_in
from tests.support.processes import start_until_ready, stop

pytestmark = [
    pytest.mark.worker,
    pytest.mark.postgres,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]

HEL = ZoneInfo("Europe/Helsinki")
GIG_DAY = dt.date(2031, 3, 4)
# Five seconds after the day-before reminder's time (16:00 the day before, Helsinki).
MOVED_CLOCK = dt.datetime(2031, 3, 3, 16, 0, 5, tzinfo=HEL).isoformat()
EVERY_SECONDS = 2
JOB = "orders.send_gig_reminders"


def _env() -> dict[str, str]:
    from django.db import connection

    from tests.support.celery_worker import database_url

    return dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="jobcenter.settings",
        DATABASE_URL=database_url(connection.settings_dict),
        CELERY_TASK_ALWAYS_EAGER="0",
        EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
        JOBCENTER_REMINDERS_EVERY_SECONDS=str(EVERY_SECONDS),
        PYTHONUNBUFFERED="1",
    )


def _start(tmp_path: Path, name: str, queue: str, args: list[str], ready: str) -> tuple[subprocess.Popen, Path]:
    log_path = tmp_path / f"{name}.log"
    cmd = [sys.executable, "-m", "tests.support.frozen_clock", MOVED_CLOCK, queue, "-A", "jobcenter", *args]
    return start_until_ready(cmd, env=_env(), log_path=log_path, ready=ready, timeout=40), log_path


@pytest.fixture
def own_queue(celery_worker_proc):
    """A queue of this test's own processes. Depends on the session worker only for its checks (Redis,
    a database another process can reach): without them this test skips exactly as the others do."""
    from jobcenter.celery import app

    queue = f"pytest-reminders-{os.getpid()}-{time.monotonic_ns()}"
    yield queue
    try:
        with app.connection_for_write() as conn:
            bound = app.amqp.queues[queue].bind(conn.default_channel) if queue in app.amqp.queues else None
            if bound is not None:
                bound.delete()
    except Exception:  # noqa: BLE001 - best effort
        pass


def _gig_with_worker_and_staff():
    gig = GigFactory(order=order_in(OrderStatus.STAFFING), date=GIG_DAY, start_time=dt.time(10, 0))
    worker = WorkerFactory()
    assignment = assignment_in(AssignmentStatus.ACCEPTED, gig=gig, worker=worker, unit=worker.home_unit)
    assignment.support_person = UserFactory(language="sv")
    assignment.save(update_fields=["support_person"])
    return assignment


def _fired(beat_log: Path) -> int:
    return sum(
        1 for line in beat_log.read_text(errors="replace").splitlines() if "Sending due task" in line and JOB in line
    )


def _job_runs_done(worker_logs: list[Path]) -> int:
    return sum(
        1
        for log in worker_logs
        for line in log.read_text(errors="replace").splitlines()
        if f"Task {JOB}[" in line and "succeeded" in line
    )


def test_real_beat__fires_twice_and_each_person_gets_one_reminder(own_queue, tmp_path):
    assignment = _gig_with_worker_and_staff()
    worker_args = ["--pool=solo", "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "info",
                   "-Q", own_queue]  # fmt: skip
    processes = []
    try:
        for number in (1, 2):
            name = f"{own_queue}-{number}@%h"
            processes.append(
                _start(tmp_path, f"worker-{number}", own_queue, ["worker", *worker_args, "-n", name], "ready.")
            )
        beat = _start(
            tmp_path,
            "beat",
            own_queue,
            ["beat", "-l", "info", "-s", str(tmp_path / "beat-schedule"), "--pidfile", str(tmp_path / "beat.pid")],
            "beat: Starting",
        )
        processes.append(beat)
        worker_logs = [log for _proc, log in processes[:2]]

        deadline = time.monotonic() + 90
        while _fired(beat[1]) < 3 or _job_runs_done(worker_logs) < 3:
            assert time.monotonic() < deadline, "beat did not fire the reminder job three times:\n" + "\n".join(
                log.read_text(errors="replace")[-3000:] for _proc, log in processes
            )
            time.sleep(0.3)
        stop(beat[0])  # no more runs: what was sent is the final count
        deadline = time.monotonic() + 30
        while OutboundEmail.objects.exclude(status=OutboundEmailStatus.SENT).exists():
            assert time.monotonic() < deadline, "the reminders were not sent"
            time.sleep(0.3)
    finally:
        for proc, _log in processes:
            stop(proc)

    sent = sorted(OutboundEmail.objects.values_list("code", "to", "language", "status"))
    assert sent == sorted(
        [
            ("gig_reminder_worker", assignment.worker.user.email, "fi", OutboundEmailStatus.SENT),
            ("gig_reminder_staff", assignment.support_person.email, "sv", OutboundEmailStatus.SENT),
        ]
    )
    assert GigReminder.objects.filter(assignment=assignment, reminder="day_before").count() == 2
    # The moved clock reached the worker: the rows carry the afternoon before the gig, not today.
    assert {r.sent_at.astimezone(HEL).date() for r in GigReminder.objects.all()} == {GIG_DAY - dt.timedelta(days=1)}
