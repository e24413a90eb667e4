"""The worker's calendar address: `/me/calendar/` (her gigs in her phone's calendar)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from jobcenter.gates import worker_required
from web.calendar.page import calendar_page


@require_http_methods(["GET", "HEAD", "POST"])
@worker_required
def calendar(request: HttpRequest) -> HttpResponse:
    return calendar_page(request, template="workers/mobile/calendar.html", url_name="workers:calendar")
