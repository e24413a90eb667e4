"""Retention: personal data past its period is anonymised, nothing else changes,
accounting records stay, and a second run changes nothing."""

from __future__ import annotations

import datetime as dt
import io
import os
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.forms.models import model_to_dict
from freezegun import freeze_time

from benefits.models import (
    Actor,
    Benefit,
    BenefitNotes,
    Clarification,
    ClarificationKind,
    Consent,
    ConsentData,
    ReceivedBenefit,
)
from billing.models import Invoice, InvoiceLine, Payout
from billing.services import invoice_issue_for_order
from jobcenter.access_log import log_access
from jobcenter.models import OutboundEmail, User
from jobcenter.privacy import retention_plan, retention_run
from orders.certificates import certificate_issue
from orders.models import (
    AssignmentStatus,
    AssignmentStatusChange,
    ClientContact,
    ContractType,
    Feedback,
    FeedbackSource,
    OrderStatus,
)
from tests.factories import (
    AssignmentFactory,
    ClientContactFactory,
    CoordinatorFactory,
    GigFactory,
    OrderFactory,
    TaskTypeFactory,
    UserFactory,
    WorkerFactory,
)
from tests.factories.payments import payout_in_run
from workers.models import AccessLogEntry, WorkCertificate, Worker
from workers.tasks import RETENTION_LAST_SUCCESS, RETENTION_LOCK, anonymise_expired_personal_data_task

pytestmark = pytest.mark.django_db

OLD_WORK = dt.date(2020, 3, 10)
SUPPORT = "SENTINEL-SUPPORT-näkövamma"
INTEREST = "SENTINEL-INTEREST-kahvila"
DECLINE = "SENTINEL-DECLINE-sairaana"
FEEDBACK = "SENTINEL-FEEDBACK-reipas"
OLD_EMAIL = "sentinel.old.worker@example.org"
BENEFIT = "SENTINEL-BENEFIT-toimeentulotuki"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.JOBCENTER_RETENTION_WORKER_YEARS = 5
    settings.JOBCENTER_RETENTION_CONTACT_YEARS = 3
    settings.JOBCENTER_RETENTION_ACCOUNTING_YEARS = 10


def _work(worker, day, *, hours="3", contact=None):
    extra = {"contact": contact} if contact is not None else {}
    order = OrderFactory(
        terms_accepted=True, status=OrderStatus.APPROVED, contract_type=ContractType.COMMISSION, **extra
    )
    return AssignmentFactory(
        gig=GigFactory(order=order, date=day),
        worker=worker,
        status=AssignmentStatus.APPROVED,
        reported_hours=Decimal(hours),
        approved_hours=Decimal(hours),
    )


@pytest.fixture
def coordinator():
    with freeze_time("2020-01-02 08:00:00"):
        return CoordinatorFactory()


@pytest.fixture
def old_worker(coordinator, django_capture_on_commit_callbacks):
    """A worker whose last activity was in March 2020: gigs, feedback, a certificate, a payout, an
    invoice of their work, emails, an access-log row, an allauth email address."""
    with freeze_time("2020-03-20 10:00:00"):
        worker = WorkerFactory(
            user__first_name="Sentinel",
            user__last_name="Oldworker",
            user__email=OLD_EMAIL,
            user__phone="040 999 0000",
            support_needs=SUPPORT,
            interests_note=INTEREST,
        )
        worker.skills.add(TaskTypeFactory(code="retention-skill"))
        EmailAddress.objects.create(user=worker.user, email=OLD_EMAIL, verified=True, primary=True)
        assignment = _work(worker, OLD_WORK)
        assignment.interest_note = INTEREST
        assignment.save()
        Feedback.objects.create(assignment=assignment, rating=4, text=FEEDBACK, source=FeedbackSource.COORDINATOR)
        declined = AssignmentFactory(worker=worker, status=AssignmentStatus.DECLINED)
        AssignmentStatusChange.objects.create(
            assignment=declined, from_status="offered", to_status="declined", by=worker.user, note=DECLINE
        )
        with django_capture_on_commit_callbacks(execute=True):
            invoice_issue_for_order(order_id=assignment.gig.order_id, by=coordinator, issue_date=dt.date(2020, 3, 20))
            payout_in_run(worker, by=coordinator)  # a payment run paid on 20.3.2020
            certificate_issue(worker_id=worker.pk, by=coordinator)
        email = OutboundEmail.objects.create(
            code="gig_offered", to=OLD_EMAIL, subject="Keikka", body_text=f"Hei Sentinel, {SUPPORT}"
        )
        email.attachment.save("statement.pdf", ContentFile(b"%PDF-1.4 sentinel"), save=True)
        log_access(coordinator, worker, "support_needs", reason="Planning")
        ReceivedBenefit.objects.create(
            worker=worker, benefit=Benefit.SOCIAL_ASSISTANCE, note=BENEFIT, recorded_by=coordinator
        )
        BenefitNotes.objects.create(worker=worker, text=BENEFIT, updated_by=coordinator)
        Clarification.objects.create(
            worker=worker,
            kind=ClarificationKind.DEBT,
            done_on=OLD_WORK,
            done_by=coordinator,
            with_actor=Actor.SOCIAL_CREDIT,
            notes=BENEFIT,
        )
        consent = Consent.objects.create(
            worker=worker, actors=[Actor.UNIT], data=[ConsentData.DEBTS], given_on=OLD_WORK, recorded_by=coordinator
        )
        consent.signed_scan.save("form.pdf", ContentFile(b"%PDF-1.4 signed"), save=True)
    return worker


@pytest.fixture
def recent_worker():
    with freeze_time("2024-05-02 10:00:00"):
        worker = WorkerFactory(support_needs="Recent support", interests_note="Recent interest")
        _work(worker, dt.date(2024, 5, 2))
    return worker


def _snapshot(queryset) -> list[dict]:
    return [model_to_dict(obj) | {"pk": obj.pk} for obj in queryset.order_by("pk")]


def _accounting_snapshot():
    return {
        "invoices": _snapshot(Invoice.objects.all()),
        "lines": _snapshot(InvoiceLine.objects.all()),
        "payouts": _snapshot(Payout.objects.all()),
    }


def _dump(exclude=()) -> str:
    out = io.StringIO()
    call_command("dumpdata", exclude=list(exclude), stdout=out)
    return out.getvalue()


def _run(django_capture_on_commit_callbacks, when="2026-01-10 03:30:00"):
    with freeze_time(when), django_capture_on_commit_callbacks(execute=True):
        return retention_run()


# --- Workers --------------------------------------------------------------------------------------
def test_retention_run__worker_past_retention_is_anonymised(old_worker, django_capture_on_commit_callbacks):
    certificate = WorkCertificate.objects.get(worker=old_worker)
    certificate_path = certificate.pdf.path
    attachment_path = OutboundEmail.objects.get(to=OLD_EMAIL).attachment.path
    consent_path = Consent.objects.get(worker=old_worker).signed_scan.path
    log_rows = AccessLogEntry.objects.filter(worker=old_worker).count()
    before = _dump()
    assert all(sentinel in before for sentinel in (SUPPORT, INTEREST, DECLINE, FEEDBACK, OLD_EMAIL, BENEFIT))

    report = _run(django_capture_on_commit_callbacks)

    assert report.workers == 1
    worker = Worker.objects.select_related("user").get(pk=old_worker.pk)
    user = worker.user
    assert user.get_full_name() == f"Anonymised worker #{worker.pk}"
    assert user.email == f"anonymised-worker-{worker.pk}@anonymised.invalid"
    assert user.phone == "" and user.is_active is False and not user.has_usable_password()
    assert not EmailAddress.objects.filter(user=user).exists()
    assert worker.support_needs == "" and worker.interests_note == "" and not worker.is_active
    assert worker.anonymised_at is not None and not worker.skills.exists()
    assert not Feedback.objects.filter(assignment__worker=worker).exclude(text="").exists()
    # The files are gone from the disk.
    certificate.refresh_from_db()
    assert not certificate.pdf
    assert not os.path.exists(certificate_path) and not os.path.exists(attachment_path)
    assert not os.path.exists(consent_path) and not Consent.objects.filter(worker=worker).exists()
    # The sentinels are nowhere in the database; the email stays only on the payout (accounting).
    dump = _dump()
    for sentinel in (SUPPORT, INTEREST, DECLINE, FEEDBACK, BENEFIT, "040 999 0000"):
        assert sentinel not in dump
    assert OLD_EMAIL not in _dump(exclude=["billing.payout"])
    # The access log stays whole, pointing to the worker by id.
    assert AccessLogEntry.objects.filter(worker=worker).count() == log_rows


def test_retention_run__worker_within_retention_is_untouched(
    old_worker, recent_worker, django_capture_on_commit_callbacks
):
    before = (
        _snapshot(Worker.objects.filter(pk=recent_worker.pk)),
        _snapshot(User.objects.filter(pk=recent_worker.user_id)),
    )

    _run(django_capture_on_commit_callbacks)

    after = (
        _snapshot(Worker.objects.filter(pk=recent_worker.pk)),
        _snapshot(User.objects.filter(pk=recent_worker.user_id)),
    )
    assert after == before
    assert Worker.objects.get(pk=recent_worker.pk).support_needs == "Recent support"


def test_retention_run__a_recent_login_keeps_the_worker(old_worker, django_capture_on_commit_callbacks):
    User.objects.filter(pk=old_worker.user_id).update(last_login=dt.datetime(2025, 12, 1, tzinfo=dt.UTC))
    assert _run(django_capture_on_commit_callbacks).workers == 0
    assert Worker.objects.get(pk=old_worker.pk).support_needs == SUPPORT


def test_retention_run__open_work_keeps_the_worker(old_worker, django_capture_on_commit_callbacks):
    with freeze_time("2020-03-20 10:00:00"):
        AssignmentFactory(worker=old_worker, status=AssignmentStatus.OFFERED)
    assert _run(django_capture_on_commit_callbacks).workers == 0
    assert Worker.objects.get(pk=old_worker.pk).anonymised_at is None


def test_retention_run__invoices_invoice_lines_and_payouts_unchanged(old_worker, django_capture_on_commit_callbacks):
    before = _accounting_snapshot()
    assert before["invoices"] and before["lines"] and before["payouts"]
    invoice_pdf = Invoice.objects.get().pdf

    _run(django_capture_on_commit_callbacks)

    assert _accounting_snapshot() == before
    if invoice_pdf:
        assert invoice_pdf.storage.exists(invoice_pdf.name)


def test_retention_run__twice_changes_nothing(old_worker, recent_worker, django_capture_on_commit_callbacks):
    first = _run(django_capture_on_commit_callbacks)
    assert first.workers == 1
    state = _dump(exclude=["sessions", "contenttypes", "auth.permission"])

    second = _run(django_capture_on_commit_callbacks, when="2026-01-11 03:30:00")

    assert second.as_dict() == {
        "workers": 0, "contacts": 0, "payouts": 0, "attendance_notes": 0, "gig_follow_ups": 0,
        "worker_again_requests": 0, "emails": 0, "files": 0
    }  # fmt: skip
    assert _dump(exclude=["sessions", "contenttypes", "auth.permission"]) == state


# --- Payouts after the accounting period ----------------------------------------------------------
def test_retention_run__payout_name_goes_after_the_accounting_period(old_worker, django_capture_on_commit_callbacks):
    _run(django_capture_on_commit_callbacks)
    payout = Payout.objects.get(worker=old_worker)
    amounts = (payout.hours, payout.gross, payout.tax_withheld, payout.net)
    assert payout.worker_name == "Sentinel Oldworker"  # 2026: still within the 10 years

    report = _run(django_capture_on_commit_callbacks, when="2030-12-30 03:30:00")
    assert report.payouts == 0
    report = _run(django_capture_on_commit_callbacks, when="2031-01-02 03:30:00")

    assert report.payouts == 1
    payout.refresh_from_db()
    assert payout.worker_name == f"Anonymised worker #{old_worker.pk}" and payout.worker_email == ""
    assert (payout.hours, payout.gross, payout.tax_withheld, payout.net) == amounts
    assert payout.lines.count() == 1


