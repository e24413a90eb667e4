"""A real Celery worker process sends a committed outbound email, once.

Marked `worker`: needs Redis (REDIS_URL / CELERY_BROKER_URL) and a database the worker process can
reach (PostgreSQL on CI). The eager test at the end runs everywhere.
"""

from __future__ import annotations

import pytest
from celery.result import EagerResult

from jobcenter.models import OutboundEmail, OutboundEmailStatus
from jobcenter.tasks import send_outbound_email_task


def queued_email(to: str) -> OutboundEmail:
    return OutboundEmail.objects.create(
        code="infra-test", to=to, subject="Testiviesti: äöå ÄÖÅ €", body_text="Hei!\nTämä on testi."
    )


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_real_worker_sends_a_committed_email(real_celery):
    email = queued_email("worker-1@example.org")

    result = send_outbound_email_task.delay(email.pk)

    assert not isinstance(result, EagerResult), "the task ran inline, not in the worker"
    assert result.get(timeout=20) == "sent"
    email.refresh_from_db()
    assert email.status == OutboundEmailStatus.SENT
    assert email.sent_at is not None
    assert email.attempts == 1


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_real_worker_sends_a_row_only_once(real_celery):
    email = queued_email("worker-2@example.org")

    assert send_outbound_email_task.delay(email.pk).get(timeout=20) == "sent"
    assert send_outbound_email_task.delay(email.pk).get(timeout=20) == "skipped"

    email.refresh_from_db()
    assert email.status == OutboundEmailStatus.SENT
    assert email.attempts == 1


@pytest.mark.django_db
def test_eager_default_sends_inline(mailoutbox):
    email = queued_email("eager@example.org")

    result = send_outbound_email_task.delay(email.pk)

    assert isinstance(result, EagerResult)
    assert result.get() == "sent"
    assert [m.to for m in mailoutbox] == [["eager@example.org"]]
    assert send_outbound_email_task.delay(email.pk).get() == "skipped"
    assert len(mailoutbox) == 1
