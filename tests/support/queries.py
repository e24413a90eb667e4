"""Counting the queries of a page, for the tests that require a page's count to stay the same as its
data grows (tests/performance/test_query_counts*.py)."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from orders.models import AssignmentStatus, OrderStatus
from tests.factories import GigFactory
from tests.factories.states import assignment_in, order_in


def queries_of(client, url: str, *, method: str = "get", data=None, status: int = 200) -> int:
    """The number of queries one request makes (the response must have `status`)."""
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(url, data or {})
    assert response.status_code == status, (url, response.status_code)
    return len(captured)


def assert_constant(client, url: str, grow, *, ceiling: int, django_assert_max_num_queries, **request) -> int:
    """Count the page's queries, `grow()` the data, and require the same count under the ceiling."""
    queries_of(client, url, **request)  # warm up: content types, session, translations
    small = queries_of(client, url, **request)
    grow()
    with django_assert_max_num_queries(ceiling):
        large = queries_of(client, url, **request)
    assert large == small, f"{url}: {small} queries with few rows, {large} with many (an N+1)"
    return small


def text(response) -> str:
    return response.content.decode()


def approved_gigs(worker, n: int) -> None:
    """`n` approved gigs of the worker on closed orders in the past: what a worker's pages grow with."""
    for i in range(n):
        gig = GigFactory(order=order_in(OrderStatus.CLOSED), date=timezone.localdate() - dt.timedelta(days=10 + i))
        assignment_in(AssignmentStatus.APPROVED, gig=gig, worker=worker)
