"""Celery entry points of the cross-cutting pieces. Tasks take ids and call services.

The mail service imports this module at the top (it enqueues the send task after commit); a task
imports the service inside its body, so the two modules never need each other while loading.
"""

from __future__ import annotations

from celery import shared_task


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
    (broker down, worker gone) 10 minutes after they were due. Returns how many were enqueued."""
    from jobcenter import mail

    mail.outbound_email_fail_interrupted()
    ids = mail.outbound_email_overdue_ids()
    for pk in ids:
        send_outbound_email_task.delay(pk)
    return len(ids)
