"""The unit's start page with its follow-up items, a worker's path page and the coordinator's
outcomes report make the same number of queries for a few rows as for many."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from orders.models import AssignmentStatus, OrderStatus
from orders.tasks import create_gig_follow_ups_task
from tests.factories import GigFactory, UnitFactory, UnitStaffFactory
from tests.factories.states import assignment_in, order_in
from tests.support.queries import assert_constant
from tests.support.unit_pages import worker_in
from workers.models_paths import PathStepKind, WorkerPathStep

pytestmark = pytest.mark.django_db


def _ended_gigs(unit, count: int, *, offset: int = 0) -> None:
    start = timezone.localtime() - dt.timedelta(hours=5)
    for i in range(offset, offset + count):
        gig = GigFactory(order=order_in(OrderStatus.SCHEDULED), date=start.date(), start_time=start.time())
        assignment_in(AssignmentStatus.ACCEPTED, gig=gig, worker=worker_in(unit, f"Sija{i}", f"Suku{i}"))
    create_gig_follow_ups_task()


def _steps(worker, count: int) -> None:
    kinds = list(PathStepKind.objects.all())
    for i in range(count):
        WorkerPathStep.objects.create(
            worker=worker, kind=kinds[i % len(kinds)], started_on=timezone.localdate() - dt.timedelta(days=i)
        )


def test_unit_start_page_with_follow_ups(client, django_assert_max_num_queries):
    unit = UnitFactory(name="Vallila")
    _ended_gigs(unit, 2)
    client.force_login(UnitStaffFactory(unit=unit))
    assert_constant(
        client,
        reverse("units:needs"),
        lambda: _ended_gigs(unit, 15, offset=10),
        ceiling=30,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )


def test_worker_path_page(client, django_assert_max_num_queries):
    unit = UnitFactory(name="Vallila")
    worker = worker_in(unit)
    _steps(worker, 2)
    client.force_login(UnitStaffFactory(unit=unit))
    assert_constant(
        client,
        reverse("units:worker-path", args=[worker.pk]),
        lambda: _steps(worker, 20),
        ceiling=25,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )


def test_outcomes_report(coordinator_client, django_assert_max_num_queries):
    units = [UnitFactory(name=f"Yksikkö {i}") for i in range(3)]
    for unit in units[:1]:
        _steps(worker_in(unit), 10)

    def grow():
        for unit in units:
            for i in range(6):
                _steps(worker_in(unit, f"Kasvu{i}", unit.name), 10)

    coordinator_client.get(reverse("coordinator:today"))  # warm the layout's cached checks
    assert_constant(
        coordinator_client,
        reverse("coordinator:outcomes"),
        grow,
        ceiling=25,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )
