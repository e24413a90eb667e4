"""Writes of the accessibility feedback. The public page, the coordinator's page and tests call these."""

from __future__ import annotations

from email.utils import parseaddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.feedback.models import AccessibilityFeedback
from jobcenter.mail import queue_email
from jobcenter.roles import is_coordinator


def feedback_recipient() -> str:
    """Where the coordinators read the feedback: the service's contact address (the one the public
    pages give), or the sender address when none is set."""
    return getattr(settings, "JOBCENTER_CONTACT_EMAIL", "") or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


@transaction.atomic
def accessibility_feedback_submit(
    *, message: str, name: str = "", email: str = "", page_url: str = "", language: str = "fi"
) -> AccessibilityFeedback:
    """Store one message and queue one email to the coordinators (sent after commit)."""
    feedback = AccessibilityFeedback(
        message=message.strip(),
        name=name.strip(),
        email=email.strip(),
        page_url=page_url.strip()[:500],
        language=language[:5] or "fi",
    )
    feedback.full_clean()  # a ValidationError leaves nothing saved
    feedback.save()
    recipient = feedback_recipient()
    if recipient:
        # The coordinators' mailbox is Finnish-speaking; the message itself is in the sender's words.
        queue_email(to=recipient, code="accessibility_feedback", language="fi", context={"feedback": feedback})
    return feedback


@transaction.atomic
def accessibility_feedback_mark_answered(*, feedback_id: int, by, note: str) -> AccessibilityFeedback:
    """The coordinator records that the feedback was answered (how, in the note). Once only."""
    if not is_coordinator(by):
        raise ActionNotPermitted()
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Write how the feedback was answered.")})
    feedback = AccessibilityFeedback.objects.select_for_update().filter(pk=feedback_id).first()
    if feedback is None:
        raise DomainError(_("The feedback no longer exists."))
    if feedback.answered_at is not None:
        raise DomainError(_("This feedback has already been marked answered."))
    feedback.answered_at = timezone.now()
    feedback.answered_by = by
    feedback.answer_note = note
    feedback.save(update_fields=["answered_at", "answered_by", "answer_note"])
    return feedback
