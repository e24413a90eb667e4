"""Queries per page do not grow with the data: no page has an N+1 (a query per row), which would
stay unnoticed on a small test database and make a page slow once the city's data is in it.

Each test builds a page's rows at a small size, counts the queries of the page, builds more rows,
and requires the *same* count (and a ceiling). This module has the public pages, the coordinator's
dashboard filters and two unit pages; test_query_counts_documents.py the billing, payout and
certificate pages. The pages whose count is tested elsewhere are left out: the dashboard without
filters (tests/coordinator/test_dashboard.py) and an order's page (test_dashboard_orders.py), the
unit's needs (tests/units/test_unit_pages.py), proposal (test_unit_propose.py), workers and worker
pages (test_unit_workers.py), the worker's /me/ lists and gig page (tests/workers/) and the front
page (tests/pages). The city-scale timings are
in docs/performance.md (bench/run.py, not run in CI).
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from orders.models import AssignmentStatus, Order, OrderStatus, OrderUnitNotice
from orders.tokens import make_feedback_token, make_terms_token
from tests.factories import (
    AssignmentFactory,
    GigFactory,
    OrderFactory,
    TaskTypeFactory,
    UnitFactory,
    UnitStaffFactory,
    WorkerFactory,
)
from tests.factories.states import assignment_in, order_in
from tests.support.order_form import VALID as ORDER_FORM
from tests.support.queries import approved_gigs, assert_constant, queries_of, text

pytestmark = pytest.mark.django_db


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
        # Two unrelated clients (neither business ID nor email domain of the other): the same path.
        data = {
            **ORDER_FORM,
            "submission_key": str(uuid.uuid4()),
            "business_id": ["1572860-0", "0737546-2"][n],
            "contact_email": f"tilaaja@asiakas{n}.example",
        }
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
        lambda: approved_gigs(worker, 6),
        ceiling=20,
        django_assert_max_num_queries=django_assert_max_num_queries,
        method="post",
        data={"reason": "Keikan suunnittelu"},
    )
    assert "Lyhyet työpäivät." in text(client.post(url, {"reason": "Keikan suunnittelu"}))
