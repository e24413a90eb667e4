"""The coordinator's results page makes the same number of queries with one unit's work as with many
units, task types, workers, ratings, cancellations and client counts: every section is aggregated
in the database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from orders.models import AssignmentStatus, AttendanceKind, AttendanceNote, Feedback, FeedbackSource
from tests.factories import AssignmentFactory, GigFactory, OrderFactory
from tests.factories.orders import TaskTypeFactory
from tests.factories.units import UnitFactory
from tests.factories.workers import WorkerFactory
from tests.support.queries import assert_constant
from units.models import UnitClientCount

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 3, 10)
PERIOD = {"start": "2025-01-01", "end": "2025-12-31"}


def _units_at_work(n: int, *, first: int = 0) -> None:
    """`n` units, each with its own task type, six workers on one gig, feedback, a no-show, a gig the
    client cancelled and a client count: something in every section of the page."""
    for number in range(first, first + n):
        unit = UnitFactory(name=f"Yksikkö {number}")
        task_type = TaskTypeFactory(code=f"task{number}", name_fi=f"Tehtävä {number}", name_en=f"Task {number}")
        gig = GigFactory(order=OrderFactory(task_type=task_type), date=DAY, workers_needed=7)
        for worker_number in range(6):
            assignment = AssignmentFactory(
                gig=gig,
                worker=WorkerFactory(home_unit=unit),
                status=AssignmentStatus.APPROVED,
                reported_hours=Decimal("3"),
                approved_hours=Decimal("3"),
            )
            Feedback.objects.create(
                assignment=assignment,
                rating=5,
                text=f"Hyvää työtä {number}.{worker_number}",
                source=FeedbackSource.COORDINATOR,
                may_quote=True,
            )
        missed = AssignmentFactory(gig=gig, worker=WorkerFactory(home_unit=unit), status=AssignmentStatus.ACCEPTED)
        AttendanceNote.objects.create(worker=missed.worker, assignment=missed, kind=AttendanceKind.NO_SHOW)
        GigFactory(order=OrderFactory(task_type=task_type), date=DAY, cancelled_by_client=True)
        UnitClientCount.objects.create(
            unit=unit, period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 6, 30), clients=20
        )


def test_results__constant_queries(coordinator_client, django_assert_max_num_queries):
    _units_at_work(1)

    assert_constant(
        coordinator_client,
        reverse("coordinator:results"),
        lambda: _units_at_work(6, first=1),
        ceiling=40,
        django_assert_max_num_queries=django_assert_max_num_queries,
        data=PERIOD,
    )
    page = coordinator_client.get(reverse("coordinator:results"), PERIOD).content.decode()
    assert "Yksikkö 6" in page and "Hyvää työtä 6.5" in page  # the grown data is on the page
