"""Celery entry points of the cross-cutting pieces. Tasks take ids and call services.

The mail service imports this module at the top (it enqueues the send task after commit); a task
imports the service inside its body, so the two modules never need each other while loading.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import transaction

logger = logging.getLogger("jobcenter.tasks")


def enqueue(task, *args) -> bool:
    """Queue `task(*args)` for a worker. False, with the error logged, when the broker (or the result
    store) cannot be reached: the caller's data is committed and whatever waits is picked up later
    (the outbox sweep below, billing's PDF sweep), or the caller tells the person it did not start.

    Run eagerly (development, most tests) the task runs here and its errors propagate as ever. Not
    eager, `apply_async` only publishes, so any error from it means "not queued"; it is caught
    broadly on purpose (kombu, redis-py and Celery's result store raise different types), and the
    settings keep the attempt short (CELERY_TASK_PUBLISH_RETRY_POLICY and the socket timeouts).
    """
    if task.app.conf.task_always_eager:
        task.apply_async(args)
        return True
    try:
        task.apply_async(args)
    except Exception as exc:  # noqa: BLE001 - see the docstring: every publish failure means "not queued"
        logger.error("task %s%r not queued, broker unreachable: %s: %s", task.name, args, type(exc).__name__, exc)
        return False
    return True


def enqueue_on_commit(task, *args) -> None:
    """Queue `task(*args)` once the current transaction commits (at once outside one), never failing
    the request that committed: a broker that is down is logged, and the work waits (see `enqueue`)."""
    transaction.on_commit(lambda: enqueue(task, *args))


@shared_task(bind=True, name="jobcenter.send_outbound_email")
def send_outbound_email_task(self, email_id: int) -> str:
    """Send one stored email, at most once (see `jobcenter.mail`): a retried, redelivered or
    duplicated task finds the row no longer queued and skips it.

    A temporary SMTP error queues the row again and schedules this task after the backoff delay.
    (Run eagerly, without a worker, the periodic job picks the row up instead of an inline retry.)
    """
    from jobcenter import mail

    outcome, delay = mail.outbound_email_send(email_id=email_id)
    if outcome == mail.RETRY and not self.request.is_eager:
        raise self.retry(countdown=delay, max_retries=None)
    return outcome


@shared_task(name="jobcenter.requeue_stuck_email")
def requeue_stuck_email_task() -> int:
    """Periodic: mark interrupted sends failed, and enqueue again the queued rows whose task was lost
    (broker down when the email was queued, worker gone) 10 minutes after they were due. Returns how
    many were enqueued."""
    from jobcenter import mail

    mail.outbound_email_fail_interrupted()
    ids = mail.outbound_email_overdue_ids()
    return sum(enqueue(send_outbound_email_task, pk) for pk in ids)


@shared_task(bind=True, name="jobcenter.send_outbound_sms")
def send_outbound_sms_task(self, sms_id: int) -> str:
    """Send one stored text message, at most once (see `jobcenter.sms`); as the email task."""
    from jobcenter import sms

    outcome, delay = sms.outbound_sms_send(sms_id=sms_id)
    if outcome == sms.RETRY and not self.request.is_eager:
        raise self.retry(countdown=delay, max_retries=None)
    return outcome


@shared_task(name="jobcenter.requeue_stuck_sms")
def requeue_stuck_sms_task() -> int:
    """Periodic: as `requeue_stuck_email_task`, for text messages."""
    from jobcenter import sms

    sms.outbound_sms_fail_interrupted()
    return sum(enqueue(send_outbound_sms_task, pk) for pk in sms.outbound_sms_overdue_ids())
