"""The figures API makes the same number of queries for a few or many people, gigs and units."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from orders.models import AssignmentStatus, OrderStatus
from tests.factories import AssignmentFactory, GigFactory, OrderFactory, UnitFactory, WorkerFactory
from tests.support.api import api_token, bearer
from tests.support.queries import assert_constant
from workers.models_paths import PathStepKind, WorkerPathStep

pytestmark = pytest.mark.django_db


def _work(n: int) -> None:
    """`n` people of a new unit, each with an approved gig and an outcome step in March 2026."""
    unit = UnitFactory()
    kinds = list(PathStepKind.objects.outcomes())
    for i in range(n):
        order = OrderFactory(terms_accepted=True, status=OrderStatus.APPROVED)
        AssignmentFactory(
            gig=GigFactory(order=order, date=dt.date(2026, 3, 10)),
            worker=WorkerFactory(home_unit=unit),
            status=AssignmentStatus.APPROVED,
            reported_hours=Decimal("3.00"),
            approved_hours=Decimal("3.00"),
        )
        worker = WorkerFactory(home_unit=unit)
        WorkerPathStep.objects.create(worker=worker, kind=kinds[i % len(kinds)], started_on=dt.date(2026, 3, 10))


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/figures/?start=2026-01-01&end=2026-12-31",
        "/api/v1/units/",
        "/api/v1/outcomes/?start=2026-01-01&end=2026-12-31",
    ],
)
def test_figures_api__constant_queries(django_assert_max_num_queries, url):
    client = Client(headers=bearer(api_token()[1]))
    _work(6)

    assert_constant(
        client,
        url,
        lambda: (_work(12), _work(3)),
        ceiling=40,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )
