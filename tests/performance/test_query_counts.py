"""Queries per page do not grow with the data (issue 7): no page of the four surfaces has an N+1.

Each test builds a page's rows at a small size, counts the queries of the page, builds more rows,
and requires the *same* count (and a ceiling). The pages whose count is tested elsewhere are left
out here: the dashboard without filters and an order's page (tests/coordinator/test_dashboard.py),
the unit's needs, proposal, workers and worker pages (tests/units/test_unit_pages.py), the worker's
/me/ lists and gig page (tests/workers/test_mobile_views.py) and the front page (tests/pages).
The city-scale timings are in docs/performance.md (bench/run.py, not run in CI).
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from billing import services as billing_services
from billing.models import WorkerTaxInfo
from orders.models import AssignmentStatus, ContractType, Order, OrderStatus, OrderUnitNotice
from orders.tokens import make_feedback_token, make_terms_token
from tests.factories import (
    AssignmentFactory,
    ClientContactFactory,
    ClientOrganisationFactory,
    CoordinatorFactory,
    GigFactory,
    OrderFactory,
    TaskTypeFactory,
    UnitFactory,
    UnitStaffFactory,
    UserFactory,
    WorkerFactory,
)
from tests.factories.states import assignment_in, order_in
from tests.support.billing import approved_order
from tests.support.order_form import VALID as ORDER_FORM
from workers.models import WorkCertificate

pytestmark = pytest.mark.django_db


def queries_of(client, url: str, *, method: str = "get", data=None, status: int = 200) -> int:
    """The number of queries one request makes (the response must have `status`)."""
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(url, data or {})
    assert response.status_code == status, (url, response.status_code)
    return len(captured)


def assert_constant(client, url: str, grow, *, ceiling: int, django_assert_max_num_queries, **request) -> int:
    """Count the page's queries, `grow()` the data, and require the same count under the ceiling."""
    queries_of(client, url, **request)  # warm up: content types, session, translations
    small = queries_of(client, url, **request)
    grow()
    with django_assert_max_num_queries(ceiling):
        large = queries_of(client, url, **request)
    assert large == small, f"{url}: {small} queries with few rows, {large} with many (an N+1)"
    return small


def text(response) -> str:
    return response.content.decode()


# --- Fixtures -------------------------------------------------------------------------------------
@pytest.fixture
def coordinator():
    return CoordinatorFactory(first_name="Kaisa", last_name="Koordinaattori")


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def _staffed_order(status: str = OrderStatus.STAFFING, *, unit=None, task_type=None) -> Order:
    order = order_in(status, **({"task_type": task_type} if task_type else {}))
    OrderUnitNotice.objects.create(order=order, unit=unit or UnitFactory())
    gig = GigFactory(order=order, date=timezone.localdate() + dt.timedelta(days=7))
    AssignmentFactory(gig=gig, accepted=True)
    AssignmentFactory(gig=gig)
    return order


# --- Public pages ---------------------------------------------------------------------------------
def test_order_form__get_does_not_grow_with_task_types(client, django_assert_max_num_queries):
    assert_constant(
        client,
        "/order/",
        lambda: [TaskTypeFactory() for _ in range(20)],
        ceiling=6,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )
    assert "Tilaa keikka" in text(client.get("/order/"))


def test_order_form__post_does_not_grow_with_clients_and_orders(client, django_assert_max_num_queries):
    counts = []
    for n, extra in enumerate((2, 40)):
        for _ in range(extra):
            OrderFactory()
        data = {**ORDER_FORM, "submission_key": str(uuid.uuid4()), "business_id": ["1572860-0", "0737546-2"][n]}
        client.get("/order/")
        with django_assert_max_num_queries(40):
            counts.append(queries_of(client, "/order/", method="post", data=data, status=302))
    assert counts[0] == counts[1]
    assert Order.objects.filter(title="Ikkunanpesu").count() == 2


def test_price_quote__is_constant(client, django_assert_max_num_queries):
    assert_constant(
        client,
        "/order/price/?preferred_start=01.12.2026",
        lambda: [OrderFactory() for _ in range(10)],
        ceiling=4,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )


def test_terms_page__does_not_grow_with_other_orders(client, django_assert_max_num_queries):
    order = order_in(OrderStatus.TERMS_SENT)
    url = f"/order/terms/{make_terms_token(order)}/"
    assert_constant(
        client,
        url,
        lambda: [order_in(OrderStatus.TERMS_SENT) for _ in range(10)],
        ceiling=8,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )
    assert order.title in text(client.get(url))


def test_feedback_page__does_not_grow_with_workers(client, django_assert_max_num_queries):
    order = order_in(OrderStatus.APPROVED, feedback_requested_at=timezone.now())
    gig = GigFactory(order=order, date=timezone.localdate() - dt.timedelta(days=3), workers_needed=10)

    def add_workers(n):
        for _ in range(n):
            assignment_in(AssignmentStatus.APPROVED, gig=gig)

    add_workers(2)
    url = f"/order/feedback/{make_feedback_token(order)}/"
    assert_constant(
        client, url, lambda: add_workers(8), ceiling=10, django_assert_max_num_queries=django_assert_max_num_queries
    )
    names = [a.worker.user.first_name for a in gig.assignments.select_related("worker__user")]
    page = text(client.get(url))
    assert all(name in page for name in names)


# --- The coordinator's dashboard with its filters --------------------------------------------------
@pytest.mark.parametrize(
    "params",
    [
        "status=staffing",
        "status=staffing&status=submitted",
        "task_type={task_type}",
        "client={client}",
        "unit={unit}",
        "service={service}",
        "q=siivous",
        "date_field=gig&date_from={today}",
        "date_field=created&date_from={month_start}&date_to={today}",
        "page=2",
    ],
)
def test_dashboard__filters_do_not_grow_with_orders(coordinator_client, params, django_assert_max_num_queries):
    unit = UnitFactory()
    task_type = TaskTypeFactory()
    first = _staffed_order(unit=unit, task_type=task_type)
    today = timezone.localdate()
    url = "/coordinator/?" + params.format(
        task_type=task_type.pk,
        client=first.client_id,
        unit=unit.pk,
        service=unit.service_id,
        today=today.isoformat(),
        month_start=today.replace(day=1).isoformat(),
    )

    def grow(n):
        for i in range(n):
            _staffed_order(OrderStatus.STAFFING if i % 2 else OrderStatus.SUBMITTED, unit=unit, task_type=task_type)

    grow(4)
    assert_constant(
        coordinator_client,
        url,
        lambda: grow(45),
        ceiling=12,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )
    assert "#" in text(coordinator_client.get(url))


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
                billing_services_payout(worker, start, end, coordinator)

    grow(1, paid=False)
    grow(1, paid=True)
    assert_constant(
        coordinator_client,
        url,
        lambda: (grow(5, paid=False), grow(5, paid=True)),
        ceiling=14,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )


def billing_services_payout(worker, start, end, by):
    from billing.payouts import payout_create

    return payout_create(worker_id=worker.pk, period_start=start, period_end=end, by=by)


def test_tax_info_page__is_constant(coordinator_client, django_assert_max_num_queries):
    worker = WorkerFactory()
    url = f"/billing/payouts/workers/{worker.pk}/tax/"
    assert_constant(
        coordinator_client,
        url,
        lambda: [_commission_work(worker, timezone.localdate() - dt.timedelta(days=5 + i)) for i in range(5)],
        ceiling=8,
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


def _approved_gigs(worker, n: int) -> None:
    for i in range(n):
        gig = GigFactory(order=order_in(OrderStatus.CLOSED), date=timezone.localdate() - dt.timedelta(days=10 + i))
        assignment_in(AssignmentStatus.APPROVED, gig=gig, worker=worker)


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
    _approved_gigs(worker, 2)
    _certificate(worker, coordinator)
    url = f"/coordinator/workers/{worker.pk}/"
    assert_constant(
        coordinator_client,
        url,
        lambda: (_approved_gigs(worker, 10), [_certificate(worker, coordinator) for _ in range(4)]),
        ceiling=14,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )
    assert worker.user.last_name in text(coordinator_client.get(url))


@pytest.mark.parametrize("url", ["/me/cv/", "/me/certificates/"])
def test_worker_cv_and_certificates__do_not_grow(client, coordinator, url, django_assert_max_num_queries):
    worker = WorkerFactory()
    client.force_login(worker.user)
    _approved_gigs(worker, 2)
    _certificate(worker, coordinator)
    assert_constant(
        client,
        url,
        lambda: (_approved_gigs(worker, 10), [_certificate(worker, coordinator) for _ in range(4)]),
        ceiling=10,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )


# --- Unit pages not covered in tests/units --------------------------------------------------------
def test_unit_gig_add_page__does_not_grow_with_gigs(client, django_assert_max_num_queries):
    unit = UnitFactory()
    staff = UnitStaffFactory(unit=unit)
    client.force_login(staff)
    order = OrderFactory(staffing=True)
    OrderUnitNotice.objects.create(order=order, unit=unit)
    GigFactory(order=order, date=timezone.localdate() + dt.timedelta(days=3))
    url = f"/unit/needs/{order.pk}/gigs/add/"
    assert_constant(
        client,
        url,
        lambda: [GigFactory(order=order, date=timezone.localdate() + dt.timedelta(days=4 + i)) for i in range(8)],
        ceiling=12,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )


def test_unit_support_needs_page__is_constant(client, django_assert_max_num_queries):
    unit = UnitFactory()
    staff = UnitStaffFactory(unit=unit)
    client.force_login(staff)
    worker = WorkerFactory(home_unit=unit, support_needs="Lyhyet työpäivät.")
    url = f"/unit/workers/{worker.pk}/support-needs/"
    assert_constant(
        client,
        url,
        lambda: _approved_gigs(worker, 6),
        ceiling=20,
        django_assert_max_num_queries=django_assert_max_num_queries,
        method="post",
        data={"reason": "Keikan suunnittelu"},
    )
    assert "Lyhyet työpäivät." in text(client.post(url, {"reason": "Keikan suunnittelu"}))
