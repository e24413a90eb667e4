"""How the Jobcenter reaches a worker: by email, by text message or both, as she chose
(`Worker.notify_by`). Notifications go through `tell_worker`, so her choice holds everywhere.

A text message needs her phone number (the user's `phone`, in any usual Finnish form). When she chose
text messages and the number is gone or unusable, she is emailed instead: she is never left untold.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.template.exceptions import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.mail import queue_email
from jobcenter.models import OutboundEmail, OutboundSms
from jobcenter.sms import phone_or_empty, queue_sms
from workers.models import NotifyBy, Worker
from workers.permissions import can_set_worker_language

EMAIL, SMS = "email", "sms"


def worker_channels(worker: Worker) -> tuple[str, ...]:
    """The channels a message to `worker` goes by now: ("email",), ("sms",) or ("email", "sms")."""
    has_phone = bool(phone_or_empty(worker.user.phone))
    if worker.notify_by == NotifyBy.SMS and has_phone:
        return (SMS,)
    if worker.notify_by == NotifyBy.BOTH and has_phone:
        return (EMAIL, SMS)
    return (EMAIL,)


def sms_text_for(code: str, context: dict[str, Any], *, language: str) -> str:
    """The text message of email `code`: `templates/emails/<code>/sms.txt` rendered as plain text in
    `language`, on one line; "" when the email has no text message."""
    try:
        with translation.override(language):
            return " ".join(render_to_string(f"emails/{code}/sms.txt", context, using="text").split())
    except TemplateDoesNotExist:
        return ""


def tell_worker_queued(
    worker: Worker, *, code: str, context: dict[str, Any], sms_text: str | None = None
) -> tuple[OutboundEmail | None, OutboundSms | None]:
    """Queue the email `code` (with `context`) and/or the text message to the worker, by her
    channel, in her language; sent after the caller's transaction commits. The text message is
    `sms_text` (written in her language, `worker.language`) or else the email's `sms.txt`; an email
    without one goes as email. Returns what was queued: (the email or None, the text message or None)."""
    channels = worker_channels(worker)
    if SMS in channels and sms_text is None:
        sms_text = sms_text_for(code, context, language=worker.language)
    if SMS in channels and not sms_text:
        channels = (EMAIL,)
    email = sms = None
    if EMAIL in channels:
        email = queue_email(to=worker.user.email, code=code, context=context, language=worker.language)
    if SMS in channels:
        sms = queue_sms(to=worker.user.phone, text=sms_text, code=code, language=worker.language)
    return email, sms


def tell_worker(worker: Worker, *, code: str, context: dict[str, Any], sms_text: str | None = None) -> tuple[str, ...]:
    """`tell_worker_queued`, returning the channels used: ("email",), ("sms",) or ("email", "sms")."""
    email, sms = tell_worker_queued(worker, code=code, context=context, sms_text=sms_text)
    return tuple(channel for channel, queued in ((EMAIL, email), (SMS, sms)) if queued is not None)


@transaction.atomic
def worker_set_notify_by(*, worker_id: int, notify_by: str, by) -> Worker:
    """How the worker is told: email, text message or both. Set by the worker herself, staff of her
    home unit or a coordinator (as her language). A text message needs a phone number on file."""
    worker = Worker.objects.select_for_update(of=("self",)).select_related("user").filter(pk=worker_id).first()
    if worker is None:
        raise DomainError(_("The worker no longer exists."))
    if not can_set_worker_language(by, worker):
        raise ActionNotPermitted
    if notify_by not in NotifyBy.values:
        raise DomainError(_("Choose email, text message or both."))
    if notify_by != NotifyBy.EMAIL and not phone_or_empty(worker.user.phone):
        raise DomainError(_("There is no phone number for text messages. The instructor can add it."))
    if worker.notify_by != notify_by:
        worker.notify_by = notify_by
        worker.save(update_fields=["notify_by", "updated_at"])
    return worker
