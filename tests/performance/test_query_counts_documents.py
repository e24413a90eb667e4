"""Queries per page do not grow with the data, for the pages of documents: invoices (the
coordinator's and the client's), month end, payouts and tax information, and work certificates.
The rule and the other pages are in test_query_counts.py.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from billing import services as billing_services
from billing.models import WorkerTaxInfo
from orders.models import AssignmentStatus, ContractType, OrderStatus
from tests.factories import (
    ClientContactFactory,
    ClientOrganisationFactory,
    GigFactory,
    UserFactory,
    WorkerFactory,
)
from tests.factories.payments import payer_user, payment_details
from tests.factories.states import assignment_in, order_in
from tests.support.billing import approved_order
from tests.support.queries import approved_gigs, assert_constant, queries_of, text
from workers.models import WorkCertificate

pytestmark = pytest.mark.django_db


# --- Billing --------------------------------------------------------------------------------------
def _invoice(coordinator, *, client=None, gigs: int = 1):
    days = {timezone.localdate() - dt.timedelta(days=20 + i): ["3.00", "2.50"] for i in range(gigs)}
    order = approved_order(days, client=client)
    return billing_services.invoice_issue_for_order(order_id=order.pk, by=coordinator)


def test_invoice_list__does_not_grow_with_invoices(coordinator_client, coordinator, django_assert_max_num_queries):
    invoices = [_invoice(coordinator) for _ in range(2)]
    assert_constant(
        coordinator_client,
        "/billing/",
        lambda: invoices.extend(_invoice(coordinator) for _ in range(10)),
        ceiling=10,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )
    page = text(coordinator_client.get("/billing/"))
    assert all(invoice.display_number in page for invoice in invoices)


def test_invoice_detail__does_not_grow_with_lines(coordinator_client, coordinator, django_assert_max_num_queries):
    small = _invoice(coordinator, gigs=1)
    large = _invoice(coordinator, gigs=12)
    coordinator_client.get(f"/billing/invoices/{small.pk}/")
    with django_assert_max_num_queries(14):
        few = queries_of(coordinator_client, f"/billing/invoices/{small.pk}/")
    many = queries_of(coordinator_client, f"/billing/invoices/{large.pk}/")
    assert few == many
    assert large.lines.count() == 12
    assert large.display_number in text(coordinator_client.get(f"/billing/invoices/{large.pk}/"))


def test_client_invoice_list__does_not_grow_with_invoices(client, coordinator, django_assert_max_num_queries):
    organisation = ClientOrganisationFactory()
    contact = ClientContactFactory(organisation=organisation, user=UserFactory())
    client.force_login(contact.user)
    invoices = [_invoice(coordinator, client=organisation)]
    assert_constant(
        client,
        "/billing/my/",
        lambda: invoices.extend(_invoice(coordinator, client=organisation) for _ in range(6)),
        ceiling=8,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )
    page = text(client.get("/billing/my/"))
    assert all(invoice.display_number in page for invoice in invoices)


def test_month_end_page__is_constant(coordinator_client, coordinator, django_assert_max_num_queries):
    assert_constant(
        coordinator_client,
        "/billing/month-end/",
        lambda: [_invoice(coordinator) for _ in range(3)],
        ceiling=8,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )


def _commission_work(worker, day: dt.date) -> None:
    order = order_in(OrderStatus.APPROVED, contract_type=ContractType.COMMISSION)
    gig = GigFactory(order=order, date=day)
    assignment_in(AssignmentStatus.APPROVED, gig=gig, worker=worker)


def test_payout_list__does_not_grow_with_workers_and_payouts(
    coordinator_client, coordinator, django_assert_max_num_queries
):
    today = timezone.localdate()
    last_month_end = today.replace(day=1) - dt.timedelta(days=1)
    start, end = last_month_end.replace(day=1), last_month_end
    url = f"/billing/payouts/?start={start.isoformat()}&end={end.isoformat()}"

    def grow(n, paid: bool):
        for _ in range(n):
            worker = WorkerFactory()
            WorkerTaxInfo.objects.create(worker=worker, withholding_percent=Decimal("10.00"), valid_for_year=end.year)
            _commission_work(worker, start + dt.timedelta(days=3))
            _commission_work(worker, start + dt.timedelta(days=9))
            if paid:
                payment_details(worker)  # the others are held out of the run
        if paid:
            billing_services_payout(end, coordinator)

    grow(1, paid=False)
    grow(1, paid=True)
    assert_constant(
        coordinator_client,
        url,
        lambda: (grow(5, paid=False), grow(5, paid=True)),
        ceiling=14,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )


def billing_services_payout(end, by):
    """An approved payment run of the work up to `end` (the only way payouts are made)."""
    from billing.services.payment_runs import payment_run_approve, payment_run_create

    run = payment_run_create(payment_date=max(timezone.localdate(), end), cutoff_date=end, by=by)
    return payment_run_approve(run_id=run.pk, by=payer_user())


def test_tax_info_page__is_constant(coordinator_client, django_assert_max_num_queries):
    worker = WorkerFactory()
    url = f"/billing/payouts/workers/{worker.pk}/tax/"
    assert_constant(
        coordinator_client,
        url,
        lambda: [_commission_work(worker, timezone.localdate() - dt.timedelta(days=5 + i)) for i in range(5)],
        ceiling=9,  # with the Incomes Register warning of every coordinator page
        django_assert_max_num_queries=django_assert_max_num_queries,
    )


# --- Certificates ---------------------------------------------------------------------------------
def _certificate(worker, coordinator) -> WorkCertificate:
    today = timezone.localdate()
    return WorkCertificate.objects.create(
        worker=worker,
        issued_by=coordinator,
        issued_at=timezone.now(),
        period_start=today - dt.timedelta(days=60),
        period_end=today,
        summary={"worker_name": str(worker), "lines": []},
    )


def test_certificate_worker_list__does_not_grow_with_workers(coordinator_client, django_assert_max_num_queries):
    workers = [WorkerFactory() for _ in range(3)]
    assert_constant(
        coordinator_client,
        "/coordinator/workers/",
        lambda: workers.extend(WorkerFactory() for _ in range(20)),
        ceiling=8,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )
    assert "/coordinator/workers/" in text(coordinator_client.get("/coordinator/workers/"))


def test_certificate_worker_page__does_not_grow_with_gigs_and_certificates(
    coordinator_client, coordinator, django_assert_max_num_queries
):
    worker = WorkerFactory()
    approved_gigs(worker, 2)
    _certificate(worker, coordinator)
    url = f"/coordinator/workers/{worker.pk}/"
    assert_constant(
        coordinator_client,
        url,
        lambda: (approved_gigs(worker, 10), [_certificate(worker, coordinator) for _ in range(4)]),
        ceiling=14,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )
    assert worker.user.last_name in text(coordinator_client.get(url))


@pytest.mark.parametrize("url", ["/me/cv/", "/me/certificates/"])
def test_worker_cv_and_certificates__do_not_grow(client, coordinator, url, django_assert_max_num_queries):
    worker = WorkerFactory()
    client.force_login(worker.user)
    approved_gigs(worker, 2)
    _certificate(worker, coordinator)
    assert_constant(
        client,
        url,
        lambda: (approved_gigs(worker, 10), [_certificate(worker, coordinator) for _ in range(4)]),
        ceiling=10,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )
