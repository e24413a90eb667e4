"""Reads of the accessibility feedback for the coordinator's page."""

from __future__ import annotations

from django.http import Http404

from jobcenter.errors import ActionNotPermitted
from jobcenter.feedback.models import AccessibilityFeedback
from jobcenter.roles import is_coordinator


def accessibility_feedback_for(*, user, limit: int = 200) -> dict[str, list[AccessibilityFeedback]]:
    """Open messages (oldest first: the nearest deadline on top) and the latest answered ones."""
    if not is_coordinator(user):
        raise ActionNotPermitted()
    rows = AccessibilityFeedback.objects.select_related("answered_by")
    return {
        "open": list(rows.filter(answered_at__isnull=True).order_by("received_at")[:limit]),
        "answered": list(rows.filter(answered_at__isnull=False).order_by("-answered_at")[:limit]),
    }


def accessibility_feedback_get_for(*, user, pk: int) -> AccessibilityFeedback:
    """One message for the coordinator; anything else is a 404."""
    if not is_coordinator(user):
        raise Http404
    feedback = AccessibilityFeedback.objects.filter(pk=pk).first()
    if feedback is None:
        raise Http404
    return feedback
