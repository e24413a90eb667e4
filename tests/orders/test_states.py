"""The one place of the order flow's states: groups, tables, the constraints built from them, the
buttons derived from them, and the hooks the apps above register."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from benefits.services import commission_explanation_record, commission_offer_blocker
from billing.coverage import order_has_issued_invoice
from orders import hooks
from orders.models import ORDER_NEXT_STATES, ORDER_OPEN_STATES, Assignment, Order
from orders.states import (
    ASSIGNMENT_HAPPY_PATH,
    ASSIGNMENT_MOVES_BY_ORDER_STATE,
    ASSIGNMENT_TRANSITIONS,
    ORDER_HAPPY_PATH,
    ORDER_TRANSITIONS,
    AssignmentStatus,
    OrderStatus,
    available_assignment_statuses,
)
from tests.factories import AssignmentFactory, OrderFactory
from tests.factories.states import order_in
from web.coordinator.views import order_actions

pytestmark = pytest.mark.django_db


def test_old_names_are_the_one_definition():
    assert ORDER_NEXT_STATES is ORDER_TRANSITIONS
    assert ORDER_OPEN_STATES == OrderStatus.open_states


def test_happy_paths_walk_the_tables():
    for path, table in ((ORDER_HAPPY_PATH, ORDER_TRANSITIONS), (ASSIGNMENT_HAPPY_PATH, ASSIGNMENT_TRANSITIONS)):
        for here, there in zip(path, path[1:], strict=False):
            assert there in table[here], (here, there)


def test_groups_say_what_they_mean():
    assert OrderStatus.final_states == {OrderStatus.CLOSED, OrderStatus.CANCELLED, OrderStatus.REJECTED}
    assert OrderStatus.CLOSED in OrderStatus.accepted_states
    assert OrderStatus.billable_states == {OrderStatus.APPROVED}
    assert OrderStatus.client_cancellable_states == {
        OrderStatus.SUBMITTED,
        OrderStatus.TERMS_SENT,
        OrderStatus.TERMS_ACCEPTED,
    }
    assert AssignmentStatus.filling_states == {
        AssignmentStatus.ACCEPTED,
        AssignmentStatus.DONE,
        AssignmentStatus.APPROVED,
    }
    assert AssignmentStatus.coming_states == {
        AssignmentStatus.PROPOSED,
        AssignmentStatus.OFFERED,
        AssignmentStatus.ACCEPTED,
    }
    # Every assignment move an order state allows is a move the assignment table has somewhere.
    reachable = {target for targets in ASSIGNMENT_TRANSITIONS.values() for target in targets}
    for moves in ASSIGNMENT_MOVES_BY_ORDER_STATE.values():
        assert moves <= reachable | {AssignmentStatus.PROPOSED}


def test_database_refuses_a_closed_order_without_its_acceptance():
    with pytest.raises(IntegrityError), transaction.atomic():
        OrderFactory(status=OrderStatus.CLOSED, terms_accepted_at=None)
    assert not Order.objects.exists()


def test_database_refuses_approved_work_without_approved_hours():
    assignment = AssignmentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.filter(pk=assignment.pk).update(status=AssignmentStatus.APPROVED, reported_hours=3)


@pytest.mark.parametrize("status", OrderStatus.values)
def test_order_buttons_follow_the_table(status):
    order = order_in(status)
    with translation.override("en"):
        labels = [str(action.label) for action in order_actions(order)]
    assert ("Cancel…" in labels) == OrderStatus(status).can_move_to(OrderStatus.CANCELLED)
    assert ("Reject…" in labels) == OrderStatus(status).can_move_to(OrderStatus.REJECTED)
    assert ("Close the order" in labels) == OrderStatus(status).can_move_to(OrderStatus.CLOSED)
    assert not any("invoiced" in label.lower() for label in labels)


def test_assignment_moves_are_narrowed_by_the_order_state():
    assert available_assignment_statuses(AssignmentStatus.PROPOSED, order_status=OrderStatus.STAFFING) == {
        AssignmentStatus.OFFERED,
        AssignmentStatus.WITHDRAWN,
    }
    assert available_assignment_statuses(AssignmentStatus.DONE, order_status=OrderStatus.DONE) == {
        AssignmentStatus.APPROVED
    }
    assert available_assignment_statuses(AssignmentStatus.OFFERED, order_status=OrderStatus.CANCELLED) == set()


def test_the_apps_above_registered_their_checks():
    assert order_has_issued_invoice in hooks.invoice_covers_order
    assert commission_offer_blocker in hooks.offer_blockers
    assert commission_explanation_record in hooks.commission_explanation_recorders
