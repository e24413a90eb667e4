"""Fixtures of the access-log tests (test_access_log.py, test_access_log_reports.py): a worker of the
Työpaja Kallio unit, a staff member of that unit and a coordinator, with the names the pages show.
Modules of this directory that define fixtures of the same names keep their own."""

import pytest

from tests.factories import CoordinatorFactory, UnitFactory, UnitStaffFactory, WorkerFactory


@pytest.fixture
def unit():
    return UnitFactory(name="Työpaja Kallio")


@pytest.fixture
def worker(unit):
    return WorkerFactory(home_unit=unit, user__first_name="Aino", user__last_name="Laine")


@pytest.fixture
def staff(unit):
    return UnitStaffFactory(unit=unit, first_name="Maija", last_name="Ohjaaja")


@pytest.fixture
def coordinator():
    return CoordinatorFactory(first_name="Kaisa", last_name="Koordinaattori")
