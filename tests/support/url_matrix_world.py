"""The world of the URL x role matrix (tests/support/url_matrix.py): objects on side A (worker A,
unit X, client organisation P) and on side B (worker B, unit Y, organisation Q), built once per module
inside a transaction that is rolled back at the end."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from tests.support.module_data import module_transaction


# --- The world: objects on side A and side B ------------------------------------------------------
@dataclass
class World:
    users: dict
    worker_a: object = None
    worker_b: object = None
    order_a: object = None
    gig_a: object = None
    assignment_a: object = None
    invoice_a: object = None
    payout_a: object = None
    run_approved: object = None
    run_draft: object = None
    ir_report: object = None
    ir_delivery: object = None
    certificate_a: object = None
    email_a: object = None
    consent_a: object = None
    benefit: str = ""
    partner_a: object = None
    contract_a: object = None
    partner_invoice_a: object = None
    terms_token: str = ""
    feedback_token: str = ""


def build_world() -> World:
    from billing import services as billing_services
    from jobcenter.models import OutboundEmail, OutboundEmailStatus
    from orders.models import AssignmentStatus, OrderStatus, OrderUnitNotice
    from orders.tokens import make_feedback_token, make_terms_token
    from tests.factories import (
        AdministratorFactory,
        AssignmentFactory,
        ClientContactFactory,
        CoordinatorFactory,
        GigFactory,
        PayerFactory,
        UnitFactory,
        UnitStaffFactory,
        WorkerFactory,
    )
    from tests.factories.states import order_in
    from workers.models import WorkCertificate

    unit_x, unit_y = UnitFactory(name="Yksikkö X"), UnitFactory(name="Yksikkö Y")
    worker_a, worker_b = WorkerFactory(home_unit=unit_x), WorkerFactory(home_unit=unit_y)
    contact_p, contact_q = ClientContactFactory(with_user=True), ClientContactFactory(with_user=True)
    coordinator = CoordinatorFactory()
    users = {
        "anon": None,
        "worker_a": worker_a.user,
        "worker_b": worker_b.user,
        "staff_x": UnitStaffFactory(unit=unit_x),
        "staff_y": UnitStaffFactory(unit=unit_y),
        "client_p": contact_p.user,
        "client_q": contact_q.user,
        "coord": coordinator,
        "admin": AdministratorFactory(),
        # The paying role alone (no coordinator permission): the payment pages, nothing else.
        "payer": PayerFactory(),
    }
    w = World(users=users, worker_a=worker_a, worker_b=worker_b)

    # Order A of organisation P, being staffed, announced to unit X; worker A is offered its gig.
    w.order_a = order_in(OrderStatus.STAFFING, contact=contact_p)
    OrderUnitNotice.objects.create(order=w.order_a, unit=unit_x, informed_by=coordinator)
    w.gig_a = GigFactory(order=w.order_a)
    w.assignment_a = AssignmentFactory(
        gig=w.gig_a, worker=worker_a, status=AssignmentStatus.OFFERED, proposed_by=users["staff_x"]
    )
    type(w.order_a).objects.filter(pk=w.order_a.pk).update(feedback_requested_at=timezone.now())
    w.order_a.refresh_from_db()
    w.terms_token = make_terms_token(w.order_a)
    w.feedback_token = make_feedback_token(w.order_a)
    # Order B of organisation Q, announced to unit Y, with worker B.
    order_b = order_in(OrderStatus.STAFFING, contact=contact_q)
    OrderUnitNotice.objects.create(order=order_b, unit=unit_y, informed_by=coordinator)
    AssignmentFactory(gig=GigFactory(order=order_b), worker=worker_b, status=AssignmentStatus.OFFERED)

    # An invoice of P (approved work of another order of P), with its PDF stored.
    from tests.support.billing import approved_order

    invoiced = approved_order({dt.date(2026, 2, 3): ["3"]}, client=contact_p.organisation)
    w.invoice_a = billing_services.invoice_issue_for_order(order_id=invoiced.pk, by=coordinator)
    w.invoice_a.pdf.save("invoice.pdf", ContentFile(b"%PDF-1.4 matrix"), save=True)
    # Worker A's payment: a run made by the coordinator and approved by the payer (its bank file and
    # Incomes Register report), the report's delivery, and a draft run of worker B's later work.
    from billing.incomes_register.deliveries import ir_delivery_create
    from billing.services.payment_runs import payment_run_approve, payment_run_create
    from tests.factories.payments import approved_commission_work, payment_details

    today = timezone.localdate()
    payment_details(worker_a)
    payment_details(worker_b)
    approved_commission_work(worker_a, today - dt.timedelta(days=10), "3")
    w.run_approved = payment_run_create(payment_date=today, cutoff_date=today, by=coordinator)
    w.run_approved = payment_run_approve(run_id=w.run_approved.pk, by=users["payer"])
    w.payout_a = w.run_approved.payouts.get()
    w.ir_report = w.payout_a.ir_reports.get()
    w.ir_delivery = ir_delivery_create(payment_date=today)
    approved_commission_work(worker_b, today - dt.timedelta(days=3), "2")
    w.run_draft = payment_run_create(payment_date=today, cutoff_date=today, by=coordinator)
    w.payout_a.pdf.save("payout.pdf", ContentFile(b"%PDF-1.4 matrix"), save=True)
    w.certificate_a = WorkCertificate.objects.create(
        worker=worker_a,
        issued_by=coordinator,
        issued_at=timezone.now(),
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 2, 28),
        summary={"worker_name": worker_a.display_name, "tasks": [], "total_hours": "0", "feedback": []},
    )
    w.certificate_a.pdf.save("certificate.pdf", ContentFile(b"%PDF-1.4 matrix"), save=True)
    w.email_a = OutboundEmail.objects.create(
        code="order_received", to="p@example.org", subject="x", body_text="x", status=OutboundEmailStatus.FAILED
    )
    # Worker A's consent to exchange information, and a benefit on record.
    from benefits.models import Benefit, Consent

    w.consent_a = Consent.objects.create(
        worker=worker_a, actors=[], data=[], given_on=timezone.localdate(), recorded_by=users["staff_x"]
    )
    w.benefit = Benefit.DISABILITY_PENSION
    # The partner model: an employer partner with an employment order of P, its invoice to P, and a
    # draft contract of worker A (made by unit X's staff).
    from billing.services.partner_invoices import partner_invoice_record_received
    from orders.models import ContractType
    from orders.services.partners import contract_create, partner_create
    from tests.factories import OrderFactory

    w.partner_a = partner_create(by=coordinator, name="Väylä ry", business_id="0737546-2")
    OrderFactory(contract_type=ContractType.EMPLOYMENT, contact=contact_p, employer_partner=w.partner_a)
    w.partner_invoice_a = partner_invoice_record_received(
        partner_id=w.partner_a.pk,
        client_id=contact_p.organisation_id,
        year=today.year,
        month=today.month,
        invoice_number="VÄY-1",
        amount="40.16",
        received_on=today,
        by=coordinator,
    )
    w.contract_a = contract_create(
        worker_id=worker_a.pk,
        partner_id=w.partner_a.pk,
        by=users["staff_x"],
        start_date=today,
        hours_per_occurrence="2",
    )
    # A production order that unit X makes for organisation P.
    from tests.support.production import production_order as make_production_order

    w.production_a = make_production_order(by=coordinator, unit=unit_x, contact=contact_p)
    # Product sales: a product of worker A made in unit X, with its photo and an agreement (no party yet).
    from tests.support.product_sales import agreement_for, png_upload, product_of

    w.product_a = product_of(worker_a, by=users["staff_x"], photo=png_upload())
    w.product_agreement_a = agreement_for(w.product_a, by=users["staff_x"], parties=())
    return w


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """One world for the whole module, inside a transaction rolled back at the end; each cell runs in
    a savepoint of its own (pytest-django), so a POST that changes something is undone after it."""
    media = tmp_path_factory.mktemp("matrix-media")
    with module_transaction(django_db_blocker, MEDIA_ROOT=media):
        yield build_world()