# --- Client contacts ------------------------------------------------------------------------------
def test_retention_run__old_client_contact_is_anonymised_and_a_recent_one_is_not(
    django_capture_on_commit_callbacks,
):
    with freeze_time("2021-02-01 10:00:00"):
        old_user = UserFactory(email="sentinel.contact@example.org", first_name="Sentinel", last_name="Contact")
        old = ClientContactFactory(
            name="Sentinel Contact", email="sentinel.contact@example.org", phone="09 111", user=old_user
        )
        OrderFactory(contact=old, status=OrderStatus.CLOSED, terms_accepted=True)
        OutboundEmail.objects.create(code="order_received", to=old.email, subject="Tilaus", body_text="Hei Sentinel")
    with freeze_time("2025-06-01 10:00:00"):
        recent = ClientContactFactory(name="Recent Contact")
        OrderFactory(contact=recent, status=OrderStatus.CLOSED, terms_accepted=True)
    with freeze_time("2021-02-01 10:00:00"):
        busy = ClientContactFactory(name="Busy Contact")
        OrderFactory(contact=busy, status=OrderStatus.INVOICED, terms_accepted=True)

    report = _run(django_capture_on_commit_callbacks)

    assert report.contacts == 1
    old.refresh_from_db()
    assert old.name == f"Anonymised contact #{old.pk}" and old.phone == "" and not old.is_active
    assert old.email.endswith("@anonymised.invalid")
    old_user.refresh_from_db()
    assert not old_user.is_active and old_user.email.endswith("@anonymised.invalid")
    assert "sentinel.contact@example.org" not in _dump()
    assert ClientContact.objects.get(pk=recent.pk).name == "Recent Contact"
    assert ClientContact.objects.get(pk=busy.pk).name == "Busy Contact"  # an open order keeps the contact
    assert _run(django_capture_on_commit_callbacks, when="2026-01-11 03:30:00").contacts == 0


# --- The periodic task ----------------------------------------------------------------------------
def test_task__reports_counts_and_records_the_last_success(old_worker, django_capture_on_commit_callbacks):
    from django.core.cache import cache

    with freeze_time("2026-01-10 03:30:00"), django_capture_on_commit_callbacks(execute=True):
        counts = anonymise_expired_personal_data_task.delay().get()
    assert counts["workers"] == 1 and counts["files"] >= 2
    assert cache.get(RETENTION_LAST_SUCCESS).startswith("2026-01-10")
    assert cache.get(RETENTION_LOCK) is None


def test_task__a_second_run_at_the_same_time_does_nothing(old_worker):
    from django.core.cache import cache

    cache.add(RETENTION_LOCK, "held", timeout=60)
    with freeze_time("2026-01-10 03:30:00"):
        result = anonymise_expired_personal_data_task.delay().get()
    assert result == {"skipped": "another run holds the lock"}
    assert Worker.objects.get(pk=old_worker.pk).anonymised_at is None


def test_beat_schedule_runs_the_task_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["anonymise-expired-personal-data"]
    assert entry["task"] == anonymise_expired_personal_data_task.name
    assert entry["schedule"].hour == {3} and entry["schedule"].minute == {30}


# --- The registry ---------------------------------------------------------------------------------
def test_retention_plan__each_apps_steps_in_order_and_what_they_keep():
    plan = retention_plan()

    assert [(row["subject"], row["step"]) for row in plan] == [
        ("worker", "account"),
        ("worker", "profile"),
        ("worker", "gigs"),
        ("worker", "follow_ups"),
        ("worker", "attendance"),
        ("worker", "path_steps"),
        ("worker", "worker_again"),
        ("worker", "certificates"),
        ("worker", "payment_details"),
        ("worker", "benefits"),
        ("payout", "worker_details"),
        ("payout", "bank_account"),
        ("client_contact", "contact"),
        ("attendance_note", "note"),
        ("gig_follow_up", "item"),
        ("worker_again_request", "request"),
    ]
    assert all(row["keeps"] for row in plan)
