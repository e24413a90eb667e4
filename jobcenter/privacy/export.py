"""A worker's data export (the GDPR rights of access and of portability), assembled from sections.

Everything the system holds on one worker, as JSON (machine-readable) and as a readable PDF. Each
app registers the sections of its own data in its `privacy.py`: a section is a function that takes
the worker and returns JSON-ready data (a dict, or a list of dicts) built from plain values (str,
int, Decimal, bool, date, datetime, None, and lists/dicts of them):

    @register_section("benefit_profile", _("Benefit profile"), special_category=True, order=90,
                      labels={"benefit": _("Benefit")})
    def _benefit_profile(worker):
        profile = BenefitProfile.objects.filter(worker=worker).first()
        return None if profile is None else {"benefit": profile.benefit, ...}

`labels` names the section's keys in the PDF (keys used by many sections are named in
`COMMON_LABELS`; the PDF shows the key itself otherwise).

Special-category sections (health: support needs; benefits) are left out, with a note saying so,
when the export is made in a session that may not show them (`jobcenter.stepup.session_is_strong`):
a worker who logged in with an emailed code only could be someone reading their mail, and health
and benefit data must not reach them. Staff log in with a second factor and get everything.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from jobcenter.access_log import register_data_label
from jobcenter.pdf import render_pdf

EXPORT_FORMAT = "jobcenter-worker-export/1"
DATA_EXPORT = "data_export"

Collector = Callable[[Any], Any]

# The worker's log page names the export's rows.
register_data_label(DATA_EXPORT, _("All data (a copy for the person)"))


@dataclass(frozen=True)
class ExportSection:
    key: str
    title: Any  # a lazy translation
    collect: Collector
    special_category: bool = False
    order: int = 50
    labels: dict[str, Any] = field(default_factory=dict)


SECTIONS: dict[str, ExportSection] = {}


def register_section(key: str, title, *, special_category: bool = False, order: int = 50, labels=None):
    """Decorator: add a section to every worker export. Re-registering a key replaces it."""

    def decorator(collect: Collector) -> Collector:
        SECTIONS[key] = ExportSection(key, title, collect, special_category, order, dict(labels or {}))
        return collect

    return decorator


def sections() -> list[ExportSection]:
    return sorted(SECTIONS.values(), key=lambda s: (s.order, s.key))


WITHHELD_REASON = _(
    "Left out: health and benefit data are shown only after a strong login. "
    "Log in with your own second factor, or ask your instructor or the coordinator."
)


@sensitive_variables("data")
def build_worker_export(*, worker, include_special: bool) -> dict:
    """The export as a dict: format, time, worker id, language and the sections in order.

    Titles are in the worker's language. A withheld section carries `withheld: true` and a reason.
    """
    language = worker.user.language or settings.LANGUAGE_CODE
    with translation.override(language):
        out_sections = []
        for section in sections():
            entry: dict[str, Any] = {"key": section.key, "title": str(section.title)}
            if section.special_category and not include_special:
                entry["withheld"] = True
                entry["reason"] = str(WITHHELD_REASON)
            else:
                data = section.collect(worker)
                entry["special_category"] = section.special_category
                entry["data"] = data
            out_sections.append(entry)
    return {
        "format": EXPORT_FORMAT,
        "generated_at": timezone.now(),
        "controller": settings.JOBCENTER_SELLER_NAME,
        "worker_id": worker.pk,
        "language": language,
        "special_categories_included": include_special,
        "sections": out_sections,
    }


def export_json(export: dict) -> bytes:
    return json.dumps(export, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode("utf-8")


def export_filename(worker_id: int, extension: str) -> str:
    """No name in the file name (it may end up in a shared downloads folder): id and date only."""
    return f"omat-tiedot-{worker_id}-{timezone.localdate():%Y-%m-%d}.{extension}"


# --- Readable form (PDF) --------------------------------------------------------------------------
# Keys that several apps' sections use; a section's own `labels` name the rest.
COMMON_LABELS = {
    "email": _("Email"),
    "phone": _("Phone"),
    "language": _("Language"),
    "is_active": _("Active"),
    "created_at": _("Created"),
    "updated_at": _("Last changed"),
    "address": _("Address"),
    "date": _("Date"),
    "task": _("Task"),
    "client": _("Client"),
    "status": _("Status"),
    "unit": _("Unit"),
    "at": _("Time"),
    "by": _("Done by"),
    "note": _("Note"),
    "notes": _("Notes"),
    "period_start": _("Period start"),
    "period_end": _("Period end"),
    "hours": _("Hours"),
    "data": _("Data"),
    "reason": _("Reason"),
    "recorded_by": _("Recorded by"),
}


def _label(key: str, labels: dict) -> str:
    return str(labels.get(key, key.replace("_", " ").capitalize()))


def _display_value(value, labels: dict) -> Any:
    """A plain value as text in the active language; lists of dicts become nested row lists."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, dt.datetime):
        return formats.date_format(
            timezone.localtime(value) if timezone.is_aware(value) else value, "SHORT_DATETIME_FORMAT"
        )
    if isinstance(value, dt.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, dt.time):
        return formats.time_format(value, "H:i")
    if isinstance(value, Decimal | float):
        return formats.localize(value, use_l10n=True)
    if isinstance(value, dict):
        return {"rows": [_display_row(value, labels)]}
    if isinstance(value, list):
        if value and all(isinstance(item, dict) for item in value):
            return {"rows": [_display_row(item, labels) for item in value]}
        return ", ".join(str(_display_value(item, labels)) for item in value) or "–"
    return str(value)


def _display_row(row: dict, labels: dict) -> list[dict]:
    return [{"label": _label(key, labels), "value": _display_value(value, labels)} for key, value in row.items()]


def export_for_display(export: dict) -> list[dict]:
    """Sections as {title, withheld, reason, rows: [[{label, value}]], empty}, for the PDF template."""
    shown = []
    for section in export["sections"]:
        registered = SECTIONS.get(section["key"])
        labels = COMMON_LABELS | (registered.labels if registered is not None else {})
        item = {"title": section["title"], "withheld": section.get("withheld", False), "reason": section.get("reason")}
        data = section.get("data")
        if isinstance(data, dict):
            item["rows"] = [_display_row(data, labels)]
        elif isinstance(data, list):
            item["rows"] = [
                _display_row(row, labels) if isinstance(row, dict) else [{"label": "", "value": row}] for row in data
            ]
        else:
            item["rows"] = []
        item["empty"] = not item["withheld"] and not item["rows"]
        shown.append(item)
    return shown


def render_export_pdf(export: dict) -> bytes:
    """The export as an A4 PDF in the worker's language (WeasyPrint, local assets only)."""
    with translation.override(export["language"]):
        return render_pdf(
            "workers/my_data_pdf.html",
            {
                "export": export,
                "sections": export_for_display(export),
                "generated_at": timezone.localtime(export["generated_at"]),
            },
        )
