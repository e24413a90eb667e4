"""The production order lists (the coordinator's, with and without filters, and the unit's) make the
same number of queries with two orders as with twenty: the client, unit and items are joined or
prefetched, never read per row."""

from __future__ import annotations

import pytest

from orders.models import ProductionStepKind
from tests.factories import ClientContactFactory, UnitFactory, UnitStaffFactory
from tests.support.production import production_order
from tests.support.queries import assert_constant, text

pytestmark = pytest.mark.django_db


def _orders(n: int, *, by, unit=None) -> None:
    for _ in range(n):
        production_order(by=by, unit=unit or UnitFactory(), contact=ClientContactFactory())


@pytest.mark.parametrize("query", ["", f"?step={ProductionStepKind.DEFINED}&stopped=no"])
def test_coordinator_list_does_not_grow_with_orders(
    coordinator_client, coordinator, django_assert_max_num_queries, query
):
    _orders(2, by=coordinator)
    url = f"/coordinator/production/{query}"
    assert_constant(
        coordinator_client,
        url,
        lambda: _orders(20, by=coordinator),
        ceiling=14,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )
    assert "puku 30 kpl" in text(coordinator_client.get(url))


def test_unit_list_does_not_grow_with_orders(client, coordinator, django_assert_max_num_queries):
    unit = UnitFactory()
    staff = UnitStaffFactory(unit=unit)
    client.force_login(staff)
    _orders(2, by=coordinator, unit=unit)
    assert_constant(
        client,
        "/unit/production/",
        lambda: _orders(20, by=coordinator, unit=unit),
        ceiling=14,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )
