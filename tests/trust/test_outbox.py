"""The email outbox (TRUST.md EM-1..EM-3): stored with the change, sent after commit, at most once,
temporary SMTP errors retried with backoff up to a limit, then failed and shown to the coordinator,
who may send it again. No email carries special-category data.

The SMTP tests talk to a real SMTP server stub (`SmtpStub`, a socket server in a thread) through
Django's SMTP backend, so the errors are real SMTP answers. The `worker` tests run a real Celery
worker process against it, and kill one with SIGKILL in the middle of a send.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from jobcenter import mail
from jobcenter.models import OutboundEmail, OutboundEmailStatus
from jobcenter.tasks import requeue_stuck_email_task, send_outbound_email_task
from orders import services
from orders.models import AssignmentStatus
from tests.factories import AssignmentFactory, CoordinatorFactory, GigFactory, OrderFactory, WorkerFactory

ROOT = Path(__file__).resolve().parents[2]


# --- A real SMTP server, scripted ------------------------------------------------------------------
class SmtpStub:
    """A minimal SMTP server on 127.0.0.1 in a thread. `answers` says how each message's end of DATA
    is answered, in turn: "250" accepts it (recorded in `accepted`), "451"/"550" refuse it, "block"
    records that the message arrived (`arrived`) and then never answers. After the list, "250"."""

    def __init__(self, answers=()):
        self.answers = list(answers)
        self.accepted: list[bytes] = []
        self.refused: list[bytes] = []
        self.arrived = threading.Event()
        self._stop = threading.Event()
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(8)
        self._sock.settimeout(0.2)
        self.port = self._sock.getsockname()[1]
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _next_answer(self) -> str:
        with self._lock:
            return self.answers.pop(0) if self.answers else "250"

    def _serve(self):
        while not self._stop.is_set():
            try:
                conn, _addr = self._sock.accept()
            except (TimeoutError, OSError):
                continue
            threading.Thread(target=self._session, args=(conn,), daemon=True).start()

    def _session(self, conn: socket.socket):
        conn.settimeout(30)
        reader = conn.makefile("rb")
        try:
            conn.sendall(b"220 stub ESMTP\r\n")
            while not self._stop.is_set():
                line = reader.readline()
                if not line:
                    return
                command = line.strip().upper()
                if command.startswith((b"EHLO", b"HELO")):
                    conn.sendall(b"250 stub\r\n")
                elif command.startswith((b"MAIL", b"RCPT", b"RSET", b"NOOP")):
                    conn.sendall(b"250 OK\r\n")
                elif command == b"DATA":
                    conn.sendall(b"354 go ahead\r\n")
                    data = b""
                    while (chunk := reader.readline()) not in (b".\r\n", b""):
                        data += chunk
                    answer = self._next_answer()
                    if answer == "block":
                        self.arrived.set()
                        self._stop.wait(120)  # the client waits for an answer that never comes
                        return
                    if answer == "250":
                        self.accepted.append(data)
                        conn.sendall(b"250 queued\r\n")
                    else:
                        self.refused.append(data)
                        conn.sendall(f"{answer} {'try again later' if answer < '500' else 'no such user'}\r\n".encode())
                elif command == b"QUIT":
                    conn.sendall(b"221 bye\r\n")
                    return
                else:
                    conn.sendall(b"502 not implemented\r\n")
        except OSError:
            return
        finally:
            conn.close()

    def close(self):
        self._stop.set()
        self._sock.close()


@pytest.fixture
def smtp(settings):
    """A fresh SMTP stub, and Django's SMTP backend pointed at it (in this process)."""
    stub = SmtpStub()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = stub.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    yield stub
    stub.close()


def queued(to: str = "client@example.org", **fields) -> OutboundEmail:
    return OutboundEmail.objects.create(code="test", to=to, subject="Tilaus vastaanotettu", body_text="Hei!", **fields)


def _context(order) -> dict:
    return {"order": order, "contact": order.contact}


# --- EM-1: stored in the change's transaction, sent only after commit -----------------------------
@pytest.mark.django_db
def test_queue_email__rolled_back_change_leaves_no_row_and_sends_nothing(
    django_capture_on_commit_callbacks, mailoutbox
):
    order = OrderFactory()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):  # noqa: PT012
        with transaction.atomic():
            mail.queue_email(to="a@example.org", code="order_received", context=_context(order))
            raise RuntimeError("the change failed")
    assert OutboundEmail.objects.count() == 0
    assert mailoutbox == []


@pytest.mark.django_db
def test_queue_email__committed_change_sends_one_message_after_commit(django_capture_on_commit_callbacks, mailoutbox):
    order = OrderFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        email = mail.queue_email(to="a@example.org", code="order_received", context=_context(order))
    assert mailoutbox == []  # nothing is sent before the commit
    assert OutboundEmail.objects.get().status == OutboundEmailStatus.QUEUED
    for callback in callbacks:
        callback()
    email.refresh_from_db()
    assert email.status == OutboundEmailStatus.SENT
    assert [m.to for m in mailoutbox] == [["a@example.org"]]


# --- EM-2: at most once, retries with backoff, then failed -----------------------------------------
@pytest.mark.django_db
def test_send__twice_for_one_row_sends_one_message(smtp):
    email = queued()
    assert send_outbound_email_task.delay(email.pk).get() == "sent"
    assert send_outbound_email_task.delay(email.pk).get() == "skipped"
    assert len(smtp.accepted) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutboundEmailStatus.SENT, 1)
    assert b"Tilaus vastaanotettu" in smtp.accepted[0]


@pytest.mark.django_db
def test_send__row_being_sent_is_never_sent_by_another_run(smtp):
    email = queued(status=OutboundEmailStatus.SENDING, sending_since=timezone.now())
    assert send_outbound_email_task.delay(email.pk).get() == "skipped"
    assert smtp.accepted == []


@pytest.mark.django_db
def test_send__temporary_error_then_success_gives_one_message_and_backs_off(smtp, settings):
    settings.JOBCENTER_EMAIL_RETRY_BASE_SECONDS = 60
    smtp.answers = ["451"]
    email = queued()

    before = timezone.now()
    assert send_outbound_email_task.delay(email.pk).get() == "retry"
    email.refresh_from_db()
    assert email.status == OutboundEmailStatus.QUEUED
    assert email.attempts == 1
    assert "451" in email.last_error
    assert before + dt.timedelta(seconds=59) < email.next_attempt_at < timezone.now() + dt.timedelta(seconds=61)

    assert send_outbound_email_task.delay(email.pk).get() == "sent"
    email.refresh_from_db()
    assert (email.status, email.attempts, email.next_attempt_at) == (OutboundEmailStatus.SENT, 2, None)
    assert len(smtp.accepted) == 1


def test_retry_delay__doubles_up_to_the_maximum(settings):
    settings.JOBCENTER_EMAIL_RETRY_BASE_SECONDS = 60
    settings.JOBCENTER_EMAIL_RETRY_MAX_SECONDS = 600
    assert [mail.retry_delay(n) for n in range(1, 7)] == [60, 120, 240, 480, 600, 600]


@pytest.mark.django_db
def test_send__temporary_errors_up_to_the_limit_then_failed(smtp, settings):
    settings.JOBCENTER_EMAIL_MAX_ATTEMPTS = 3
    smtp.answers = ["451", "421", "451", "250"]
    email = queued()
    outcomes = [send_outbound_email_task.delay(email.pk).get() for _ in range(4)]
    assert outcomes == ["retry", "retry", "failed", "skipped"]
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutboundEmailStatus.FAILED, 3)
    assert smtp.accepted == []


@pytest.mark.django_db
def test_send__permanent_refusal_fails_at_once(smtp):
    smtp.answers = ["550"]
    email = queued()
    assert send_outbound_email_task.delay(email.pk).get() == "failed"
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutboundEmailStatus.FAILED, 1)
    assert "550" in email.last_error


@pytest.mark.django_db
def test_send__no_mail_server_is_a_temporary_error(settings):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    email = queued()
    assert send_outbound_email_task.delay(email.pk).get() == "retry"
    email.refresh_from_db()
    assert email.status == OutboundEmailStatus.QUEUED and "refused" in email.last_error.lower()


@pytest.mark.django_db
def test_requeue__interrupted_send_is_marked_failed_never_resent(smtp, settings):
    settings.JOBCENTER_EMAIL_SENDING_STALE_SECONDS = 900
    stale = queued(status=OutboundEmailStatus.SENDING, sending_since=timezone.now() - dt.timedelta(minutes=16))
    fresh = queued(status=OutboundEmailStatus.SENDING, sending_since=timezone.now() - dt.timedelta(minutes=1))
    requeue_stuck_email_task.delay().get()
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert (stale.status, stale.last_error) == (OutboundEmailStatus.FAILED, mail.INTERRUPTED)
    assert fresh.status == OutboundEmailStatus.SENDING
    assert smtp.accepted == []


@pytest.mark.django_db
def test_requeue__lost_and_overdue_rows_are_enqueued_again_once(smtp):
    lost = queued()
    OutboundEmail.objects.filter(pk=lost.pk).update(created_at=timezone.now() - dt.timedelta(minutes=11))
    overdue = queued(next_attempt_at=timezone.now() - dt.timedelta(minutes=11))
    queued()  # just created: its own task is on the way
    queued(next_attempt_at=timezone.now() + dt.timedelta(minutes=5))  # waiting for its retry
    assert requeue_stuck_email_task.delay().get() == 2
    assert set(OutboundEmail.objects.filter(status=OutboundEmailStatus.SENT).values_list("pk", flat=True)) == {
        lost.pk,
        overdue.pk,
    }
    assert requeue_stuck_email_task.delay().get() == 0
    assert len(smtp.accepted) == 2


# --- The coordinator's page ------------------------------------------------------------------------
def outbox_url(*args, name="emails"):
    with translation.override("en"):
        return reverse(f"coordinator:{name}", args=args)


@pytest.mark.django_db
def test_outbox_page__lists_failed_and_waiting_emails_with_their_error(client, django_assert_max_num_queries):
    client.force_login(CoordinatorFactory())
    refused = queued("nobody@example.org", status=OutboundEmailStatus.FAILED, attempts=1,
                     last_error="SMTPRecipientsRefused: 550 no such user")  # fmt: skip
    interrupted = queued("maybe@example.org", status=OutboundEmailStatus.FAILED, attempts=1,
                         last_error=mail.INTERRUPTED)  # fmt: skip
    waiting = queued("later@example.org", attempts=2, last_error="451 try again later",
                     next_attempt_at=timezone.now() + dt.timedelta(minutes=4))  # fmt: skip
    queued("sent@example.org", status=OutboundEmailStatus.SENT)

    with django_assert_max_num_queries(8):
        response = client.get(outbox_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Could not be sent (2)" in html
    assert "Waiting to be sent (1)" in html
    assert "550 no such user" in html
    assert "The sending was interrupted. The email may have arrived." in html
    assert "The mail server had a temporary problem." in html
    assert "sent@example.org" not in html
    assert outbox_url(refused.pk, name="email-resend") in html
    assert outbox_url(interrupted.pk, name="email-resend") in html
    assert outbox_url(waiting.pk, name="email-resend") not in html
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_outbox_page__in_finnish_by_default(client):
    client.force_login(CoordinatorFactory())
    queued(status=OutboundEmailStatus.FAILED, last_error=mail.INTERRUPTED)
    html = client.get("/coordinator/emails/").content.decode()
    assert "Lähettämättä jääneet sähköpostit" in html
    assert "Lähetys keskeytyi." in html


@pytest.mark.django_db
def test_outbox_page__only_for_coordinators(client):
    email = queued(status=OutboundEmailStatus.FAILED, last_error="550")
    assert client.get(outbox_url()).status_code == 302  # to the login page
    client.force_login(WorkerFactory().user)
    assert client.get(outbox_url()).status_code == 403
    assert client.post(outbox_url(email.pk, name="email-resend")).status_code == 403
    email.refresh_from_db()
    assert email.status == OutboundEmailStatus.FAILED


@pytest.mark.django_db
def test_send_again__confirmation_page_changes_nothing_then_post_sends_once(
    client, smtp, django_capture_on_commit_callbacks
):
    coordinator = CoordinatorFactory()
    client.force_login(coordinator)
    email = queued("fixed@example.org", status=OutboundEmailStatus.FAILED, attempts=6, last_error="451 later")

    page = client.get(outbox_url(email.pk, name="email-resend"))
    assert page.status_code == 200
    assert "Send the email again" in page.content.decode()
    email.refresh_from_db()
    assert email.status == OutboundEmailStatus.FAILED  # GET changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(outbox_url(email.pk, name="email-resend"), follow=True)
    assert "The email to fixed@example.org will be sent again in a moment." in response.content.decode()
    email.refresh_from_db()
    assert (email.status, email.attempts, email.resent_by) == (OutboundEmailStatus.SENT, 1, coordinator)
    assert email.resent_at is not None
    assert len(smtp.accepted) == 1

    # A second POST (double click, back button) sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(outbox_url(email.pk, name="email-resend"), follow=True)
    assert "Only an email that could not be sent can be sent again." in again.content.decode()
    assert len(smtp.accepted) == 1


@pytest.mark.django_db
def test_send_again__service_refuses_other_roles_and_sent_emails():
    from jobcenter.errors import ActionNotPermitted, DomainError

    failed = queued(status=OutboundEmailStatus.FAILED)
    with pytest.raises(ActionNotPermitted):
        mail.outbound_email_resend(email_id=failed.pk, by=WorkerFactory().user)
    sent = queued(status=OutboundEmailStatus.SENT)
    with pytest.raises(DomainError):
        mail.outbound_email_resend(email_id=sent.pk, by=CoordinatorFactory())
    failed.refresh_from_db()
    assert failed.status == OutboundEmailStatus.FAILED


# --- EM-3: no special-category data in any email --------------------------------------------------
SENTINEL = "SENTINEL-SPECIAL-7f3a"
EMAIL_TEMPLATES = sorted(
    p.relative_to(ROOT / "templates").as_posix()
    for p in (ROOT / "templates" / "emails").glob("*/*")
    if p.suffix in {".txt", ".html"}
)


def _sentinel_objects():
    """Real objects whose special-category and free-text fields about the worker carry the sentinel."""
    worker = WorkerFactory(support_needs=f"{SENTINEL} support", interests_note=f"{SENTINEL} interests")
    order = OrderFactory(staffing=True)
    gig = GigFactory(order=order)
    assignment = AssignmentFactory(
        gig=gig, worker=worker, status=AssignmentStatus.OFFERED, interest_note=f"{SENTINEL} interest"
    )
    return worker, order, gig, assignment


@pytest.mark.django_db
@pytest.mark.parametrize("template", EMAIL_TEMPLATES)
def test_email_templates__never_render_special_category_data(template):
    worker, order, gig, assignment = _sentinel_objects()
    context = {
        "order": order, "contact": order.contact, "gig": gig, "assignment": assignment, "worker": worker,
        "unit": worker.home_unit, "terms": order.terms, "link": "https://jobcenter.example/x/",
    }  # fmt: skip
    for language in ("fi", "sv", "en"):
        with translation.override(language):
            assert SENTINEL not in render_to_string(template, context)


@pytest.mark.django_db
def test_gig_offer_email__carries_no_support_needs(django_capture_on_commit_callbacks):
    worker = WorkerFactory(support_needs=f"{SENTINEL} support", interests_note=f"{SENTINEL} interests")
    order = OrderFactory(staffing=True)
    assignment = AssignmentFactory(gig=GigFactory(order=order), worker=worker, interest_note=f"{SENTINEL} note")
    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_offer(assignment_id=assignment.pk, by=CoordinatorFactory())
    email = OutboundEmail.objects.get(code="gig_offered")
    assert email.to == worker.user.email
    assert SENTINEL not in email.subject + email.body_text + email.body_html


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
    log = open(log_path, "w")  # noqa: SIM115 - the process owns it
    name = f"{queue}-{time.monotonic_ns()}@%h"
    cmd = [sys.executable, "-m", "celery", "-A", "jobcenter", "worker", "--pool=solo", "--without-gossip",
           "--without-mingle", "--without-heartbeat", "-l", "info", "-Q", queue, "-n", name]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while "ready." not in log_path.read_text(errors="replace"):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"the Celery worker did not start:\n{log_path.read_text(errors='replace')}")
        time.sleep(0.1)
    return proc, log_path


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


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
            _stop(second)
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
        _stop(proc)
        stub.close()


