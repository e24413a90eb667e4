"""The email outbox (EM-1..4): stored with the change, sent after commit, at most once, temporary
SMTP errors retried with backoff up to a limit, then failed and shown to the coordinator. No email
carries special-category data.

The SMTP tests talk to a real SMTP server stub (`tests.support.outbox.SmtpStub`, a socket server in
a thread) through Django's SMTP backend, so the errors are real SMTP answers. The coordinator's page
is in test_outbox_page.py, the real Celery worker (killed in the middle of a send) in
test_outbox_worker.py.
"""

from __future__ import annotations

import datetime as dt
import socket

import pytest
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from jobcenter import mail
from jobcenter.models import OutboundEmail, OutboundEmailStatus
from jobcenter.tasks import requeue_stuck_email_task, send_outbound_email_task
from orders import services
from orders.models import AssignmentStatus
from tests.factories import AssignmentFactory, CoordinatorFactory, GigFactory, OrderFactory, WorkerFactory
from tests.support.outbox import queued
from tests.support.processes import ROOT


def _context(order) -> dict:
    return {"order": order, "contact": order.contact}


# --- Stored in the change's transaction, sent only after commit -----------------------------------
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


# --- At most once, retries with backoff, then failed ----------------------------------------------
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


# --- No special-category data in any email --------------------------------------------------------
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
