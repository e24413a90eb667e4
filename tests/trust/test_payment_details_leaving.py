"""A worker's bank account and identity code never leave where they should not: never in an email,
masked in the export, deleted at retention, classified in the data inventory, and refused to
every role of the URL matrix's world but the payer."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from freezegun import freeze_time

from billing.models import Payout, WorkerPaymentDetails
from billing.privacy_payments import SENSITIVE_VIEWS
from jobcenter.models import OutboundEmail
from jobcenter.privacy import INVENTORY, build_worker_export, export_json, retention_run
from tests.factories import CoordinatorFactory, PayerFactory, WorkerFactory
from tests.factories.auth import login_staff
from tests.factories.payments import approved_commission_work, payment_details
from tests.support.payment_details import (
    HETU,
    IBAN,
    coordinator_page,
    leaked_values,
    response_body,
    unit_page,
)
from tests.support.url_matrix import MATRIX, STAFF_ROLES, world  # noqa: F401 - `world` is the fixture


@pytest.fixture
def worker():
    return WorkerFactory()


@pytest.fixture
def details(worker):
    return payment_details(worker, iban=IBAN, code=HETU)


# --- Never in an email ----------------------------------------------------------------------------
def _pdf_text(content: bytes, tmp_path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "attachment.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout


def _email_text(email, tmp_path) -> str:
    text = " ".join([email.subject, email.body_text, email.body_html, email.attachment_name])
    if email.attachment:
        with email.attachment.open("rb") as stored:
            content = stored.read()
        text += content.decode("latin-1")
        if content.startswith(b"%PDF-1.") and len(content) > 1000:  # a rendered PDF, not a test stub
            text += _pdf_text(content, tmp_path)
    return text


def _every_email(coordinator, payer, worker) -> None:
    """Each email the system sends, queued by its own service, with `worker` in it where it can be."""
    from billing import services as billing_services
    from billing.services.payment_runs import payment_run_approve, payment_run_create
    from orders import services
    from orders.models import AssignmentStatus, OrderStatus
    from tests.factories.states import assignment_in, order_in
    from tests.support.billing import approved_order
    from tests.support.order_services import make_request

    services.order_submit(request=make_request(), submission_key=uuid.uuid4())
    services.order_send_terms(order_id=order_in(OrderStatus.SUBMITTED).pk, by=coordinator)
    sent = order_in(OrderStatus.TERMS_SENT)
    services.order_accept_terms(order_id=sent.pk, terms_version=sent.terms.version, accepted_name="Liisa Laine")
    from orders.services.terms_reminder import order_remind_terms

    order_remind_terms(order_id=order_in(OrderStatus.TERMS_SENT).pk, by=coordinator)
    services.order_inform_units(
        order_id=order_in(OrderStatus.TERMS_ACCEPTED).pk, unit_ids=[worker.home_unit_id], by=coordinator
    )
    offered = assignment_in(AssignmentStatus.PROPOSED, worker=worker, unit=worker.home_unit)
    services.assignment_offer(assignment_id=offered.pk, by=coordinator)
    done = assignment_in(AssignmentStatus.APPROVED, order_status=OrderStatus.APPROVED, worker=worker)
    services.order_request_feedback(order_id=done.gig.order_id, by=coordinator)
    order = approved_order({timezone.localdate() - dt.timedelta(days=3): ["2"]})
    invoice = billing_services.invoice_issue_for_order(order_id=order.pk, by=coordinator)
    type(invoice).objects.filter(pk=invoice.pk).update(due_date=timezone.localdate() - dt.timedelta(days=1))
    billing_services.invoice_send_reminder(invoice_id=invoice.pk, by=coordinator)
    # Worker A is paid: the run's statements are made (today they are not emailed; if they ever are,
    # this test reads them).
    approved_commission_work(worker, timezone.localdate() - dt.timedelta(days=2))
    today = timezone.localdate()
    run = payment_run_create(payment_date=today, cutoff_date=today, by=coordinator)
    payment_run_approve(run_id=run.pk, by=payer)
    # Feedback about accessibility: anyone may write one, the coordinators are emailed.
    from jobcenter.feedback.services import accessibility_feedback_submit

    accessibility_feedback_submit(message="Lomakkeen painike ei toimi näppäimistöllä.", name="Aino", page_url="/me/")
    # Changing an order: a gig's time changed (the worker, the staff member along, the client), then
    # the gig cancelled (the worker, her unit, the client).
    from tests.factories import UserFactory

    on_gig = assignment_in(AssignmentStatus.ACCEPTED, worker=worker, unit=worker.home_unit)
    on_gig.support_person = UserFactory()
    on_gig.save(update_fields=["support_person"])
    gig = on_gig.gig
    services.gig_change(
        gig_id=gig.pk, by=coordinator, date=gig.date, start_time=dt.time(13, 0), planned_hours=gig.planned_hours
    )
    # A message to everyone on the gig (the worker, the staff member along, the client).
    from orders.services.gig_messages import gig_message_send

    gig_message_send(gig_id=gig.pk, by=coordinator, text="Ovikoodi on 1234.", include_client=True)
    # The reminder before the gig (the worker and the staff member along), then the gig cancelled.
    from orders.models import ReminderKind
    from orders.selectors.reminders import reminder_window
    from orders.services.reminders import gig_reminder_send

    gig.refresh_from_db()
    due = reminder_window(gig, ReminderKind.DAY_BEFORE)[0]
    gig_reminder_send(assignment_id=on_gig.pk, reminder=ReminderKind.DAY_BEFORE, now=due)
    services.gig_cancel(gig_id=gig.pk, by=coordinator, reason="Asiakas siirsi työn.")
    # Staffing moves: the worker takes a gig (her unit told, the client told it is staffed), is taken
    # off it (she, her unit and the client told); she says no to another (her unit told).
    from tests.factories import GigFactory

    one_place = GigFactory(order=order_in(OrderStatus.STAFFING), workers_needed=1)
    taken = assignment_in(AssignmentStatus.OFFERED, gig=one_place, worker=worker, unit=worker.home_unit)
    services.assignment_accept(assignment_id=taken.pk, by=worker.user)
    services.assignment_withdraw(assignment_id=taken.pk, by=coordinator, reason="Asiakas pyysi muutosta.")
    declined = assignment_in(AssignmentStatus.OFFERED, worker=worker, unit=worker.home_unit)
    services.assignment_decline(assignment_id=declined.pk, by=worker.user, reason="Lääkäriaika.")
    # "En pääse": she took a gig and cannot come (her unit, the coordinator, the other informed unit
    # told); a stand-in takes the place (the client told who comes).
    from orders.models import OrderUnitNotice
    from tests.factories import UnitFactory, WorkerFactory

    dropped = assignment_in(AssignmentStatus.ACCEPTED, worker=worker, unit=worker.home_unit)
    OrderUnitNotice.objects.create(order=dropped.gig.order, unit=UnitFactory(), informed_by=coordinator)
    services.assignment_cant_come(assignment_id=dropped.pk, by=worker.user, reason="ill")
    stand_in = assignment_in(AssignmentStatus.OFFERED, gig=dropped.gig, worker=WorkerFactory())
    services.assignment_accept(assignment_id=stand_in.pk, by=stand_in.worker.user)
    # The client cancels a gig she took, late, by the order's link (she, her unit, the client and the
    # Jobcenter's address told).
    from django.test import override_settings

    soon = timezone.localtime() + dt.timedelta(hours=2)
    late_gig = GigFactory(
        order=order_in(OrderStatus.SCHEDULED), date=soon.date(), start_time=soon.time().replace(microsecond=0)
    )
    assignment_in(AssignmentStatus.ACCEPTED, gig=late_gig, worker=worker, unit=worker.home_unit)
    with override_settings(JOBCENTER_CONTACT_EMAIL="jobcenter@example.org"):
        services.gig_cancel_by_client(gig_id=late_gig.pk, token_order_id=late_gig.order_id)
    # A client asks for the worker again on a new order: her unit's staff are told (never she herself).
    from orders.services.worker_again import worker_again_request
    from tests.factories import ClientContactFactory

    worked = assignment_in(AssignmentStatus.APPROVED, order_status=OrderStatus.APPROVED, worker=worker)
    asker = ClientContactFactory(with_user=True, organisation=worked.gig.order.client)
    again = order_in(OrderStatus.SUBMITTED, contact=asker)
    worker_again_request(order_id=again.pk, worker_id=worker.pk, by=asker.user)


@pytest.mark.django_db
def test_never_in_emails__every_email_from_its_service(settings, tmp_path, django_capture_on_commit_callbacks):
    """Every kind of email (the templates' folders) is sent with a worker who has an account and a
    code, and a payment run pays that worker; no email's subject, text, HTML, attachment name or
    attachment (the invoice PDF read as text too) holds either value."""
    settings.MEDIA_ROOT = tmp_path / "media"
    worker = WorkerFactory()
    payment_details(worker, iban=IBAN, code=HETU)

    with django_capture_on_commit_callbacks(execute=True):
        _every_email(CoordinatorFactory(), PayerFactory(), worker)

    codes = {path.name for path in (Path(settings.BASE_DIR) / "templates" / "emails").iterdir() if path.is_dir()}
    sent = set(OutboundEmail.objects.values_list("code", flat=True))
    assert sent == codes, f"a new kind of email needs its flow in _every_email: {sorted(codes - sent)}"
    assert OutboundEmail.objects.filter(code="gig_offered", to=worker.user.email).exists()
    assert OutboundEmail.objects.exclude(attachment="").exists(), "the invoice emails carry their PDF"
    assert Payout.objects.filter(worker=worker, iban=IBAN).exists(), "the worker was paid to the account"
    for email in OutboundEmail.objects.all():
        assert not leaked_values(_email_text(email, tmp_path)), email.code


# --- The export: masked -------------------------------------------------------------------------------
@pytest.mark.django_db
def test_export__the_section_shows_them_masked_in_every_export(client, worker, details):
    export = build_worker_export(worker=worker, include_special=True)
    section = next(s for s in export["sections"] if s["key"] == "payment_details")

    assert section["data"]["iban"] == "FI•• •••• •••• •••• 75"
    assert section["data"]["personal_identity_code"] == "240387-••••"
    assert not leaked_values(export_json(export).decode())
    client.force_login(CoordinatorFactory())
    response = client.get(reverse("worker_certificates:worker-export-json", kwargs={"pk": worker.pk}))
    assert response.status_code == 200 and not leaked_values(response_body(response))


@pytest.mark.django_db
def test_export__a_worker_without_details_has_an_empty_section(worker):
    export = build_worker_export(worker=worker, include_special=False)

    assert next(s for s in export["sections"] if s["key"] == "payment_details")["data"] is None


# --- Retention -----------------------------------------------------------------------------------
def _dump() -> str:
    out = io.StringIO()
    call_command("dumpdata", "billing", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_retention__the_details_go_with_the_worker_and_the_payment_s_account_after_the_accounting_period(
    settings, django_capture_on_commit_callbacks
):
    settings.JOBCENTER_RETENTION_WORKER_YEARS = 5
    settings.JOBCENTER_RETENTION_ACCOUNTING_YEARS = 10
    with freeze_time("2020-03-20 10:00:00"):
        coordinator = CoordinatorFactory()
        old = WorkerFactory()
        payment_details(old, iban=IBAN, code=HETU)
        payout = Payout.objects.create(
            worker=old,
            worker_name="Sentinel Oldworker",
            period_start=dt.date(2020, 3, 1),
            period_end=dt.date(2020, 3, 31),
            hours=Decimal("3.00"),
            gross=Decimal("30.00"),
            withholding_percent=Decimal("60.00"),
            tax_withheld=Decimal("18.00"),
            net=Decimal("12.00"),
            created_by=coordinator,
            iban=IBAN,
            payment_date=dt.date(2020, 3, 25),
        )
        recent = None
    with freeze_time("2025-12-01 10:00:00"):
        recent = WorkerFactory()
        payment_details(recent, iban="FI2112345600000785", code="131052-308T")

    with freeze_time("2026-01-10 03:30:00"), django_capture_on_commit_callbacks(execute=True):
        report = retention_run()

    assert report.workers == 1
    assert not WorkerPaymentDetails.objects.filter(worker=old).exists()
    assert WorkerPaymentDetails.objects.filter(worker=recent).exists()
    assert HETU not in _dump()
    # The payment stays whole within the accounting period: it is a bookkeeping record.
    payout.refresh_from_db()
    assert payout.iban == IBAN and payout.net == Decimal("12.00")

    with freeze_time("2031-01-02 03:30:00"), django_capture_on_commit_callbacks(execute=True):
        assert retention_run().payouts == 1
    payout.refresh_from_db()
    assert payout.iban == "" and payout.bic == "" and payout.net == Decimal("12.00")
    assert not leaked_values(_dump())


# --- The data inventory ---------------------------------------------------------------------------
def test_inventory__the_identity_code_is_special_and_the_account_financial():
    fields = INVENTORY["billing.WorkerPaymentDetails"]

    assert fields["personal_identity_code"] == "special"
    assert fields["iban"] == "financial" and fields["bic"] == "financial"
    assert INVENTORY["billing.Payout"]["iban"] == "financial"


def test_inventory__every_view_that_reads_the_special_field_is_registered():
    """The pages that read `personal_identity_code` are the registered ones; the test above checks
    that no other page of the URL matrix shows it. A page added for these values must be listed."""
    assert set(SENSITIVE_VIEWS) == {"payouts:payment-details", "units:worker-payment-details"}
    for name in SENSITIVE_VIEWS:
        assert name not in MATRIX or MATRIX[name].expected["staff_y"] in (403, 404)


# --- With the URL matrix's world -------------------------------------------------------------------
# The world (worker A, the units, the payer...) is built once for the module and stays until its end,
# so these tests come last: the tests above start from an empty database.
def _matrix_urls(w, method: str, role: str | None = None):  # noqa: F811
    """(name, url, data) of the matrix's entries of `method` (those `role` may use, when given).

    A name the URLconf no longer has is left out here: the URL matrix's own test reports it."""
    for name, entry in MATRIX.items():
        if entry.method != method or (role is not None and entry.expected[role] not in (200, 302)):
            continue
        try:
            url = reverse(name, kwargs=entry.kwargs(w))
        except NoReverseMatch:
            continue
        yield name, url, entry.data(w)


def _all_gets(client, w):  # noqa: F811
    for name, url, _data in _matrix_urls(w, "GET"):
        yield name, client.get(url)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["worker_a", "worker_b", "staff_x", "staff_y", "client_p", "coord", "admin", "payer"])
def test_no_page_but_the_registered_ones_shows_the_values(world, client, role):  # noqa: F811
    payment_details(world.worker_a, iban=IBAN, code=HETU)
    user = world.users[role]
    login_staff(client, user) if role in STAFF_ROLES else client.force_login(user)

    leaks = [f"{name} ({r.status_code})" for name, r in _all_gets(client, world) if leaked_values(response_body(r))]
    own = {
        "payouts:payment-details": coordinator_page(world.worker_a),
        "units:worker-payment-details": unit_page(world.worker_a),
    }
    for name, url in own.items():
        response = client.get(url)
        if leaked_values(response_body(response)):
            leaks.append(f"{name} GET ({response.status_code})")
        shown = client.post(url, {"show": "iban"})
        if leaked_values(response_body(shown)) and name not in SENSITIVE_VIEWS:
            leaks.append(f"{name} POST")

    assert not leaks, f"{role} sees a bank account or identity code in full:\n  " + "\n  ".join(leaks)


@pytest.mark.django_db
def test_control__the_payer_does_see_them_when_asking_on_the_registered_page(world, client):  # noqa: F811
    payment_details(world.worker_a, iban=IBAN, code=HETU)
    login_staff(client, world.users["payer"])

    assert leaked_values(response_body(client.post(coordinator_page(world.worker_a), {"show": "iban"})))


@pytest.mark.django_db
def test_never_in_emails__after_the_url_matrix_actions_of_every_role(
    world,  # noqa: F811
    client,
    tmp_path,
    django_capture_on_commit_callbacks,
):
    """Every action of the URL matrix that a role may do, done by each role while worker A has an
    account and a code (the payment pages join the matrix with their actions)."""
    payment_details(world.worker_a, iban=IBAN, code=HETU)
    before = set(OutboundEmail.objects.values_list("pk", flat=True))
    for role in ("coord", "staff_x", "worker_a", "payer", "admin"):
        user = world.users[role]
        login_staff(client, user) if role in STAFF_ROLES else client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            for _name, url, data in _matrix_urls(world, "POST", role):
                client.post(url, data)

    for email in OutboundEmail.objects.exclude(pk__in=before):
        assert not leaked_values(_email_text(email, tmp_path)), email.code
