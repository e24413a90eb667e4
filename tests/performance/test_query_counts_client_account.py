"""The client's account page (`orders:client-account`) makes the same number of queries for one order
as for pages of them, each with gigs, workers coming and done, wishes for a worker again and the
feedback asked for."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from orders.models import AssignmentStatus, Order, OrderStatus, WorkerAgainRequest
from tests.factories import AssignmentFactory, ClientContactFactory, GigFactory, WorkerFactory
from tests.factories.states import order_in
from tests.support.queries import assert_constant

pytestmark = pytest.mark.django_db


def _order_with_work(contact, n: int) -> Order:
    order = order_in(OrderStatus.APPROVED, contact=contact, title=f"Siivous {n}")
    Order.objects.filter(pk=order.pk).update(feedback_requested_at=timezone.now())
    for _day in range(2):
        gig = GigFactory(order=order, workers_needed=2)
        for _ in range(2):
            AssignmentFactory(
                gig=gig,
                worker=WorkerFactory(),
                status=AssignmentStatus.APPROVED,
                reported_hours=2,
                approved_hours=2,
            )
    return order


def _open_order_with_wish(contact, n: int) -> Order:
    order = order_in(OrderStatus.STAFFING, contact=contact, title=f"Ikkunat {n}")
    gig = GigFactory(order=order, workers_needed=3)
    worker = WorkerFactory()
    AssignmentFactory(gig=gig, worker=worker, status=AssignmentStatus.ACCEPTED)
    WorkerAgainRequest.objects.create(order=order, worker=worker, unit=worker.home_unit)
    return order


def test_client_account_queries_do_not_grow(client, django_assert_max_num_queries):
    contact = ClientContactFactory(with_user=True)
    _order_with_work(contact, 0)
    _open_order_with_wish(contact, 0)
    client.force_login(contact.user)

    def grow():
        for n in range(1, 7):
            _order_with_work(contact, n)
            _open_order_with_wish(contact, n)

    url = reverse("orders:client-account")
    assert_constant(client, url, grow, ceiling=25, django_assert_max_num_queries=django_assert_max_num_queries)
    assert_constant(
        client, f"{url}?page=2", lambda: None, ceiling=25, django_assert_max_num_queries=django_assert_max_num_queries
    )
