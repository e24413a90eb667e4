"""A worker's data export (GDPR Art. 15 access, Art. 20 portability; TRUST.md GDPR-2).

Everything the system holds on one worker, as JSON (machine-readable) and as a readable PDF. The
export is a registry of sections: each section is a function that takes the worker and returns
JSON-ready data (a dict, or a list of dicts) built from plain values (str, int, Decimal, bool, date,
datetime, None, and lists/dicts of them). A new app adds its data with a few lines:

    from workers.data_export import register_section

    @register_section("benefit_profile", _("Benefit profile"), special_category=True, order=90)
    def _benefit_profile(worker):
        profile = BenefitProfile.objects.filter(worker=worker).first()
        return None if profile is None else {"benefit": profile.benefit, ...}

Add a label for each new key in `FIELD_LABELS` (the PDF shows the key itself otherwise).

Special-category sections (health: support needs; benefits) are left out, with a note saying so,
when the export is made in a session that may not show them (`jobcenter.stepup.session_is_strong`;
TRUST.md "Decisions already taken"). Every export writes one access-log entry (LOG-1).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import Http404
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from jobcenter.access_log import register_data_label
from jobcenter.pdf import render_pdf
from jobcenter.roles import is_administrator, is_coordinator
from workers.models import AccessLogEntry, Worker

EXPORT_FORMAT = "jobcenter-worker-export/1"
DATA_EXPORT = "data_export"

Collector = Callable[[Worker], Any]

# The worker's log page names the export's rows.
register_data_label(DATA_EXPORT, _("All data (a copy for the person)"))


@dataclass(frozen=True)
class ExportSection:
    key: str
    title: Any  # a lazy translation
    collect: Collector
    special_category: bool = False
    order: int = 50


SECTIONS: dict[str, ExportSection] = {}


def register_section(key: str, title, *, special_category: bool = False, order: int = 50):
    """Decorator: add a section to every worker export. Re-registering a key replaces it."""

    def decorator(collect: Collector) -> Collector:
        SECTIONS[key] = ExportSection(key, title, collect, special_category, order)
        return collect

    return decorator


def sections() -> list[ExportSection]:
    return sorted(SECTIONS.values(), key=lambda s: (s.order, s.key))


# --- Access ---------------------------------------------------------------------------------------
def can_export_worker_data(user, worker: Worker) -> bool:
    """The worker themself, a coordinator or an administrator (TRUST.md GDPR-2: staff produce it)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return worker.user_id == user.pk or is_coordinator(user) or is_administrator(user)


def _log_export(*, user, worker: Worker, fmt: str, path: str, include_special: bool) -> None:
    from jobcenter.access_log import ACTION_EXPORT, log_access

    reason = f"{fmt}, special categories {'included' if include_special else 'left out'}"
    log_access(user, worker, DATA_EXPORT, action=ACTION_EXPORT, reason=reason, path=path)


@transaction.atomic
def worker_export_for(*, user, worker_id: int, fmt: str, include_special: bool, path: str = "") -> dict:
    """The export of one worker for `user` (404 outside their scope), logged once.

    `fmt` ("json" or "pdf") is recorded in the access log; the data is the same for both.
    """
    worker = Worker.objects.select_related("user", "home_unit__service").filter(pk=worker_id).first()
    if worker is None or not can_export_worker_data(user, worker):
        raise Http404("No such worker.")
    export = build_worker_export(worker=worker, include_special=include_special)
    _log_export(user=user, worker=worker, fmt=fmt, path=path, include_special=include_special)
    return export


@sensitive_variables("data")
def build_worker_export(*, worker: Worker, include_special: bool) -> dict:
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


WITHHELD_REASON = _(
    "Left out: health and benefit data are shown only after a strong login. "
    "Log in with your own second factor, or ask your instructor or the coordinator."
)


