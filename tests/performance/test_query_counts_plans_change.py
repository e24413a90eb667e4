"""The pages of "when plans change" make the same number of queries with few rows as with many: the
coordinator's message to everyone on a gig (its preview of who gets it), the client's order page
with its gigs (logged in and through the signed link), and the reminder's answer page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from orders.client_links import make_client_order_token
from orders.models import AssignmentStatus, OrderStatus
from orders.tokens_answer import make_answer_token
from tests.factories import (
    AssignmentFactory,
    ClientContactFactory,
    CoordinatorFactory,
    GigFactory,
    OrderFactory,
    UserFactory,
    WorkerFactory,
)
from tests.factories.states import assignment_in, order_in
from tests.support.queries import assert_constant
from workers.models import NotifyBy

pytestmark = pytest.mark.django_db


def _took(gig, count: int) -> None:
    for i in range(count):
        worker = WorkerFactory(
            user=UserFactory(phone=f"04011{i:05d}"), notify_by=NotifyBy.BOTH if i % 2 else NotifyBy.EMAIL
        )
        assignment_in(AssignmentStatus.ACCEPTED, gig=gig, worker=worker, support_person=UserFactory())


def test_gig_message_page_queries_do_not_grow_with_the_people_on_the_gig(client, django_assert_max_num_queries):
    client.force_login(CoordinatorFactory())
    gig = GigFactory(order=order_in(OrderStatus.SCHEDULED), workers_needed=20)
    _took(gig, 2)
    url = reverse("coordinator:gig-message", args=[gig.pk])
    client.get(url)  # the rules-health and insurance warnings are worked out once, then cached

    assert_constant(
        client, url, lambda: _took(gig, 12), ceiling=20, django_assert_max_num_queries=django_assert_max_num_queries
    )


def _client_order(gigs: int = 2):
    contact = ClientContactFactory(with_user=True)
    order = OrderFactory(contact=contact, terms_accepted=True, status=OrderStatus.SCHEDULED)
    _add_gigs(order, gigs)
    return order


def _add_gigs(order, count: int) -> None:
    start = timezone.localdate() + dt.timedelta(days=5)
    for i in range(count):
        gig = GigFactory(order=order, date=start + dt.timedelta(days=i), planned_hours=Decimal("3.00"))
        AssignmentFactory(gig=gig, status=AssignmentStatus.ACCEPTED)


def test_client_order_page_queries_do_not_grow_with_its_gigs(client, django_assert_max_num_queries):
    order = _client_order()
    client.force_login(order.contact.user)
    url = reverse("orders:client-order", args=[order.pk])

    assert_constant(
        client,
        url,
        lambda: _add_gigs(order, 15),
        ceiling=20,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )


def test_client_link_page_queries_do_not_grow_with_its_gigs(client, django_assert_max_num_queries):
    order = _client_order()
    url = reverse("orders:client-link", args=[make_client_order_token(order)])

    assert_constant(
        client,
        url,
        lambda: _add_gigs(order, 15),
        ceiling=15,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )


def test_answer_page_queries_do_not_grow_with_the_workers_other_gigs(client, django_assert_max_num_queries):
    gig = GigFactory(order=order_in(OrderStatus.SCHEDULED), date=timezone.localdate() + dt.timedelta(days=3))
    assignment = assignment_in(AssignmentStatus.ACCEPTED, gig=gig, support_person=UserFactory(phone="0401234567"))
    url = reverse("workers:gig-answer", kwargs={"token": make_answer_token(assignment)})

    def grow():
        for _ in range(10):
            assignment_in(AssignmentStatus.ACCEPTED, worker=assignment.worker)
        _took(gig, 5)

    assert_constant(client, url, grow, ceiling=12, django_assert_max_num_queries=django_assert_max_num_queries)
