"""The coordinator's Today page, and a coordinator page's menu with Today's count, make the same
number of queries with one row in each section as with many (more than a section shows)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from jobcenter.models import OutboundEmail, OutboundEmailStatus
from orders.models import OrderStatus
from tests.factories import AssignmentFactory, GigFactory, OrderFactory
from tests.factories.states import order_in
from tests.support.queries import assert_constant

pytestmark = pytest.mark.django_db


def _waiting(n: int) -> None:
    """`n` rows in each section: short gigs, hours to approve, unanswered terms, new orders, failed emails."""
    today = timezone.localdate()
    for number in range(n):
        gig = GigFactory(date=today + dt.timedelta(days=number % 3), workers_needed=2)
        AssignmentFactory(gig=gig, accepted=True)
        AssignmentFactory(done=True)
        sent = order_in(OrderStatus.TERMS_SENT)
        type(sent).objects.filter(pk=sent.pk).update(terms_sent_at=timezone.now() - dt.timedelta(days=10 + number))
        OrderFactory()
        OutboundEmail.objects.create(
            code="order_received", to=f"p{number}@example.org", subject="x", body_text="x",
            status=OutboundEmailStatus.FAILED,
        )  # fmt: skip


def test_today__constant_queries(coordinator_client, django_assert_max_num_queries):
    _waiting(1)

    assert_constant(
        coordinator_client,
        reverse("coordinator:today"),
        lambda: _waiting(14),
        ceiling=30,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )


def test_menu_count__constant_queries_on_another_coordinator_page(coordinator_client, django_assert_max_num_queries):
    """The menu's count is cached: after the first page, the emails page reads it from the cache."""
    _waiting(1)

    assert_constant(
        coordinator_client,
        reverse("coordinator:emails"),
        lambda: _waiting(14),
        ceiling=20,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )
