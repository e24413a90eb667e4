"""Retention: anonymise personal data whose retention period has passed (TRUST.md GDPR-1).

The periods are settings (`JOBCENTER_RETENTION_*`, the controller's records-management decisions):

- A **worker** is anonymised `JOBCENTER_RETENTION_WORKER_YEARS` after their last activity: the latest
  of their last gig change, last login, last certificate, last payout and the last change of the
  profile (deactivation included). Workers with work still open, and accounts that are also staff,
  are left alone. Name, email, phone, support needs, interests, notes and the worker's words in the
  gig history are removed; the account is closed (inactive, unusable password, no email addresses,
  no second factors); certificate PDFs and the summaries in them are deleted; emails sent to the
  worker lose their address, text and attachments; benefits, benefit notes, clarifications and
  consents (with the signed forms) are deleted.
- A **client contact** is anonymised `JOBCENTER_RETENTION_CONTACT_YEARS` after their last order or
  login, unless an order of theirs is still open. Their user account is closed too, unless it has
  another role.
- **Accounting records stay**: invoices, invoice rows, their PDFs (client data, no worker health
  data) and payouts with their amounts. The worker's name and email on a payout and its statement
  PDF go `JOBCENTER_RETENTION_ACCOUNTING_YEARS` after the end of the payout's year.
- **Access-log rows stay** for their own retention (the log must show who looked at what); they
  point to the anonymised worker by id only.

Each person is handled in a transaction of its own with the row locked, and a person already
anonymised is skipped, so the job can run twice, or twice at once, with the same end state.
Files are deleted after commit. The job reports counts only (never names).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import asdict, dataclass
from functools import partial

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import DateTimeField, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from jobcenter.models import OutboundEmail, User
from workers.models import WorkCertificate, Worker

logger = logging.getLogger(__name__)

ANONYMISED_DOMAIN = "anonymised.invalid"  # .invalid is reserved (RFC 2606): never delivered


@dataclass
class RetentionReport:
    workers: int = 0
    contacts: int = 0
    payouts: int = 0
    emails: int = 0
    files: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def years_before(moment: dt.datetime, years: int) -> dt.datetime:
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - years, day=28)


def _latest(qs: QuerySet, field: str) -> Subquery:
    return Subquery(qs.order_by(f"-{field}").values(field)[:1], output_field=DateTimeField())


def _delete_files_on_commit(names: list[str]) -> None:
    def delete():
        for name in names:
            default_storage.delete(name)

    if names:
        transaction.on_commit(delete)


# --- Workers --------------------------------------------------------------------------------------
def worker_placeholder_name(worker_id: int) -> str:
    return f"Anonymised worker #{worker_id}"


def workers_past_retention(*, now: dt.datetime | None = None) -> QuerySet[Worker]:
    """Workers not yet anonymised whose last activity is older than the retention period."""
    from billing.models import Payout
    from orders.models import ASSIGNMENT_ACTIVE_STATES, Assignment, AssignmentStatus

    now = now or timezone.now()
    cutoff = years_before(now, settings.JOBCENTER_RETENTION_WORKER_YEARS)
    open_states = set(ASSIGNMENT_ACTIVE_STATES) - {AssignmentStatus.APPROVED}
    created = F("created_at")
    return (
        Worker.objects.filter(anonymised_at__isnull=True)
        .annotate(
            last_activity=Greatest(
                F("updated_at"),
                Coalesce(F("user__last_login"), created),
                Coalesce(_latest(Assignment.objects.filter(worker=OuterRef("pk")), "updated_at"), created),
                Coalesce(_latest(WorkCertificate.objects.filter(worker=OuterRef("pk")), "issued_at"), created),
                Coalesce(_latest(Payout.objects.filter(worker=OuterRef("pk")), "created_at"), created),
                output_field=DateTimeField(),
            )
        )
        .filter(last_activity__lt=cutoff)
        .exclude(assignments__status__in=open_states)
        .exclude(user__is_staff=True)
        .exclude(user__is_superuser=True)
        .exclude(user__unit_memberships__isnull=False)
        .distinct()
        .order_by("pk")
    )


def _close_account(user: User, *, email: str, name: str) -> None:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    user.first_name = name
    user.last_name = ""
    user.email = email
    user.phone = ""
    user.is_active = False
    user.last_login = None
    user.set_unusable_password()
    user.save(update_fields=["first_name", "last_name", "email", "phone", "is_active", "last_login", "password"])
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()


def _forget_emails_to(address: str, *, placeholder: str, delete_attachments: bool) -> tuple[int, list[str]]:
    """Outbox rows sent to `address`: the address and the text go; the row (what was sent when) stays."""
    if not address:
        return 0, []
    rows = OutboundEmail.objects.filter(to__iexact=address)
    files = []
    if delete_attachments:
        files = [name for name in rows.exclude(attachment="").values_list("attachment", flat=True) if name]
    changes = {"to": placeholder, "body_text": "", "body_html": ""}
    if delete_attachments:
        changes.update(attachment="", attachment_name="")
    return rows.update(**changes), files


@transaction.atomic
def worker_anonymise(*, worker_id: int, now: dt.datetime | None = None) -> RetentionReport:
    """Remove one worker's personal data (see the module docstring). A second call changes nothing."""
    from orders.models import AssignmentStatusChange, Feedback

    report = RetentionReport()
    worker = Worker.objects.select_for_update().filter(pk=worker_id).first()
    if worker is None or worker.anonymised_at is not None:
        return report
    now = now or timezone.now()
    user = User.objects.select_for_update().get(pk=worker.user_id)
    old_email = user.email
    placeholder = f"anonymised-worker-{worker.pk}@{ANONYMISED_DOMAIN}"

    _close_account(user, email=placeholder, name=worker_placeholder_name(worker.pk))

    worker.support_needs = ""
    worker.interests_note = ""
    worker.is_active = False
    worker.anonymised_at = now
    worker.save(update_fields=["support_needs", "interests_note", "is_active", "anonymised_at", "updated_at"])
    worker.skills.clear()
    worker.interests.clear()
    worker.groups.clear()

    worker.assignments.update(interest_note="")
    AssignmentStatusChange.objects.filter(assignment__worker=worker).update(note="")
    Feedback.objects.filter(assignment__worker=worker).update(text="")

    files: list[str] = []
    certificates = WorkCertificate.objects.filter(worker=worker)
    files += [name for name in certificates.exclude(pdf="").values_list("pdf", flat=True) if name]
    certificates.update(pdf="", summary={"anonymised": True})

    emails, email_files = _forget_emails_to(old_email, placeholder=placeholder, delete_attachments=True)
    files += email_files
    files += _forget_benefits(worker)

    _delete_files_on_commit(files)
    report.workers = 1
    report.emails = emails
    report.files = len(files)
    return report


