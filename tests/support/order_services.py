"""Builders shared by the order services' tests (tests/orders/test_services*.py): an order request as
the public form sends it, the states a transition is not allowed from, and the orders and assignments
a test starts from."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from orders import services
from orders.models import AssignmentStatus, Order, OrderStatus
from tests.factories import GigFactory
from tests.factories.states import assignment_in, order_in


def states_without(allowed) -> list[str]:
    return [s for s in OrderStatus.values if s not in allowed]


def assignment_states_without(allowed) -> list[str]:
    return [s for s in AssignmentStatus.values if s not in allowed]


def last_history(order: Order):
    return order.status_changes.order_by("-pk").first()


def make_request(**overrides) -> services.OrderRequest:
    data = dict(
        organisation_name="Kahvila Kulma Oy",
        business_id="1572860-0",
        client_type="company",
        contact_name="Liisa Laine",
        contact_email="Liisa.Laine@example.org",
        contact_phone="040 111 2222",
        title="Ikkunanpesu",
        description="Kahvilan ikkunat sisältä ja ulkoa.",
        street_address="Hämeentie 10",
        estimated_hours=Decimal("4"),
        contract_type="commission",
        workers_needed=2,
    )
    data.update(overrides)
    return services.OrderRequest(**data)


def started_gig_assignment(status=AssignmentStatus.ACCEPTED, *, order_status=OrderStatus.SCHEDULED, workers_needed=1):
    """An assignment on a gig dated today, so hours may be reported for it."""
    gig = GigFactory(order=order_in(order_status), date=timezone.localdate(), workers_needed=workers_needed)
    return assignment_in(status, gig=gig)


def approved_order_with_workers(count=2):
    """An approved order with one gig today and `count` approved assignments on it: ready for feedback."""
    order = order_in(OrderStatus.APPROVED)
    gig = GigFactory(order=order, date=timezone.localdate(), workers_needed=count)
    assignments = [assignment_in(AssignmentStatus.APPROVED, gig=gig) for _ in range(count)]
    return order, assignments
