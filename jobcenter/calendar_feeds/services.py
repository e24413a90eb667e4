"""Writes of the calendar feeds. The worker's and the unit's calendar pages and tests call these.

Only a person who has gigs to see may have a feed: a worker, or active unit staff (the gigs of the
workers of their units and of those they come along with). A new address replaces the old one in
the same transaction, so a leaked address stops working the moment its owner makes a new one."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone

from jobcenter.calendar_feeds.models import CalendarFeed
from jobcenter.errors import ActionNotPermitted
from jobcenter.models import User
from jobcenter.roles import is_unit_staff, worker_profile

# 32 random bytes, 43 characters in the address: far beyond guessing.
TOKEN_BYTES = 32


def may_have_calendar_feed(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active) and (
        worker_profile(user) is not None or is_unit_staff(user)
    )


def _lock(user: User) -> None:
    # Two taps at once (or two tabs) give one working address, not two.
    User.objects.select_for_update().only("pk").get(pk=user.pk)


def _revoke_active(user: User) -> int:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


@transaction.atomic
def calendar_feed_create(*, user: User) -> CalendarFeed:
    """A new address for the user's calendar; the old one, if any, stops working."""
    if not may_have_calendar_feed(user):
        raise ActionNotPermitted()
    _lock(user)
    _revoke_active(user)
    return CalendarFeed.objects.create(user=user, token=secrets.token_urlsafe(TOKEN_BYTES))


@transaction.atomic
def calendar_feed_revoke(*, user: User) -> int:
    """Turn the user's calendar feed off. Returns how many addresses stopped working (0 or 1).

    Anyone may turn their own feed off, also after losing the role that let them make it."""
    if not (user and user.is_authenticated):
        raise ActionNotPermitted()
    _lock(user)
    return _revoke_active(user)
