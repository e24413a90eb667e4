"""The calendar page both audiences use: the worker's `/me/calendar/` and the unit's `/unit/calendar/`.

It shows the person's feed address to copy, makes one, makes a new one (after a confirmation: the
old address stops working at once) or turns the feed off (confirmed as well). Each change is one
service call; the page only asks and tells."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from jobcenter.calendar_feeds.selectors import calendar_feed_active_for
from jobcenter.calendar_feeds.services import calendar_feed_create, calendar_feed_revoke
from jobcenter.errors import DomainError
from web.calendar.ics import feed_url

ACTIONS = ("create", "new", "off")


def calendar_page(request: HttpRequest, *, template: str, url_name: str, context: dict | None = None) -> HttpResponse:
    user = request.user
    feed = calendar_feed_active_for(user=user)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    confirming = ""
    if action in ACTIONS:
        # A first address changes nothing that works; replacing or turning off breaks the old one.
        if action != "create" and feed is not None and request.POST.get("confirmed") != "1":
            confirming = action
        else:
            try:
                if action == "off":
                    calendar_feed_revoke(user=user)
                    messages.success(request, _("Your calendar address is turned off. It no longer shows your gigs."))
                else:
                    calendar_feed_create(user=user)
                    messages.success(request, _("Your new calendar address is ready. Copy it to your calendar."))
            except DomainError as err:
                messages.error(request, err.message)
            return redirect(url_name)
    status = 400 if request.method == "POST" and action not in ACTIONS else 200
    page = {
        **(context or {}),
        "feed": feed,
        "feed_url": feed_url(feed.token) if feed else "",
        "confirming": confirming,
    }
    return render(request, template, page, status=status)
