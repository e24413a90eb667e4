"""When a gig starts and ends, as aware moments. A gig's date and clock time are Helsinki's (the
project's TIME_ZONE); the reminders, "I can't come", a no-show, a client's late cancellation and the
answer link's expiry all measure from these, so they agree on the minute."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def gig_starts_at(gig) -> dt.datetime:
    """The gig's start (its date and start time in the project's time zone)."""
    return dt.datetime.combine(gig.date, gig.start_time, tzinfo=local_zone())


def gig_ends_at(gig) -> dt.datetime:
    """The gig's planned end: its start and its planned hours."""
    return gig_starts_at(gig) + dt.timedelta(minutes=int(gig.planned_hours * 60))
