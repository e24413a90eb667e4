"""Email through an outbox: render in the recipient's language, store, send after commit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.exceptions import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

from jobcenter.models import OutboundEmail


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
    from jobcenter.tasks import send_outbound_email_task

    with translation.override(language):
        subject = " ".join(render_to_string(f"emails/{code}/subject.txt", context).split())
        body_text = render_to_string(f"emails/{code}/body.txt", context)
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
    transaction.on_commit(lambda: send_outbound_email_task.delay(email.pk))
    return email
