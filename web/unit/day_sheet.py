"""Unit staff: the unit's week (who goes where each day) and the printable day sheet (PDF), for units
that work on paper. The sheet carries the workers' phone numbers, so its download is access-logged."""

from __future__ import annotations

import datetime as dt
import re

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import dateformat, timezone
from django.views.decorators.http import require_safe

from jobcenter.access_log import ACTION_DOWNLOAD, DATA_PROFILE, log_access
from jobcenter.downloads import attachment
from jobcenter.gates import unit_staff_required
from jobcenter.pdf import render_pdf
from orders.selectors.day_sheet import day_sheet_for, day_sheet_unit_for, sheet_worker_ids
from units.selectors import staff_units_for

WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def _unit_id(request: HttpRequest) -> int | None:
    raw = request.GET.get("unit", "")
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    return int(raw)


def _monday(raw: str) -> dt.date:
    """The Monday of an ISO week "2026-W50"; this week's when the value is missing or not a week."""
    match = WEEK.match(raw or "")
    if match:
        try:
            return dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
        except ValueError:
            pass
    today = timezone.localdate()
    return today - dt.timedelta(days=today.weekday())


def _week_code(day: dt.date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def _day(raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw)
    except (TypeError, ValueError):
        raise Http404 from None


def _with_unit(url: str, unit_id: int | None, **params) -> str:
    if unit_id is not None:
        params["unit"] = unit_id
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"{url}?{query}" if query else url


@unit_staff_required
@require_safe
def week(request: HttpRequest) -> HttpResponse:
    unit_id = _unit_id(request)
    unit = day_sheet_unit_for(user=request.user, unit_id=unit_id)
    monday = _monday(request.GET.get("week", ""))
    days = day_sheet_for(user=request.user, unit=unit, first=monday, last=monday + dt.timedelta(days=6))
    units = staff_units_for(user=request.user)
    page = reverse("units:week")
    chosen = unit.pk if len(units) > 1 else None
    for day in days:
        day.pdf_url = _with_unit(reverse("units:day-sheet-pdf", args=[day.date.isoformat()]), chosen)
    return render(
        request,
        "units/week.html",
        {
            "unit": unit,
            "units": units,
            "several_units": len(units) > 1,
            "days": days,
            "monday": monday,
            "sunday": monday + dt.timedelta(days=6),
            "week_number": monday.isocalendar()[1],
            "week_code": _week_code(monday),
            "previous_url": _with_unit(page, chosen, week=_week_code(monday - dt.timedelta(days=7))),
            "next_url": _with_unit(page, chosen, week=_week_code(monday + dt.timedelta(days=7))),
            "this_week_url": _with_unit(page, chosen),
            "today": timezone.localdate(),
            "unit_section": "week",
        },
    )


@unit_staff_required
@require_safe
def day_sheet(request: HttpRequest) -> HttpResponse:
    """`?date=2026-12-10` (the week page's date field): on to that day's sheet."""
    unit = day_sheet_unit_for(user=request.user, unit_id=_unit_id(request))
    day = _day(request.GET.get("date", ""))
    return redirect(_with_unit(reverse("units:day-sheet-pdf", args=[day.isoformat()]), unit.pk))


@unit_staff_required
@require_safe
def day_sheet_pdf(request: HttpRequest, day: str) -> HttpResponse:
    unit = day_sheet_unit_for(user=request.user, unit_id=_unit_id(request))
    date = _day(day)
    days = day_sheet_for(user=request.user, unit=unit, first=date, last=date)
    worker_ids = sheet_worker_ids(days)
    if worker_ids:
        log_access(request, worker_ids, DATA_PROFILE, action=ACTION_DOWNLOAD, unit=unit)
    pdf = render_pdf(
        "units/day_sheet_pdf.html",
        {
            "unit": unit,
            "day": days[0],
            "day_text": dateformat.format(date, "l j.n.Y"),
            "printed_at": timezone.localtime(),
        },
    )
    return attachment(pdf, content_type="application/pdf", filename=f"paivan-keikat-{unit.pk}-{date.isoformat()}.pdf")
