"""Objects sitting in a given state, with the fields that state requires (for state-machine tests)."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from billing.services import invoice_issue_for_order
from orders.models import Assignment, AssignmentStatus, Order, OrderStatus
from tests.factories.orders import AssignmentFactory, GigFactory, OrderFactory


def order_in(status: str, **kwargs) -> Order:
    """An order sitting in `status`, with the fields that state requires.

    For `invoiced` and `closed` the state is set directly and no invoice exists: enough for tests of
    the state machine's guards. A test that needs the invoice the state stands for uses
    `invoiced_order`."""
    if status in OrderStatus.accepted_states:
        return OrderFactory(terms_accepted=True, status=status, **kwargs)
    if status == OrderStatus.TERMS_SENT:
        return OrderFactory(terms_sent=True, **kwargs)
    return OrderFactory(status=status, **kwargs)


def assignment_in(status: str, *, order_status: str = OrderStatus.STAFFING, **kwargs) -> Assignment:
    """An assignment in `status` (with reported/approved hours where needed) on a gig of an order."""
    extra = {}
    if status in AssignmentStatus.work_done_states:
        extra["reported_hours"] = Decimal("3.00")
    if status in AssignmentStatus.billable_states:
        extra["approved_hours"] = Decimal("3.00")
    gig = kwargs.pop("gig", None) or GigFactory(order=order_in(order_status))
    return AssignmentFactory(gig=gig, status=status, **extra, **kwargs)


def approved_order_with_work(*, hours: str = "3.00", **kwargs) -> Order:
    """An approved order with one past gig and one worker's approved hours on it: billable."""
    order = order_in(OrderStatus.APPROVED, **kwargs)
    gig = GigFactory(order=order, date=timezone.localdate() - dt.timedelta(days=3), workers_needed=1)
    AssignmentFactory(
        gig=gig, status=AssignmentStatus.APPROVED, reported_hours=Decimal(hours), approved_hours=Decimal(hours)
    )
    return order


def invoiced_order(*, by, **kwargs) -> Order:
    """An order made invoiced the only way there is: billing issues its invoice (`by` a coordinator)."""
    order = approved_order_with_work(**kwargs)
    invoice_issue_for_order(order_id=order.pk, by=by)
    order.refresh_from_db()
    return order
