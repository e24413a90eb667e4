"""Builders of the worker-side tests: orders, gigs and assignments in a given state, and the page text."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
from decimal import Decimal

from django.utils import timezone

from orders.models import Assignment, AssignmentStatus, OrderStatus
from tests.factories import AssignmentFactory, GigFactory, OrderFactory

TUESDAY = dt.date(2026, 3, 3)


def order_in(status: str = OrderStatus.STAFFING, **kwargs):
    """An order in `status` with the fields that state requires (as tests/orders/test_services.py)."""
    if status in {OrderStatus.SUBMITTED, OrderStatus.TERMS_SENT, OrderStatus.REJECTED}:
        return OrderFactory(status=status, **kwargs)
    return OrderFactory(terms_accepted=True, status=status, **kwargs)


def gig_on(day: dt.date | None = None, *, order_status: str = OrderStatus.STAFFING, order=None, **kwargs):
    """A gig on `day` (a week ahead by default) of an order being staffed."""
    order = order or order_in(order_status, **{k[7:]: v for k, v in kwargs.items() if k.startswith("order__")})
    fields = {k: v for k, v in kwargs.items() if not k.startswith("order__")}
    return GigFactory(order=order, date=day or timezone.localdate() + dt.timedelta(days=7), **fields)


def assignment_in(status: str, *, worker, gig=None, hours: str = "3", **kwargs) -> Assignment:
    """The worker's assignment in `status`, with the hours that state requires."""
    extra = {}
    if status in {AssignmentStatus.DONE, AssignmentStatus.APPROVED}:
        extra["reported_hours"] = Decimal(hours)
        extra["reported_at"] = timezone.now()
    if status == AssignmentStatus.APPROVED:
        extra["approved_hours"] = Decimal(hours)
    if gig is None:
        past = status in {AssignmentStatus.DONE, AssignmentStatus.APPROVED}
        gig = gig_on(timezone.localdate() - dt.timedelta(days=1) if past else None)
    return AssignmentFactory(gig=gig, worker=worker, status=status, **extra, **kwargs)


def main_text(response) -> str:
    """The visible words of the page's <main>, tags removed and white space collapsed."""
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", main))).strip()
