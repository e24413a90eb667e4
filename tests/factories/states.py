"""Objects sitting in a given state, with the fields that state requires (for state-machine tests)."""

from decimal import Decimal

from orders.models import Assignment, AssignmentStatus, Order, OrderStatus
from tests.factories.orders import AssignmentFactory, GigFactory, OrderFactory

ACCEPTED_LIKE = frozenset(
    {
        OrderStatus.TERMS_ACCEPTED,
        OrderStatus.STAFFING,
        OrderStatus.SCHEDULED,
        OrderStatus.DONE,
        OrderStatus.APPROVED,
        OrderStatus.INVOICED,
        OrderStatus.CLOSED,
    }
)


def order_in(status: str, **kwargs) -> Order:
    """An order sitting in `status`, with the fields that state requires."""
    if status in ACCEPTED_LIKE:
        return OrderFactory(terms_accepted=True, status=status, **kwargs)
    if status == OrderStatus.TERMS_SENT:
        return OrderFactory(terms_sent=True, **kwargs)
    return OrderFactory(status=status, **kwargs)


def assignment_in(status: str, *, order_status: str = OrderStatus.STAFFING, **kwargs) -> Assignment:
    """An assignment in `status` (with reported/approved hours where needed) on a gig of an order."""
    extra = {}
    if status in {AssignmentStatus.DONE, AssignmentStatus.APPROVED}:
        extra["reported_hours"] = Decimal("3.00")
    if status == AssignmentStatus.APPROVED:
        extra["approved_hours"] = Decimal("3.00")
    gig = kwargs.pop("gig", None) or GigFactory(order=order_in(order_status))
    return AssignmentFactory(gig=gig, status=status, **extra, **kwargs)
