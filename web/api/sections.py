"""The results report (`billing.results.ResultsReport`) as the API's JSON body.

Each section is named here one by one, so a section the report gains later (or one holding a
person's words, like the client quotes) is not published until someone adds it on purpose."""

from __future__ import annotations

from datetime import date


def group(figures) -> dict:
    """One `GroupFigures`; the report has already nulled the numbers of a suppressed group."""
    suppressed = bool(figures.suppressed)
    return {
        "key": str(figures.key),
        "label": str(figures.label),
        "people": None if suppressed else figures.people,
        "hours": None if suppressed else figures.hours,
        "earnings": None if suppressed else figures.earnings,
        "gigs": None if suppressed else figures.gigs,
        "clients": None if suppressed else figures.clients,
        "suppressed": suppressed,
    }


def groups(items) -> list[dict]:
    return [group(item) for item in items or ()]


def _first_and_repeat(section) -> dict | None:
    if section is None:
        return None
    suppressed = bool(section.suppressed)
    return {
        "first_gigs": None if suppressed else section.first_gigs,
        "repeat_gigs": None if suppressed else section.repeat_gigs,
        "suppressed": suppressed,
    }


def _cancellations(section) -> dict | None:
    if section is None:
        return None
    return {
        "late_cancellations": section.late_cancellations,
        "no_shows": section.no_shows,
        "client_cancellations": section.client_cancellations,
        "client_late_cancellations": section.client_late_cancellations,
    }


def _rating(section) -> dict | None:
    return None if section is None else {"average": section.average, "count": section.count}


def _unit_share(share) -> dict:
    suppressed = bool(share.suppressed)
    return {
        "unit": share.unit_id,
        "label": str(share.label),
        "period_start": share.period_start,
        "period_end": share.period_end,
        "clients": share.clients,
        "people": None if suppressed else share.people,
        "share_percent": None if suppressed else share.share_percent,
        "suppressed": suppressed,
    }


def figures_body(report, *, start: date, end: date, service: int | None, unit: int | None) -> dict:
    # `report.quotes` is left out on purpose (see web.api.figures).
    return {
        "period": {"start": start, "end": end, "service": service, "unit": unit},
        "total": group(report.total),
        "by_service": groups(report.by_service),
        "by_unit": groups(report.by_unit),
        "task_types": groups(report.task_types),
        "first_and_repeat": _first_and_repeat(report.first_and_repeat),
        "cancellations": _cancellations(report.cancellations),
        "rating": _rating(report.rating),
        "unit_shares": [_unit_share(share) for share in report.unit_shares or ()],
    }
