"""The unit's client counts page makes the same number of queries for a few counts as for many."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import UnitFactory, UnitStaffFactory
from tests.support.queries import assert_constant
from units.services import unit_client_count_create

pytestmark = pytest.mark.django_db


def _counts(unit, by, first: dt.date, n: int) -> None:
    """`n` one-day counts from `first` on, each recorded by another staff member."""
    for i in range(n):
        day = first + dt.timedelta(days=i)
        unit_client_count_create(
            unit=unit, by=UnitStaffFactory(unit=unit) if by is None else by, period_start=day, period_end=day, clients=i
        )


def test_client_counts_page(client, django_assert_max_num_queries):
    unit = UnitFactory(name="Vallila")
    staff = UnitStaffFactory(unit=unit)
    _counts(unit, staff, dt.date(2026, 1, 1), 2)
    client.force_login(staff)
    assert_constant(
        client,
        reverse("units:client-counts"),
        lambda: _counts(unit, None, dt.date(2025, 1, 1), 15),
        ceiling=25,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )
