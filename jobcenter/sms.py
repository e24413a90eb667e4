"""Text messages through an outbox, the same way as email (`jobcenter.mail`): stored in the
service's transaction, sent after commit by a task, at most once per row.

`outbound_sms_send` commits the row as *sending* before the gateway is contacted. A temporary error
(the gateway busy or down, a timeout) puts it back to *queued* with the time of the next attempt,
with the email's backoff and number of attempts (`JOBCENTER_EMAIL_RETRY_*`, `_MAX_ATTEMPTS`); a
permanent one (a refused number, wrong credentials) makes it *failed* at once; a send interrupted
by a dying worker is marked failed after `JOBCENTER_EMAIL_SENDING_STALE_SECONDS`, never resent on
its own. The coordinator's outbox page lists the failed ones with the reason.

Numbers are stored in E.164 form (+358...); a Finnish number may be typed as people write it
("040 123 4567", "+358 40 123 4567", "00358401234567").
"""

from __future__ import annotations

import datetime as dt
import logging
import re

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from jobcenter.errors import ActionNotPermitted
from jobcenter.mail import retry_delay
from jobcenter.models import OutboundSms, OutboundSmsStatus
from jobcenter.roles import is_coordinator
from jobcenter.sms_backends.base import SmsMessage, TemporarySmsError, get_backend
from jobcenter.tasks import enqueue_on_commit, send_outbound_sms_task

logger = logging.getLogger("jobcenter.sms")

INTERRUPTED = "interrupted"
SENT, SKIPPED, RETRY, FAILED = "sent", "skipped", "retry", "failed"
# The longest text stored; a gateway splits a long one into parts (docs/sms.md).
MAX_TEXT_LENGTH = 1000


class InvalidPhoneNumber(ValueError):
    pass


_SEPARATORS = re.compile(r"[\s\-().]")


def normalize_phone(value: str) -> str:
    """A phone number in E.164 form: "040 123 4567" → "+358401234567". A number without a country
    code is Finnish. Raises InvalidPhoneNumber for anything that cannot be a phone number."""
    number = _SEPARATORS.sub("", value or "")
    if number.startswith("00"):
        number = "+" + number[2:]
    elif number.startswith("0"):
        number = "+358" + number[1:]
    if not re.fullmatch(r"\+[1-9]\d{6,14}", number):
        raise InvalidPhoneNumber(value)
    # A Finnish subscriber number has 5 to 10 digits after the country code, never a leading 0.
    if number.startswith("+358") and not re.fullmatch(r"\+358[1-9]\d{4,9}", number):
        raise InvalidPhoneNumber(value)
    return number


def phone_or_empty(value: str) -> str:
    """The E.164 form of `value`, or "" when it is empty or not a phone number."""
    try:
        return normalize_phone(value)
    except InvalidPhoneNumber:
        return ""


def queue_sms(*, to: str, text: str, code: str, language: str) -> OutboundSms:
    """Store a text message and queue its send for after the current transaction commits.

    `text` is already in the recipient's language; `code` names what it is (as an email's code).
    Raises InvalidPhoneNumber when `to` is not a phone number, ValueError for an empty text.
    """
    number = normalize_phone(to)
    text = (text or "").strip()
    if not text:
        raise ValueError("A text message needs a text.")
    if len(text) > MAX_TEXT_LENGTH:
        raise ValueError(f"A text message holds at most {MAX_TEXT_LENGTH} characters.")
    sms = OutboundSms.objects.create(code=code, to=number, text=text, language=language)
    enqueue_on_commit(send_outbound_sms_task, sms.pk)
    return sms


def outbound_sms_send(*, sms_id: int) -> tuple[str, int | None]:
    """Send one queued text message, at most once. Returns (outcome, seconds until the next attempt):
    "sent", "skipped" (not queued any more, or gone), "retry" or "failed"."""
    with transaction.atomic():
        sms = (
            OutboundSms.objects.select_for_update(skip_locked=True)
            .filter(pk=sms_id, status=OutboundSmsStatus.QUEUED)
            .first()
        )
        if sms is None:
            return SKIPPED, None
        sms.status = OutboundSmsStatus.SENDING
        sms.attempts += 1
        sms.sending_since = timezone.now()
        sms.next_attempt_at = None
        sms.save(update_fields=["status", "attempts", "sending_since", "next_attempt_at"])
    # Committed: no other run sends this row, even if this process dies mid-send.
    claimed = OutboundSms.objects.filter(pk=sms.pk, status=OutboundSmsStatus.SENDING)
    try:
        gateway_id = get_backend().send(SmsMessage(reference=str(sms.pk), to=sms.to, text=sms.text))
    except Exception as exc:  # noqa: BLE001 - every failure is recorded on the row
        error = f"{type(exc).__name__}: {exc}"[:2000]
        if isinstance(exc, TemporarySmsError) and sms.attempts < settings.JOBCENTER_EMAIL_MAX_ATTEMPTS:
            delay = retry_delay(sms.attempts)
            claimed.update(
                status=OutboundSmsStatus.QUEUED,
                last_error=error,
                sending_since=None,
                next_attempt_at=timezone.now() + dt.timedelta(seconds=delay),
            )
            logger.warning("sms %s (%s): attempt %s failed, next in %s s: %s", sms.pk, sms.code, sms.attempts,
                           delay, error)  # fmt: skip
            return RETRY, delay
        claimed.update(status=OutboundSmsStatus.FAILED, last_error=error, sending_since=None)
        logger.error("sms %s (%s): failed after %s attempt(s): %s", sms.pk, sms.code, sms.attempts, error)
        return FAILED, None
    claimed.update(
        status=OutboundSmsStatus.SENT, sent_at=timezone.now(), sending_since=None, gateway_id=(gateway_id or "")[:100]
    )
    return SENT, None


def outbound_sms_fail_interrupted() -> int:
    """Mark failed the sends a dying worker left *sending* too long (never resent: it may have arrived)."""
    cutoff = timezone.now() - dt.timedelta(seconds=settings.JOBCENTER_EMAIL_SENDING_STALE_SECONDS)
    return OutboundSms.objects.filter(status=OutboundSmsStatus.SENDING, sending_since__lt=cutoff).update(
        status=OutboundSmsStatus.FAILED, last_error=INTERRUPTED, sending_since=None
    )


def outbound_sms_overdue_ids(*, grace_seconds: int = 600, limit: int = 500) -> list[int]:
    """Queued messages whose send never happened (the broker lost the task), oldest first."""
    cutoff = timezone.now() - dt.timedelta(seconds=grace_seconds)
    return list(
        OutboundSms.objects.filter(status=OutboundSmsStatus.QUEUED)
        .filter(Q(next_attempt_at__isnull=True, created_at__lt=cutoff) | Q(next_attempt_at__lt=cutoff))
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )


def outbound_sms_problems_for(*, user, limit: int = 200) -> dict[str, list[OutboundSms]]:
    """The text messages not sent yet, for the coordinator's outbox page: failed, then waiting."""
    if not is_coordinator(user):
        raise ActionNotPermitted()
    unsent = OutboundSms.objects.exclude(status=OutboundSmsStatus.SENT).defer("text")
    waiting = [OutboundSmsStatus.QUEUED, OutboundSmsStatus.SENDING]
    return {
        "failed": list(unsent.filter(status=OutboundSmsStatus.FAILED).order_by("-created_at")[:limit]),
        "pending": list(unsent.filter(status__in=waiting).order_by("created_at")[:limit]),
    }


def forget_sms_to(number: str) -> int:
    """Retention: the messages to `number` lose the number and the text; the row (what was sent
    when) stays. Returns how many rows changed."""
    number = phone_or_empty(number)
    if not number:
        return 0
    return OutboundSms.objects.filter(to=number).update(to="", text="")