def _forget_benefits(worker: Worker) -> list[str]:
    """Benefits, benefit notes, clarifications and consents (with the signed forms) go; a commission-work
    explanation stays as a record on the gig, without its note. Returns the files to delete."""
    from benefits.models import BenefitNotes, Clarification, CommissionWorkExplanation, Consent, ReceivedBenefit

    consents = Consent.objects.filter(worker=worker)
    files = [name for name in consents.exclude(signed_scan="").values_list("signed_scan", flat=True) if name]
    consents.delete()
    ReceivedBenefit.objects.filter(worker=worker).delete()
    BenefitNotes.objects.filter(worker=worker).delete()
    Clarification.objects.filter(worker=worker).delete()
    CommissionWorkExplanation.objects.filter(assignment__worker=worker).update(note="")
    return files


# --- Payouts (accounting retention) ---------------------------------------------------------------
def payouts_past_accounting_retention(*, now: dt.datetime | None = None):
    """Payouts of anonymised workers from a year that ended more than the accounting period ago."""
    from billing.models import Payout

    now = now or timezone.now()
    last_year_to_clear = timezone.localtime(now).year - settings.JOBCENTER_RETENTION_ACCOUNTING_YEARS - 1
    return (
        Payout.objects.filter(worker__anonymised_at__isnull=False, created_at__year__lte=last_year_to_clear)
        .exclude(worker_name__startswith="Anonymised worker #")
        .order_by("pk")
    )


@transaction.atomic
def payout_anonymise(*, payout_id: int) -> RetentionReport:
    """The worker's name and email leave one payout and its statement PDF; the amounts stay."""
    from billing.models import Payout

    report = RetentionReport()
    payout = Payout.objects.select_for_update().filter(pk=payout_id).first()
    if payout is None or payout.worker_name.startswith("Anonymised worker #"):
        return report
    files = [payout.pdf.name] if payout.pdf else []
    Payout.objects.filter(pk=payout.pk).update(
        worker_name=worker_placeholder_name(payout.worker_id), worker_email="", pdf=""
    )
    _delete_files_on_commit(files)
    report.payouts = 1
    report.files = len(files)
    return report


