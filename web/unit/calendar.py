"""A staff member's calendar address: `/unit/calendar/` (the gigs of her units' workers and of the
workers she comes along with, in her own calendar)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from jobcenter.gates import unit_staff_required
from web.calendar.page import calendar_page


@require_http_methods(["GET", "HEAD", "POST"])
@unit_staff_required
def calendar(request: HttpRequest) -> HttpResponse:
    return calendar_page(
        request, template="units/calendar.html", url_name="units:calendar", context={"unit_section": "calendar"}
    )
