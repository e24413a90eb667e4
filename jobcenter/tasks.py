"""Celery entry points of the cross-cutting pieces. Tasks take ids and call services."""

from __future__ import annotations

from datetime import timedelta
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from jobcenter.models import OutboundEmail, OutboundEmailStatus


@shared_task(
    name="jobcenter.send_outbound_email",
    autoretry_for=(SMTPException, OSError),
    retry_backoff=True,
    max_retries=5,
)
def send_outbound_email_task(email_id: int) -> str:
    """Send one stored email. Sends only a row that is still queued, so a retry never doubles it."""
    with transaction.atomic():
        email = (
            OutboundEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, status=OutboundEmailStatus.QUEUED)
            .first()
        )
        if email is None:
            return "skipped"
        email.attempts += 1
        message = EmailMultiAlternatives(
            subject=email.subject, body=email.body_text, from_email=settings.DEFAULT_FROM_EMAIL, to=[email.to]
        )
        if email.body_html:
            message.attach_alternative(email.body_html, "text/html")
        if email.attachment:
            with email.attachment.open("rb") as stored:
                message.attach(
                    email.attachment_name or email.attachment.name.rsplit("/", 1)[-1],
                    stored.read(),
                    email.attachment_mimetype or "application/octet-stream",
                )
        try:
            message.send()
        except (SMTPException, OSError) as exc:
            email.last_error = str(exc)[:2000]
            email.status = OutboundEmailStatus.FAILED if email.attempts >= 5 else OutboundEmailStatus.QUEUED
            email.save(update_fields=["attempts", "last_error", "status"])
            raise
        email.status = OutboundEmailStatus.SENT
        email.sent_at = timezone.now()
        email.save(update_fields=["attempts", "status", "sent_at"])
        return "sent"


@shared_task(name="jobcenter.requeue_stuck_email")
def requeue_stuck_email_task() -> int:
    """Periodic: re-enqueue rows that stayed queued (broker down, worker lost) for 10 minutes."""
    cutoff = timezone.now() - timedelta(minutes=10)
    ids = list(
        OutboundEmail.objects.filter(status=OutboundEmailStatus.QUEUED, created_at__lt=cutoff).values_list(
            "pk", flat=True
        )[:500]
    )
    for pk in ids:
        send_outbound_email_task.delay(pk)
    return len(ids)