# --- The page in a browser: accessible, and "send again" works end to end --------------------------
@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_outbox_page_in_browser__accessible_and_send_again_works(page, live_server, axe, client, mailoutbox):
    from django.conf import settings as django_settings

    client.force_login(CoordinatorFactory())
    page.context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    queued("nobody@example.org", status=OutboundEmailStatus.FAILED, attempts=6, last_error="SMTPDataError: 451 later")
    queued("maybe@example.org", status=OutboundEmailStatus.FAILED, attempts=1, last_error=mail.INTERRUPTED)
    queued("later@example.org", attempts=1, last_error="451", next_attempt_at=timezone.now() + dt.timedelta(minutes=2))

    page.goto(f"{live_server.url}/en/coordinator/emails/")
    assert page.get_by_role("heading", name="Emails not sent", level=1).is_visible()
    axe.assert_clean(page)

    page.get_by_role("link", name="Send again… nobody@example.org: Tilaus vastaanotettu").click()
    assert page.get_by_role("heading", name="Send the email again").is_visible()
    axe.assert_clean(page)
    page.get_by_role("button", name="Send the email again").click()

    assert page.get_by_text("The email to nobody@example.org will be sent again in a moment.").is_visible()
    assert OutboundEmail.objects.get(to="nobody@example.org").status == OutboundEmailStatus.SENT
    assert [m.to for m in mailoutbox] == [["nobody@example.org"]]
