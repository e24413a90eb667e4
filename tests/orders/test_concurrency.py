"""Races on PostgreSQL, with real threads and real row locks.

Each race starts from a barrier so that every thread is inside its transaction at the same time.
"""

import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import translation

from jobcenter.errors import DomainError
from orders import services
from orders.models import AssignmentStatus, OrderEvent, OrderStatus
from tests.factories import AssignmentFactory, CoordinatorFactory, GigFactory, OrderFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _messages_in_english():
    with translation.override("en"):
        yield


def run_at_once(functions):
    """Run the callables in parallel threads that start together; return each one's result or error."""
    barrier = threading.Barrier(len(functions))
    results = [None] * len(functions)

    def runner(index, function):
        translation.activate("en")  # the language is per thread
        try:
            barrier.wait()
            results[index] = function()
        except Exception as exc:  # the outcome is what we assert on
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_accept__sixteen_workers_two_places_exactly_two_accepted():
    gig = GigFactory(order=OrderFactory(staffing=True), workers_needed=2)
    offers = [AssignmentFactory(gig=gig, offered=True) for _ in range(16)]
    results = run_at_once(
        [lambda a=a: services.assignment_accept(assignment_id=a.pk, by=a.worker.user) for a in offers]
    )
    accepted = [r for r in results if not isinstance(r, Exception)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert len(accepted) == 2
    assert len(refused) == 14
    assert {str(r.message) for r in refused} == {"Sorry, this gig is already full."}
    assert gig.assignments.filter(status=AssignmentStatus.ACCEPTED).count() == 2
    gig.order.refresh_from_db()
    assert gig.order.status == OrderStatus.SCHEDULED
    # One move to scheduled (the client's staffed confirmation is an event line that keeps the state).
    assert gig.order.status_changes.filter(kind=OrderEvent.ALL_STAFFED).count() == 1
    assert gig.order.status_changes.filter(kind=OrderEvent.GIG_STAFFED).count() == 1


def test_approve__two_coordinators_at_once_approve_once():
    order = OrderFactory(terms_accepted=True, status=OrderStatus.DONE)
    gig = GigFactory(order=order, workers_needed=1)
    assignment = AssignmentFactory(gig=gig, status=AssignmentStatus.DONE, reported_hours=Decimal("3.00"))
    first, second = CoordinatorFactory(), CoordinatorFactory()
    results = run_at_once(
        [
            lambda: services.assignment_approve(assignment_id=assignment.pk, by=first),
            lambda: services.assignment_approve(assignment_id=assignment.pk, by=second, hours="2", reason="x"),
        ]
    )
    assert not any(isinstance(r, Exception) for r in results)
    assignment.refresh_from_db()
    assert assignment.status_changes.filter(to_status=AssignmentStatus.APPROVED).count() == 1
    assert assignment.approved_by in (first, second)
    # Whoever came second saw it approved and changed nothing.
    expected_hours = Decimal("3.00") if assignment.approved_by == first else Decimal("2.00")
    assert assignment.approved_hours == expected_hours
