"""Reads of the calendar feeds."""

from __future__ import annotations

from jobcenter.calendar_feeds.models import CalendarFeed


def calendar_feed_active_for(*, user) -> CalendarFeed | None:
    """The user's working address, or None."""
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).first()


def calendar_feed_by_token(token: str) -> CalendarFeed | None:
    """The working feed of a token, with its user; None for an unknown, revoked or malformed one
    (or one whose user can no longer log in)."""
    if not token or len(token) > 64:
        return None
    return CalendarFeed.objects.active().select_related("user").filter(token=token).first()
