"""Fixtures of the unit staff pages' tests (test_unit_pages.py, test_unit_propose.py,
test_unit_workers.py): the Vallila unit with a logged-in staff member, another unit, and a need (an
order announced to Vallila with one coming gig)."""

import pytest

from tests.factories import TaskTypeFactory, UnitFactory, UnitStaffFactory
from tests.support.unit_pages import coming_gig, informed_order


@pytest.fixture
def unit():
    return UnitFactory(name="Vallila")


@pytest.fixture
def other_unit():
    return UnitFactory(name="Töölö")


@pytest.fixture
def staff(unit):
    return UnitStaffFactory(unit=unit, first_name="Maija", last_name="Ohjaaja")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def need(unit):
    order = informed_order(unit, task_type=TaskTypeFactory(code="cleaning"))
    return order, coming_gig(order)
