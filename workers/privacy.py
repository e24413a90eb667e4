"""The workers app's personal data: its inventory, its sections of the data export, its retention.

Registered in the kernel's privacy registry (`jobcenter.privacy`) when the app is ready. The app
also owns the entry point of a worker's export (`worker_export_for`): who may have it, and the
access-log row that every export writes.

Retention of a worker: `JOBCENTER_RETENTION_WORKER_YEARS` after their last activity (the latest of
the last change of the profile, deactivation included, the last login, the last certificate, and
what the apps above register: the last gig change, the last payout), a worker is anonymised, unless
a hold keeps them (work still open) or the account is also staff. The access-log rows stay for
their own retention (the log must keep showing who looked at what); they point to the anonymised
worker by id only.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db import transaction
from django.db.models import DateTimeField, F, OuterRef, QuerySet
from django.db.models.functions import Coalesce, Greatest
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobcenter.access_log import ACTION_EXPORT, action_label, data_label, log_access, purpose_of, role_label
from jobcenter.models import OutboundEmail, User
from jobcenter.privacy import (
    ANONYMISED_DOMAIN,
    DATA_EXPORT,
    PERSONAL,
    PUBLIC,
    SPECIAL,
    activity_expressions,
    build_worker_export,
    close_account,
    forget_emails_to,
    hold_conditions,
    latest,
    register_inventory,
    register_retention_step,
    register_retention_subject,
    register_section,
    years_before,
)
from jobcenter.roles import is_administrator, is_coordinator
from jobcenter.sms import forget_sms_to
from workers.models import AccessLogEntry, WorkCertificate, Worker

P, PE, S = PUBLIC, PERSONAL, SPECIAL

register_inventory(
    {
        # Being a worker at all tells that the person is a client of a work-activity service.
        "workers.Worker": {
            "id": P,
            "created_at": PE,
            "updated_at": P,
            "user": PE,
            "home_unit": S,  # the service (disability, mental health, ...) tells about the person's health
            "interests_note": PE,
            "support_needs": S,
            "is_active": PE,
            "notify_by": PE,
            "anonymised_at": P,
            "skills": PE,
            "interests": PE,
        },
        "workers.WorkerGroup": {"id": P, "created_at": P, "updated_at": P, "unit": P, "name": P, "members": PE},
        "workers.WorkCertificate": {
            "id": P,
            "created_at": P,
            "updated_at": P,
            "worker": PE,
            "issued_by": PE,
            "issued_at": PE,
            "period_start": PE,
            "period_end": PE,
            "include_feedback": PE,
            "language": PE,
            "summary": PE,
            "pdf": PE,
        },
        "workers.AccessLogEntry": {
            "id": P,
            "at": PE,
            "user": PE,
            "worker": PE,
            "data": PE,
            "action": PE,
            "path": PE,
            "reason": PE,
            "actor_role": P,
            "actor_unit": P,
            "outcome": P,
            "request_id": P,
        },
    }
)

del P, PE, S


# --- The export: who may have it, and its log row --------------------------------------------------
def can_export_worker_data(user, worker: Worker) -> bool:
    """The worker themself, a coordinator or an administrator (staff produce it on request)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return worker.user_id == user.pk or is_coordinator(user) or is_administrator(user)


def _log_export(*, user, worker: Worker, fmt: str, path: str, include_special: bool) -> None:
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


# --- Export sections ------------------------------------------------------------------------------
def person_name(user) -> str:
    """How a person who did something appears in an export: their name, else their email."""
    if user is None:
        return ""
    return user.get_full_name() or user.email


_ACCOUNT_LABELS = {
    "first_name": _("First name"),
    "last_name": _("Last name"),
    "date_joined": _("Account created"),
    "last_login": _("Last login"),
    "has_password": _("Has a password"),
    "second_factors": _("Second factors"),
    "passkeys": _("Passkeys (name, added, last used)"),
}


@register_section("account", _("Your user account"), order=10, labels=_ACCOUNT_LABELS)
def _account(worker: Worker) -> dict:
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
        # What she needs to recognise each passkey; the credential itself stays in allauth's row.
        "passkeys": [
            {"name": str(data.get("name") or ""), "added": created_at, "last_used": last_used_at}
            for data, created_at, last_used_at in Authenticator.objects.filter(
                user=user, type=Authenticator.Type.WEBAUTHN
            )
            .order_by("created_at", "pk")
            .values_list("data", "created_at", "last_used_at")
        ],
    }


_PROFILE_LABELS = {
    "worker_id": _("Worker number"),
    "home_unit": _("Home unit"),
    "service": _("Service"),
    "groups": _("Groups"),
    "interests_note": _("Interests, in your own words"),
}


@register_section("profile", _("Your worker profile"), order=20, labels=_PROFILE_LABELS)
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


@register_section(
    "skills", _("Your skills and interests"), order=30, labels={"skills": _("Skills"), "interests": _("Interests")}
)
def _skills(worker: Worker) -> dict:
    return {
        "skills": sorted(t.name for t in worker.skills.all()),
        "interests": sorted(t.name for t in worker.interests.all()),
    }


@register_section(
    "support_needs",
    _("Your support needs"),
    special_category=True,
    order=40,
    labels={"support_needs": _("Support needs")},
)
def _support_needs(worker: Worker) -> dict:
    # Read from the database: worker objects are often loaded with this field deferred.
    return {"support_needs": Worker.objects.values_list("support_needs", flat=True).get(pk=worker.pk)}


_CERTIFICATE_LABELS = {
    "issued_at": _("Issued"),
    "issued_by": _("Issued by"),
    "include_feedback": _("Includes client feedback"),
    "total_hours": _("Total hours"),
}


