"""A person's gigs as an iCalendar (RFC 5545) document, written with the `icalendar` library."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from orders.selectors.calendar import CalendarEvent

ZONE = "Europe/Helsinki"


def feed_url(token: str) -> str:
    """The full address a calendar app subscribes to."""
    return settings.SITE_URL.rstrip("/") + reverse("calendar-feed", kwargs={"token": token})


def _event_url(event: CalendarEvent, staff_unit_ids: set[int]) -> str | None:
    if event.own:
        path = reverse("workers:gig", kwargs={"assignment_pk": event.assignment_id})
    elif event.worker_home_unit_id in staff_unit_ids:
        path = reverse("units:worker", kwargs={"pk": event.worker_id})
    else:  # a worker of another unit she comes along with: no page of ours shows that worker to her
        return None
    return settings.SITE_URL.rstrip("/") + path


def render_calendar(events: list[CalendarEvent], *, language: str, staff_unit_ids: set[int]) -> bytes:
    """The feed's text, its name and the events' links in the person's language."""
    with translation.override(language):
        return _render(events, staff_unit_ids)


def _render(events: list[CalendarEvent], staff_unit_ids: set[int]) -> bytes:
    zone = ZoneInfo(ZONE)
    calendar = Calendar()
    calendar.add("prodid", "-//Jobcenter//Gigs//FI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("My gigs (Jobcenter)"))
    calendar.add("x-wr-timezone", ZONE)
    # Calendar apps fetch a subscribed feed on their own schedule; this asks for about hourly.
    calendar.add("refresh-interval", dt.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    stamp = timezone.now()
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("last-modified", item.changed_at)
        event.add("dtstart", item.starts_at.astimezone(zone))
        event.add("dtend", item.ends_at.astimezone(zone))
        event.add("summary", item.summary)
        if item.location:
            event.add("location", item.location)
        if item.description:
            event.add("description", item.description)
        url = _event_url(item, staff_unit_ids)
        if url:
            event.add("url", url)
        event.add("transp", "OPAQUE")
        calendar.add_component(event)
    # The VTIMEZONE of Europe/Helsinki, so every app reads the times the same (summer time included).
    calendar.add_missing_timezones()
    return calendar.to_ical()
