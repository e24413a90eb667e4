"""The unit's week page and the day sheet (PDF) make the same number of queries for one gig as for
many workers on many gigs, each with a staff member along and the client's contact."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from orders.models import AssignmentStatus
from tests.factories import AssignmentFactory, GigFactory, OrderFactory, UnitFactory, UnitStaffFactory
from tests.support.queries import assert_constant
from tests.support.unit_pages import worker_in

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 12, 10)


def _gigs(unit, staff, count: int, *, offset: int = 0) -> None:
    for i in range(offset, offset + count):
        gig = GigFactory(order=OrderFactory(staffing=True), date=DAY + dt.timedelta(days=i % 3))
        for j in range(2):
            worker = worker_in(unit, f"Etu{i}x{j}", f"Suku{i}", user__phone=f"040 {i:03d} {j:04d}")
            status = AssignmentStatus.CANT_COME if j else AssignmentStatus.ACCEPTED
            AssignmentFactory(gig=gig, worker=worker, status=status, support_person=staff)


@pytest.fixture
def unit_staff():
    unit = UnitFactory(name="Vallila")
    staff = UnitStaffFactory(unit=unit)
    _gigs(unit, staff, 1)
    return unit, staff


def test_week_page_queries_do_not_grow(client, unit_staff, django_assert_max_num_queries):
    unit, staff = unit_staff
    client.force_login(staff)
    url = f"{reverse('units:week')}?week=2026-W50"
    assert_constant(
        client,
        url,
        lambda: _gigs(unit, staff, 12, offset=10),
        ceiling=15,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )


def test_day_sheet_pdf_queries_do_not_grow(client, unit_staff, django_assert_max_num_queries):
    unit, staff = unit_staff
    client.force_login(staff)
    url = reverse("units:day-sheet-pdf", args=[DAY.isoformat()])
    assert_constant(
        client,
        url,
        lambda: _gigs(unit, staff, 9, offset=9),  # offset 9: every third of them on DAY
        ceiling=15,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )
