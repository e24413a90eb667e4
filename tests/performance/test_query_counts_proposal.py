"""The unit's proposal page (`units:propose`) and the support fields it loads for a ticked candidate
make the same number of queries for a few candidates as for a big unit's, with benefit figures, a
group, candidates already on the gig and a year of earnings each. (The page's ceilings without
consents are in tests/units/test_unit_propose.py; the city-scale timings in docs/performance.md.)"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from orders.models import AssignmentStatus
from tests.factories import AssignmentFactory, TaskTypeFactory, UnitFactory, UnitStaffFactory, WorkerGroupFactory
from tests.factories.benefits import ConsentFactory, ReceivedBenefitFactory
from tests.factories.states import assignment_in
from tests.support.queries import assert_constant
from tests.support.unit_pages import coming_gig, informed_order, propose_url, worker_in

pytestmark = pytest.mark.django_db


def _candidates(unit, order, gig, count: int, *, offset: int = 0) -> list:
    """`count` candidates who let the unit see their benefits, each with a benefit and earned work."""
    workers = []
    for i in range(offset, offset + count):
        worker = worker_in(unit, f"Etu{i}", f"Suku{i}")
        ConsentFactory(worker=worker)
        ReceivedBenefitFactory(worker=worker)
        assignment_in(AssignmentStatus.APPROVED, worker=worker)
        if i % 3 == 0:
            worker.skills.add(order.task_type)
        workers.append(worker)
    return workers


@pytest.fixture
def unit():
    return UnitFactory(name="Vallila")


@pytest.fixture
def proposal(client, unit):
    order = informed_order(unit, task_type=TaskTypeFactory())
    gig = coming_gig(order)
    workers = _candidates(unit, order, gig, 3)
    AssignmentFactory(gig=gig, worker=workers[0])  # one already on the gig
    WorkerGroupFactory(unit=unit).members.add(*workers[:2])
    client.force_login(UnitStaffFactory(unit=unit))
    return client, order, gig, workers


def test_proposal_page_queries_do_not_grow_with_candidates(proposal, unit, django_assert_max_num_queries):
    client, order, gig, workers = proposal

    def grow():
        more = _candidates(unit, order, gig, 30, offset=10)  # more than a page of 25
        for worker in more[:5]:
            AssignmentFactory(gig=gig, worker=worker)
        for worker in more[5:10]:
            assignment_in(AssignmentStatus.ACCEPTED, worker=worker)
        WorkerGroupFactory(unit=unit).members.add(*more[10:14])
        UnitStaffFactory(unit=unit)

    url = propose_url(order, gig)
    assert_constant(client, url, grow, ceiling=26, django_assert_max_num_queries=django_assert_max_num_queries)


def _fragment_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return len(captured)


def test_support_fields_of_a_ticked_candidate_do_not_grow_with_candidates(
    proposal, unit, django_assert_max_num_queries
):
    client, order, gig, workers = proposal
    url = f"{propose_url(order, gig)}?details={workers[1].pk}"
    _fragment_queries(client, url)  # warm up: content types, session, translations
    small = _fragment_queries(client, url)

    _candidates(unit, order, gig, 30, offset=10)
    UnitStaffFactory(unit=unit)

    with django_assert_max_num_queries(13):
        assert _fragment_queries(client, url) == small