def export_json(export: dict) -> bytes:
    return json.dumps(export, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode("utf-8")


def export_filename(worker_id: int, extension: str) -> str:
    """No name in the file name (it may end up in a shared downloads folder): id and date only."""
    return f"omat-tiedot-{worker_id}-{timezone.localdate():%Y-%m-%d}.{extension}"


# --- Readable form (PDF) --------------------------------------------------------------------------
FIELD_LABELS = {
    "email": _("Email"),
    "first_name": _("First name"),
    "last_name": _("Last name"),
    "phone": _("Phone"),
    "language": _("Language"),
    "date_joined": _("Account created"),
    "last_login": _("Last login"),
    "is_active": _("Active"),
    "has_password": _("Has a password"),
    "second_factors": _("Second factors"),
    "worker_id": _("Worker number"),
    "created_at": _("Created"),
    "updated_at": _("Last changed"),
    "interests_note": _("Interests, in your own words"),
    "home_unit": _("Home unit"),
    "service": _("Service"),
    "address": _("Address"),
    "groups": _("Groups"),
    "skills": _("Skills"),
    "interests": _("Interests"),
    "support_needs": _("Support needs"),
    "date": _("Date"),
    "start_time": _("Start time"),
    "planned_hours": _("Planned hours"),
    "task": _("Task"),
    "client": _("Client"),
    "status": _("Status"),
    "support": _("Support"),
    "support_person": _("Supporting staff member"),
    "interest_note": _("Your interest"),
    "reported_hours": _("Reported hours"),
    "reported_at": _("Reported"),
    "approved_hours": _("Approved hours"),
    "approved_at": _("Approved"),
    "hours_correction_reason": _("Reason for correcting the hours"),
    "unit": _("Unit"),
    "history": _("History"),
    "at": _("Time"),
    "from_status": _("Earlier status"),
    "to_status": _("New status"),
    "by": _("Done by"),
    "on_behalf": _("Done by staff for you"),
    "note": _("Note"),
    "rating": _("Rating"),
    "text": _("Feedback"),
    "source": _("Source"),
    "given_by": _("Given by"),
    "issued_at": _("Issued"),
    "issued_by": _("Issued by"),
    "period_start": _("Period start"),
    "period_end": _("Period end"),
    "include_feedback": _("Includes client feedback"),
    "total_hours": _("Total hours"),
    "withholding_percent": _("Withholding %"),
    "in_prepayment_register": _("In the prepayment register"),
    "valid_for_year": _("Tax card year"),
    "worker_name": _("Name"),
    "worker_email": _("Email"),
    "hours": _("Hours"),
    "gross": _("Gross pay"),
    "tax_withheld": _("Tax withheld"),
    "net": _("Net pay"),
    "lines": _("Rows"),
    "rate": _("Hourly pay"),
    "amount": _("Amount"),
    "data": _("Data"),
    "action": _("Action"),
    "path": _("Page"),
    "reason": _("Reason"),
    "viewed_by": _("Viewed by"),
    "role": _("Role"),
    "outcome": _("Outcome"),
    "subject": _("Subject"),
    "sent_at": _("Sent"),
    "benefit": _("Benefit"),
    "started_on": _("Since"),
    "ended_on": _("Until"),
    "payment_period": _("Paid"),
    "recorded_by": _("Recorded by"),
    "received": _("Benefits you receive"),
    "notes": _("Notes"),
    "commission_explanations": _("Commission work explained"),
    "explained_on": _("Explained on"),
    "explained_by": _("Explained by"),
    "kind": _("Clarification"),
    "done_on": _("Done on"),
    "done_by": _("Done by"),
    "with_actor": _("Done with"),
    "given_on": _("Given on"),
    "valid_until": _("Valid until"),
    "actors": _("Who may exchange information"),
    "withdrawn_on": _("Withdrawn on"),
    "withdrawn_note": _("How it was withdrawn"),
    "signed_form": _("Signed form saved"),
    "signed_form_uploaded_at": _("Signed form saved on"),
}


def _label(key: str) -> str:
    return str(FIELD_LABELS.get(key, key.replace("_", " ").capitalize()))


def _display_value(value) -> Any:
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
        return {"rows": [_display_row(value)]}
    if isinstance(value, list):
        if value and all(isinstance(item, dict) for item in value):
            return {"rows": [_display_row(item) for item in value]}
        return ", ".join(str(_display_value(item)) for item in value) or "–"
    return str(value)


def _display_row(row: dict) -> list[dict]:
    return [{"label": _label(key), "value": _display_value(value)} for key, value in row.items()]


def export_for_display(export: dict) -> list[dict]:
    """Sections as {title, withheld, reason, rows: [[{label, value}]], empty}, for the PDF template."""
    shown = []
    for section in export["sections"]:
        item = {"title": section["title"], "withheld": section.get("withheld", False), "reason": section.get("reason")}
        data = section.get("data")
        if isinstance(data, dict):
            item["rows"] = [_display_row(data)]
        elif isinstance(data, list):
            item["rows"] = [
                _display_row(row) if isinstance(row, dict) else [{"label": "", "value": row}] for row in data
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


# --- Sections -------------------------------------------------------------------------------------
def _person(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.email


@register_section("account", _("Your user account"), order=10)
def _account(worker: Worker) -> dict:
    from allauth.mfa.models import Authenticator

    user = worker.user
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "phone": user.phone,
        "language": user.language,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "is_active": user.is_active,
        "has_password": user.has_usable_password(),
        # The kinds only (e.g. "totp"), never the secrets.
        "second_factors": sorted(Authenticator.objects.filter(user=user).values_list("type", flat=True)),
    }


@register_section("profile", _("Your worker profile"), order=20)
def _profile(worker: Worker) -> dict:
    unit = worker.home_unit
    address = ", ".join(part for part in (unit.street_address, f"{unit.postal_code} {unit.city}".strip()) if part)
    return {
        "worker_id": worker.pk,
        "created_at": worker.created_at,
        "updated_at": worker.updated_at,
        "is_active": worker.is_active,
        "home_unit": unit.name,
        "service": unit.service.name,
        "address": address,
        "phone": unit.phone,
        "email": unit.email,
        "groups": sorted(worker.groups.values_list("name", flat=True)),
        "interests_note": worker.interests_note,
    }


@register_section("skills", _("Your skills and interests"), order=30)
def _skills(worker: Worker) -> dict:
    return {
        "skills": sorted(t.name for t in worker.skills.all()),
        "interests": sorted(t.name for t in worker.interests.all()),
    }


@register_section("support_needs", _("Your support needs"), special_category=True, order=40)
def _support_needs(worker: Worker) -> dict:
    # Read from the database: worker objects are often loaded with this field deferred.
    return {"support_needs": Worker.objects.values_list("support_needs", flat=True).get(pk=worker.pk)}


@register_section("gigs", _("Your gigs and hours"), order=50)
def _gigs(worker: Worker) -> list[dict]:
    from orders.models import Assignment

    assignments = (
        Assignment.objects.filter(worker=worker)
        .select_related("gig__order__client", "gig__order__task_type", "unit", "support_person")
        .prefetch_related("status_changes__by")
        .order_by("gig__date", "gig__start_time", "pk")
    )
    rows = []
    for a in assignments:
        order = a.gig.order
        rows.append(
            {
                "date": a.gig.date,
                "start_time": a.gig.start_time,
                "planned_hours": a.gig.planned_hours,
                "task": order.task_type.name if order.task_type_id else order.title,
                "client": order.client.name,
                "address": ", ".join(
                    p for p in (order.street_address, f"{order.postal_code} {order.city}".strip()) if p
                ),
                "status": a.get_status_display(),
                "unit": a.unit.name,
                "support": a.get_support_display(),
                "support_person": _person(a.support_person),
                "interest_note": a.interest_note,
                "reported_hours": a.reported_hours,
                "reported_at": a.reported_at,
                "approved_hours": a.approved_hours,
                "approved_at": a.approved_at,
                "hours_correction_reason": a.hours_correction_reason,
                "history": [
                    {
                        "at": change.at,
                        "from_status": change.get_from_status_display(),
                        "to_status": change.get_to_status_display(),
                        "by": _person(change.by),
                        "on_behalf": change.on_behalf,
                        "note": change.note,
                    }
                    for change in a.status_changes.all()
                ],
            }
        )
    return rows


@register_section("feedback", _("Feedback on your work"), order=60)
def _feedback(worker: Worker) -> list[dict]:
    from orders.models import Feedback

    items = (
        Feedback.objects.filter(assignment__worker=worker)
        .select_related("assignment__gig__order__client")
        .order_by("assignment__gig__date", "pk")
    )
    return [
        {
            "date": f.assignment.gig.date,
            "client": f.assignment.gig.order.client.name,
            "rating": f.rating,
            "text": f.text,
            "source": f.get_source_display(),
            "given_by": f.given_by_name,
            "created_at": f.created_at,
        }
        for f in items
    ]


@register_section("certificates", _("Your work certificates"), order=70)
def _certificates(worker: Worker) -> list[dict]:
    return [
        {
            "issued_at": c.issued_at,
            "issued_by": _person(c.issued_by),
            "period_start": c.period_start,
            "period_end": c.period_end,
            "include_feedback": c.include_feedback,
            "language": c.language,
            "total_hours": Decimal(str(c.summary.get("total_hours", "0"))),
        }
        for c in worker.certificates.select_related("issued_by").order_by("issued_at", "pk")
    ]


@register_section("tax_info", _("Your tax information"), order=80)
def _tax_info(worker: Worker) -> dict | None:
    from billing.models import WorkerTaxInfo

    info = WorkerTaxInfo.objects.filter(worker=worker).first()
    if info is None:
        return None
    return {
        "withholding_percent": info.withholding_percent,
        "in_prepayment_register": info.in_prepayment_register,
        "valid_for_year": info.valid_for_year,
        "updated_at": info.updated_at,
    }


@register_section("payouts", _("Your pay"), order=85)
def _payouts(worker: Worker) -> list[dict]:
    from billing.models import Payout

    return [
        {
            "created_at": p.created_at,
            "period_start": p.period_start,
            "period_end": p.period_end,
            "worker_name": p.worker_name,
            "worker_email": p.worker_email,
            "hours": p.hours,
            "gross": p.gross,
            "withholding_percent": p.withholding_percent,
            "tax_withheld": p.tax_withheld,
            "net": p.net,
            "lines": [
                {"date": line.date, "task": line.task, "hours": line.hours, "rate": line.rate, "amount": line.amount}
                for line in p.lines.all()
            ],
        }
        for p in Payout.objects.filter(worker=worker).prefetch_related("lines").order_by("created_at", "pk")
    ]


@register_section("emails", _("Emails we sent you"), order=95)
def _emails(worker: Worker) -> list[dict]:
    from jobcenter.models import OutboundEmail

    return [
        {"created_at": e.created_at, "subject": e.subject, "status": e.get_status_display(), "sent_at": e.sent_at}
        for e in OutboundEmail.objects.filter(to__iexact=worker.user.email).order_by("created_at", "pk")
    ]


@register_section("access_log", _("Who has looked at your data"), order=100)
def _access_log(worker: Worker) -> list[dict]:
    from jobcenter.access_log import action_label, data_label, purpose_of, role_label

    entries = AccessLogEntry.objects.filter(worker=worker).select_related("user", "actor_unit").order_by("at", "pk")
    return [
        {
            "at": entry.at,
            "viewed_by": _person(entry.user),
            "role": str(role_label(entry.actor_role)),
            "unit": entry.actor_unit.name if entry.actor_unit_id else "",
            "data": str(data_label(entry.data)),
            "action": str(action_label(entry.action)),
            "reason": str(purpose_of(entry)),
            "outcome": entry.get_outcome_display(),
            "path": entry.path,
        }
        for entry in entries
    ]


# --- Benefits (special-category: benefits, debts, consents; TRUST.md "Decisions already taken") ---
@register_section("benefits", _("Your benefits"), special_category=True, order=42)
def _benefits(worker: Worker) -> dict:
    from benefits.models import BenefitNotes, CommissionWorkExplanation, ReceivedBenefit

    notes = BenefitNotes.objects.filter(worker=worker).first()
    return {
        "received": [
            {
                "benefit": b.get_benefit_display(),
                "started_on": b.started_on,
                "ended_on": b.ended_on,
                "payment_period": b.get_payment_period_display(),
                "note": b.note,
                "recorded_by": _person(b.recorded_by),
                "updated_at": b.updated_at,
            }
            for b in ReceivedBenefit.objects.filter(worker=worker).select_related("recorded_by")
        ],
        "notes": notes.text if notes is not None else "",
        "commission_explanations": [
            {
                "date": e.assignment.gig.date,
                "explained_on": e.explained_on,
                "explained_by": _person(e.explained_by),
                "note": e.note,
            }
            for e in CommissionWorkExplanation.objects.filter(assignment__worker=worker).select_related(
                "assignment__gig", "explained_by"
            )
        ],
    }


@register_section("clarifications", _("Benefit and debt clarifications"), special_category=True, order=44)
def _clarifications(worker: Worker) -> list[dict]:
    from benefits.models import Clarification

    return [
        {
            "kind": c.get_kind_display(),
            "done_on": c.done_on,
            "done_by": _person(c.done_by),
            "with_actor": c.get_with_actor_display(),
            "notes": c.notes,
        }
        for c in Clarification.objects.filter(worker=worker).select_related("done_by").order_by("done_on", "pk")
    ]


@register_section("consents", _("Your consents"), special_category=True, order=46)
def _consents(worker: Worker) -> list[dict]:
    from benefits.models import Consent

    return [
        {
            "given_on": c.given_on,
            "valid_until": c.valid_until,
            "actors": c.actor_labels,
            "data": c.data_labels,
            "withdrawn_on": c.withdrawn_on,
            "withdrawn_note": c.withdrawn_note,
            "recorded_by": _person(c.recorded_by),
            # The signed form itself stays in the system; staff hand over a copy on request.
            "signed_form": bool(c.signed_scan),
            "signed_form_uploaded_at": c.signed_scan_uploaded_at,
        }
        for c in Consent.objects.filter(worker=worker).select_related("recorded_by").order_by("given_on", "pk")
    ]
