"""`GET /calendar/<token>.ics`: a person's gigs for her calendar app, without logging in.

The token in the address is the key (`jobcenter.calendar_feeds`). An unknown, turned-off or
malformed token is a plain 404, the same for each, so addresses cannot be probed. Whatever fails
while the feed is built is a 404 as well, never a 500 page: a calendar app retries a failing
feed forever and shows its owner nothing useful either way. The response is personal data: never
cached by a shared cache, never indexed."""

from __future__ import annotations

import logging

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from jobcenter.calendar_feeds.selectors import calendar_feed_by_token
from jobcenter.roles import staff_unit_ids
from orders.selectors.calendar import calendar_events_for
from web.calendar.ics import render_calendar

logger = logging.getLogger(__name__)


@require_http_methods(["GET", "HEAD"])
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    feed = calendar_feed_by_token(token)
    if feed is None:
        raise Http404()
    user = feed.user
    try:
        body = render_calendar(
            calendar_events_for(user=user), language=user.language or "fi", staff_unit_ids=staff_unit_ids(user)
        )
    except Exception:  # noqa: BLE001 - a feed never answers with a 500 (see the module's docstring)
        # The feed's id only: the token is a secret and stays out of the logs.
        logger.exception("calendar feed %s could not be built", feed.pk)
        raise Http404() from None
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="jobcenter.ics"'
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
