"""The results report as CSV and XLSX: the same suppressed figures as the page, one row per group.

Both go through `jobcenter.csv_export.safe_cell`, so a unit's or task type's name that starts with
a formula character is text in the spreadsheet, never a formula.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from openpyxl import Workbook

from billing.results import GroupFigures, ResultsReport
from billing.results.suppression import HIDDEN_LABEL
from jobcenter.csv_export import csv_writer, safe_cell
from jobcenter.gates import coordinator_required
from web.coordinator.results import report_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _figures(g: GroupFigures) -> list:
    if g.suppressed:
        return [str(HIDDEN_LABEL), "", "", "", ""]
    return [g.people, g.hours, g.earnings, g.gigs, g.clients]


def rows(report: ResultsReport) -> Iterator[list]:
    """The report's rows: header, total, services, units, task types, and the counts."""
    yield [
        _("Group"),
        _("Name"),
        _("People who did paid work"),
        _("Hours"),
        _("Earnings paid, €"),
        _("Gigs"),
        _("Clients"),
    ]
    yield [_("All"), "", *_figures(report.total)]
    for section, groups in (
        (_("Service"), report.by_service),
        (_("Unit"), report.by_unit),
        (_("Task type"), report.task_types),
    ):
        for g in groups:
            yield [section, g.label, *_figures(g)]
    fr = report.first_and_repeat
    yield [_("First gigs"), "", str(HIDDEN_LABEL) if fr.suppressed else fr.first_gigs]
    yield [_("Repeat gigs"), "", str(HIDDEN_LABEL) if fr.suppressed else fr.repeat_gigs]
    c = report.cancellations
    yield [_("Late cancellations"), "", c.late_cancellations]
    yield [_("No-shows"), "", c.no_shows]
    yield [_("Gigs cancelled by the client"), "", c.client_cancellations]
    yield [
        _("Average client rating"),
        "",
        report.rating.average if report.rating.average is not None else str(HIDDEN_LABEL),
    ]
    for share in report.unit_shares:
        yield [
            _("Share of the unit's clients, %"),
            f"{share.label} {share.period_start:%d.%m.%Y}–{share.period_end:%d.%m.%Y}",
            str(HIDDEN_LABEL) if share.suppressed else share.share_percent,
        ]


def _filename(report: ResultsReport, ext: str) -> str:
    return f'attachment; filename="results-{report.filter.start:%Y-%m-%d}-{report.filter.end:%Y-%m-%d}.{ext}"'


@coordinator_required
@require_safe
def results_csv(request: HttpRequest) -> HttpResponse:
    _form, report = report_for(request)
    out = io.StringIO()
    csv_writer(out).writerows(rows(report))
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _filename(report, "csv")
    response["Cache-Control"] = "no-store, private"
    return response


@coordinator_required
@require_safe
def results_xlsx(request: HttpRequest) -> HttpResponse:
    _form, report = report_for(request)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Results")[:31]
    for row in rows(report):
        sheet.append([safe_cell(cell) for cell in row])
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = _filename(report, "xlsx")
    response["Cache-Control"] = "no-store, private"
    return response