@register_section("certificates", _("Your work certificates"), order=70, labels=_CERTIFICATE_LABELS)
def _certificates(worker: Worker) -> list[dict]:
    return [
        {
            "issued_at": c.issued_at,
            "issued_by": person_name(c.issued_by),
            "period_start": c.period_start,
            "period_end": c.period_end,
            "include_feedback": c.include_feedback,
            "language": c.language,
            "total_hours": Decimal(str(c.summary.get("total_hours", "0"))),
        }
        for c in worker.certificates.select_related("issued_by").order_by("issued_at", "pk")
    ]


@register_section("emails", _("Emails we sent you"), order=95, labels={"subject": _("Subject"), "sent_at": _("Sent")})
def _emails(worker: Worker) -> list[dict]:
    return [
        {"created_at": e.created_at, "subject": e.subject, "status": e.get_status_display(), "sent_at": e.sent_at}
        for e in OutboundEmail.objects.filter(to__iexact=worker.user.email).order_by("created_at", "pk")
    ]


_ACCESS_LOG_LABELS = {
    "viewed_by": _("Viewed by"),
    "role": _("Role"),
    "action": _("Action"),
    "outcome": _("Outcome"),
    "path": _("Page"),
}


@register_section("access_log", _("Who has looked at your data"), order=100, labels=_ACCESS_LOG_LABELS)
def _access_log(worker: Worker) -> list[dict]:
    entries = AccessLogEntry.objects.filter(worker=worker).select_related("user", "actor_unit").order_by("at", "pk")
    return [
        {
            "at": entry.at,
            "viewed_by": person_name(entry.user),
            "role": str(role_label(entry.actor_role, own=entry.user_id == worker.user_id)),
            "unit": entry.actor_unit.name if entry.actor_unit_id else "",
            "data": str(data_label(entry.data)),
            "action": str(action_label(entry.action)),
            "reason": str(purpose_of(entry)),
            "outcome": entry.get_outcome_display(),
            "path": entry.path,
        }
        for entry in entries
    ]


# --- Retention ------------------------------------------------------------------------------------
WORKER = "worker"  # the retention subject; the apps above register their activity, holds and steps


def worker_placeholder_name(worker_id: int) -> str:
    return f"Anonymised worker #{worker_id}"


def workers_past_retention(*, now: dt.datetime | None = None) -> QuerySet[Worker]:
    """Workers not yet anonymised whose last activity is older than the retention period."""
    now = now or timezone.now()
    cutoff = years_before(now, settings.JOBCENTER_RETENTION_WORKER_YEARS)
    created = F("created_at")
    activity = [
        Coalesce(latest(WorkCertificate.objects.filter(worker=OuterRef("pk")), "issued_at"), created),
        *(Coalesce(expression, created) for expression in activity_expressions(WORKER)),
    ]
    workers = (
        Worker.objects.filter(anonymised_at__isnull=True)
        .annotate(
            last_activity=Greatest(
                F("updated_at"), Coalesce(F("user__last_login"), created), *activity, output_field=DateTimeField()
            )
        )
        .filter(last_activity__lt=cutoff)
    )
    for condition in hold_conditions(WORKER):
        workers = workers.exclude(condition)
    return (
        workers.exclude(user__is_staff=True)
        .exclude(user__is_superuser=True)
        .exclude(user__unit_memberships__isnull=False)
        .distinct()
        .order_by("pk")
    )


def _lock_worker(pk: int) -> Worker | None:
    worker = Worker.objects.select_for_update().filter(pk=pk).first()
    return None if worker is None or worker.anonymised_at is not None else worker


register_retention_subject(
    WORKER, order=10, count="workers", due=lambda now: workers_past_retention(now=now), lock=_lock_worker
)


@register_retention_step(
    WORKER,
    "account",
    order=10,
    keeps="The user row, closed, under a placeholder name; each email's code, subject, status and times.",
)
def _forget_account(job) -> None:
    """The account closes; emails sent to the worker lose their address, text and attachments."""
    worker = job.row
    user = User.objects.select_for_update().get(pk=worker.user_id)
    old_email, old_phone = user.email, user.phone
    placeholder = f"anonymised-worker-{worker.pk}@{ANONYMISED_DOMAIN}"
    close_account(user, email=placeholder, name=worker_placeholder_name(worker.pk))
    emails, files = forget_emails_to(old_email, placeholder=placeholder, delete_attachments=True)
    forget_sms_to(old_phone)  # text messages to her lose the number and the text too
    job.report.add("emails", emails)
    job.files += files


@register_retention_step(
    WORKER, "profile", order=20, keeps="The worker row with its home unit and dates, inactive and marked anonymised."
)
def _forget_profile(job) -> None:
    """Support needs, interests, skills and groups go."""
    worker = job.row
    worker.support_needs = ""
    worker.interests_note = ""
    worker.is_active = False
    worker.anonymised_at = job.now
    worker.save(update_fields=["support_needs", "interests_note", "is_active", "anonymised_at", "updated_at"])
    worker.skills.clear()
    worker.interests.clear()
    worker.groups.clear()


@register_retention_step(
    WORKER, "certificates", order=40, keeps="Each certificate's row: who issued it, when, and for which period."
)
def _forget_certificates(job) -> None:
    """Certificate PDFs and the summaries in them (names, hours, feedback) go."""
    certificates = WorkCertificate.objects.filter(worker=job.row)
    job.files += [name for name in certificates.exclude(pdf="").values_list("pdf", flat=True) if name]
    certificates.update(pdf="", summary={"anonymised": True})
