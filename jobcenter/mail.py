"""Email through an outbox: render in the recipient's language, store, send after commit.

Sending is at most once per row: a second copy of a message about pay or a gig confuses the
people it goes to more than a late one (EM-2). `outbound_email_send` first commits the row as
*sending*, then talks to the mail server, then records the result. Whatever happens to the worker
(a retried or redelivered task, two workers, a process killed mid-send), a row that left *queued*
is never sent again on its own:

- a temporary SMTP error (4xx, connection or timeout) puts the row back to *queued* with the time
  of the next attempt (exponential backoff, `JOBCENTER_EMAIL_RETRY_*`), up to
  `JOBCENTER_EMAIL_MAX_ATTEMPTS`; then it is *failed*;
- a permanent error (5xx, a broken message) makes it *failed* at once;
- a send interrupted by a dying worker leaves it *sending*; the periodic job marks it *failed*
  after `JOBCENTER_EMAIL_SENDING_STALE_SECONDS`, because it may have arrived.

The coordinator sees failed emails (/coordinator/emails/) and may send one again
(`outbound_email_resend`).
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.exceptions import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.models import OutboundEmail, OutboundEmailStatus
from jobcenter.roles import is_coordinator
from jobcenter.tasks import enqueue_on_commit, send_outbound_email_task

logger = logging.getLogger("jobcenter.mail")

# `last_error` of a send that a dying worker interrupted (the page explains it in the user's language).
INTERRUPTED = "interrupted"


def queue_email(
    *,
    to: str,
    code: str,
    context: dict[str, Any],
    language: str = "fi",
    attachments: Sequence[tuple[str, bytes, str]] = (),
) -> OutboundEmail:
    """Render `templates/emails/<code>/{subject.txt,body.txt,body.html}` and queue it.

    Call inside the service's transaction; the send task is enqueued only when it commits.
    `attachments` is a list of (file name, bytes, MIME type); the outbox stores one file per email,
    saved in the same transaction as the row.
    """
    if len(attachments) > 1:
        raise ValueError("An outbound email holds at most one attachment.")

    with translation.override(language):
        # The subject and the text part are plain text: rendered without HTML escaping (the "text"
        # engine). The subject is joined into one line, so no value can start a header of its own.
        subject = " ".join(render_to_string(f"emails/{code}/subject.txt", context, using="text").split())
        body_text = render_to_string(f"emails/{code}/body.txt", context, using="text")
        try:
            body_html = render_to_string(f"emails/{code}/body.html", context)
        except TemplateDoesNotExist:
            body_html = ""
    with transaction.atomic():
        email = OutboundEmail(
            code=code, to=to, language=language, subject=subject, body_text=body_text, body_html=body_html
        )
        for name, content, mimetype in attachments:
            email.attachment_name = name
            email.attachment_mimetype = mimetype
            email.attachment.save(name, ContentFile(content), save=False)
        email.save()
    enqueue_on_commit(send_outbound_email_task, email.pk)
    return email


# --- Sending --------------------------------------------------------------------------------------
SENT = "sent"
SKIPPED = "skipped"
RETRY = "retry"
FAILED = "failed"


def retry_delay(attempts: int) -> int:
    """Seconds to wait after the `attempts`-th failed attempt: base × 2^(attempts − 1), capped."""
    base = settings.JOBCENTER_EMAIL_RETRY_BASE_SECONDS
    return int(min(base * 2 ** max(attempts - 1, 0), settings.JOBCENTER_EMAIL_RETRY_MAX_SECONDS))


def is_temporary(exc: BaseException) -> bool:
    """A mail server's 4xx answer, a dropped connection or a timeout: worth another try later.
    A 5xx answer (the address or the message was refused) and any other error are permanent."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in exc.recipients.values()]
        return bool(codes) and any(code < 500 for code in codes)
    if isinstance(exc, smtplib.SMTPResponseException):
        return not 500 <= exc.smtp_code < 600
    return isinstance(exc, smtplib.SMTPException | OSError)


def _message(email: OutboundEmail) -> EmailMultiAlternatives:
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
    return message


def outbound_email_send(*, email_id: int) -> tuple[str, int | None]:
    """Send one queued email, at most once. Returns (outcome, seconds until the next attempt).

    The outcome is "sent", "skipped" (not queued: already sent, being sent, failed or gone),
    "retry" (a temporary error; the row is queued again) or "failed".
    """
    with transaction.atomic():
        email = (
            OutboundEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, status=OutboundEmailStatus.QUEUED)
            .first()
        )
        if email is None:
            return SKIPPED, None
        email.status = OutboundEmailStatus.SENDING
        email.attempts += 1
        email.sending_since = timezone.now()
        email.next_attempt_at = None
        email.save(update_fields=["status", "attempts", "sending_since", "next_attempt_at"])
    # Committed: from here on no other run sends this row, even if this process dies mid-send.
    claimed = OutboundEmail.objects.filter(pk=email.pk, status=OutboundEmailStatus.SENDING)
    try:
        _message(email).send()
    except Exception as exc:  # noqa: BLE001 - every failure is recorded on the row
        error = f"{type(exc).__name__}: {exc}"[:2000]
        if is_temporary(exc) and email.attempts < settings.JOBCENTER_EMAIL_MAX_ATTEMPTS:
            delay = retry_delay(email.attempts)
            claimed.update(
                status=OutboundEmailStatus.QUEUED,
                last_error=error,
                sending_since=None,
                next_attempt_at=timezone.now() + dt.timedelta(seconds=delay),
            )
            logger.warning("email %s (%s): attempt %s failed, next in %s s: %s", email.pk, email.code,
                           email.attempts, delay, error)  # fmt: skip
            return RETRY, delay
        claimed.update(status=OutboundEmailStatus.FAILED, last_error=error, sending_since=None)
        logger.error("email %s (%s): failed after %s attempt(s): %s", email.pk, email.code, email.attempts, error)
        return FAILED, None
    claimed.update(status=OutboundEmailStatus.SENT, sent_at=timezone.now(), sending_since=None)
    return SENT, None


def outbound_email_fail_interrupted() -> int:
    """Mark failed the sends that a dying worker left *sending* for too long. Never resends them:
    the email may have arrived. Returns how many were marked."""
    cutoff = timezone.now() - dt.timedelta(seconds=settings.JOBCENTER_EMAIL_SENDING_STALE_SECONDS)
    return OutboundEmail.objects.filter(status=OutboundEmailStatus.SENDING, sending_since__lt=cutoff).update(
        status=OutboundEmailStatus.FAILED, last_error=INTERRUPTED, sending_since=None
    )


def outbound_email_overdue_ids(*, grace_seconds: int = 600, limit: int = 500) -> list[int]:
    """Queued emails whose send never happened (the broker lost the task, no worker ran), oldest first."""
    cutoff = timezone.now() - dt.timedelta(seconds=grace_seconds)
    return list(
        OutboundEmail.objects.filter(status=OutboundEmailStatus.QUEUED)
        .filter(Q(next_attempt_at__isnull=True, created_at__lt=cutoff) | Q(next_attempt_at__lt=cutoff))
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )


@transaction.atomic
def outbound_email_resend(*, email_id: int, by) -> OutboundEmail:
    """The coordinator sends a failed email again: it is queued with a fresh count of attempts."""
    if not is_coordinator(by):
        raise ActionNotPermitted()
    email = OutboundEmail.objects.select_for_update().filter(pk=email_id).first()
    if email is None:
        raise DomainError(_("The email no longer exists."))
    if email.status == OutboundEmailStatus.QUEUED:
        return email  # already waiting to be sent (a double click)
    if email.status != OutboundEmailStatus.FAILED:
        raise DomainError(_("Only an email that could not be sent can be sent again."))
    email.status = OutboundEmailStatus.QUEUED
    email.attempts = 0
    email.next_attempt_at = None
    email.resent_at = timezone.now()
    email.resent_by = by
    email.save(update_fields=["status", "attempts", "next_attempt_at", "resent_at", "resent_by"])
    enqueue_on_commit(send_outbound_email_task, email.pk)
    return email


# --- Reads for the coordinator's outbox page ------------------------------------------------------
def outbound_email_problems_for(*, user, limit: int = 200) -> dict[str, list[OutboundEmail]]:
    """The emails not sent yet: failed ones first, then those being sent or waiting. Coordinators only."""
    if not is_coordinator(user):
        raise ActionNotPermitted()
    unsent = OutboundEmail.objects.exclude(status=OutboundEmailStatus.SENT).defer("body_text", "body_html")
    waiting = [OutboundEmailStatus.QUEUED, OutboundEmailStatus.SENDING]
    return {
        "failed": list(unsent.filter(status=OutboundEmailStatus.FAILED).order_by("-created_at")[:limit]),
        "pending": list(unsent.filter(status__in=waiting).order_by("created_at")[:limit]),
    }


def outbound_email_get_for(*, user, pk: int) -> OutboundEmail:
    """One email for the coordinator's pages; anything else is a 404."""
    from django.http import Http404

    if not is_coordinator(user):
        raise Http404
    email = OutboundEmail.objects.defer("body_text", "body_html").filter(pk=pk).first()
    if email is None:
        raise Http404
    return email