# --- Client contacts ------------------------------------------------------------------------------
def contact_placeholder_email(contact_id: int) -> str:
    return f"anonymised-contact-{contact_id}@{ANONYMISED_DOMAIN}"


def contacts_past_retention(*, now: dt.datetime | None = None):
    """Client contacts not yet anonymised whose last order and login are older than the period."""
    from orders.models import ORDER_OPEN_STATES, ClientContact, Order

    now = now or timezone.now()
    cutoff = years_before(now, settings.JOBCENTER_RETENTION_CONTACT_YEARS)
    created = F("created_at")
    return (
        ClientContact.objects.exclude(email__endswith=f"@{ANONYMISED_DOMAIN}")
        .annotate(
            last_activity=Greatest(
                F("updated_at"),
                Coalesce(F("user__last_login"), created),
                Coalesce(_latest(Order.objects.filter(contact=OuterRef("pk")), "updated_at"), created),
                output_field=DateTimeField(),
            )
        )
        .filter(last_activity__lt=cutoff)
        .exclude(orders__status__in=list(ORDER_OPEN_STATES))
        .distinct()
        .order_by("pk")
    )


def _user_has_other_roles(user: User, *, contact_id: int) -> bool:
    from orders.models import ClientContact

    return (
        user.is_staff
        or user.is_superuser
        or Worker.objects.filter(user=user).exists()
        or user.unit_memberships.exists()
        or ClientContact.objects.filter(user=user)
        .exclude(pk=contact_id)
        .exclude(email__endswith=f"@{ANONYMISED_DOMAIN}")
        .exists()
    )


@transaction.atomic
def contact_anonymise(*, contact_id: int) -> RetentionReport:
    """Remove one client contact's name, email and phone; close their account if it has no other role."""
    from orders.models import ClientContact

    report = RetentionReport()
    contact = ClientContact.objects.select_for_update().filter(pk=contact_id).first()
    if contact is None or contact.email.endswith(f"@{ANONYMISED_DOMAIN}"):
        return report
    old_email = contact.email
    placeholder = contact_placeholder_email(contact.pk)
    contact.name = f"Anonymised contact #{contact.pk}"
    contact.email = placeholder
    contact.phone = ""
    contact.is_active = False
    contact.save(update_fields=["name", "email", "phone", "is_active", "updated_at"])
    if contact.user_id is not None:
        user = User.objects.select_for_update().get(pk=contact.user_id)
        if not _user_has_other_roles(user, contact_id=contact.pk):
            _close_account(user, email=f"anonymised-user-{user.pk}@{ANONYMISED_DOMAIN}", name=contact.name)
    # Invoice emails keep their attachment (an issued invoice, an accounting record).
    report.emails, _ = _forget_emails_to(old_email, placeholder=placeholder, delete_attachments=False)
    report.contacts = 1
    return report


# --- The job --------------------------------------------------------------------------------------
def _add(total: RetentionReport, part: RetentionReport) -> None:
    for name, value in part.as_dict().items():
        setattr(total, name, getattr(total, name) + value)


def retention_run(*, now: dt.datetime | None = None) -> RetentionReport:
    """Anonymise everyone whose retention has passed. Idempotent; returns what it changed."""
    now = now or timezone.now()
    total = RetentionReport()
    steps = [
        (workers_past_retention(now=now), partial(_run_worker, now=now)),
        (payouts_past_accounting_retention(now=now), _run_payout),
        (contacts_past_retention(now=now), _run_contact),
    ]
    for queryset, run in steps:
        for pk in list(queryset.values_list("pk", flat=True)):
            _add(total, run(pk))
    logger.info("Retention run: %s", total.as_dict())
    return total


def _run_worker(pk: int, *, now: dt.datetime) -> RetentionReport:
    return worker_anonymise(worker_id=pk, now=now)


def _run_payout(pk: int) -> RetentionReport:
    return payout_anonymise(payout_id=pk)


def _run_contact(pk: int) -> RetentionReport:
    return contact_anonymise(contact_id=pk)
