"""The stand-in pages ("Find a stand-in", the unit's and the coordinator's) make the same number of
queries for a few candidates as for many, with benefit figures and earned work for each, workers
asked before and more than a page of others."""

from __future__ import annotations

import pytest
from django.urls import reverse

from orders import services
from orders.models import AssignmentStatus
from tests.factories import AssignmentFactory, CoordinatorFactory, UnitFactory, UnitStaffFactory
from tests.factories.benefits import ConsentFactory, ReceivedBenefitFactory
from tests.factories.states import assignment_in
from tests.support.queries import assert_constant
from tests.support.unit_pages import coming_gig, informed_order, worker_in

pytestmark = pytest.mark.django_db


def _workers(unit, count: int, *, offset: int = 0) -> list:
    found = []
    for i in range(offset, offset + count):
        worker = worker_in(unit, f"Sija{i}", f"Suku{i}")
        ConsentFactory(worker=worker)
        ReceivedBenefitFactory(worker=worker)
        assignment_in(AssignmentStatus.APPROVED, worker=worker)
        found.append(worker)
    return found


@pytest.fixture
def freed():
    unit = UnitFactory(name="Vallila")
    order = informed_order(unit)
    gig = coming_gig(order, workers_needed=1)
    dropped = AssignmentFactory(gig=gig, worker=worker_in(unit, "Aino", "Laine"), status=AssignmentStatus.ACCEPTED)
    services.assignment_cant_come(assignment_id=dropped.pk, by=dropped.worker.user)
    workers = _workers(unit, 3)
    AssignmentFactory(gig=gig, worker=workers[0])  # asked before
    return unit, gig


def _grow(unit, gig, warm=None):
    def grow():
        more = _workers(unit, 30, offset=10)  # more than the page's 25 others
        for worker in more[:5]:
            AssignmentFactory(gig=gig, worker=worker)
        for worker in more[5:8]:
            AssignmentFactory(gig=gig, worker=worker, status=AssignmentStatus.DECLINED)
        if warm is not None:
            warm()

    return grow


def test_unit_stand_in_page_queries_do_not_grow(client, freed, django_assert_max_num_queries):
    unit, gig = freed
    client.force_login(UnitStaffFactory(unit=unit))
    url = reverse("units:stand-in", args=[gig.order_id, gig.pk])
    assert_constant(
        client, url, _grow(unit, gig), ceiling=30, django_assert_max_num_queries=django_assert_max_num_queries
    )


def test_coordinator_stand_in_page_queries_do_not_grow(client, freed, django_assert_max_num_queries):
    unit, gig = freed
    client.force_login(CoordinatorFactory())
    url = reverse("coordinator:stand-in", args=[gig.pk])
    # The coordinator's layout caches its benefit-rules check, and a new received benefit forgets it:
    # warm it again after growing, so that the count is the stand-in page's own.
    grow = _grow(unit, gig, warm=lambda: client.get(url))
    assert_constant(client, url, grow, ceiling=30, django_assert_max_num_queries=django_assert_max_num_queries)
