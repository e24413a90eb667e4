"""The unit's client counts page (`/unit/client-counts/`): staff see, add, correct and remove their own
unit's counts, the form refuses a period that ends before it starts or overlaps another, and
another unit's counts stay out of sight."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from jobcenter.errors import ActionNotPermitted, DomainError
from tests.factories import CoordinatorFactory, UnitStaffFactory
from units.models import StaffRole, UnitClientCount
from units.services import (
    unit_client_count_create,
    unit_client_count_delete,
    unit_client_count_update,
    unit_membership_add,
)

pytestmark = [pytest.mark.django_db]

JAN, FEB, MAR = (dt.date(2026, m, 1) for m in (1, 2, 3))


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _url(name="units:client-counts", *args):
    return reverse(name, args=args)


def _count(unit, by, start, end, clients):
    return unit_client_count_create(unit=unit, by=by, period_start=start, period_end=end, clients=clients)


def _get(client, url, **params):
    return client.get(url, params, HTTP_ACCEPT_LANGUAGE="en")


def _post(client, url, **data):
    return client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")


def _text(response) -> str:
    return response.content.decode()


# --- The list --------------------------------------------------------------------------------------
def test_lists_the_units_own_counts_newest_first(staff_client, staff, unit, other_unit):
    _count(unit, staff, JAN, dt.date(2026, 1, 31), 41)
    _count(unit, staff, FEB, dt.date(2026, 2, 28), 43)
    _count(other_unit, CoordinatorFactory(), JAN, dt.date(2026, 1, 31), 977)

    response = _get(staff_client, _url())

    page = _text(response)
    assert response.status_code == 200
    assert "Client counts of Vallila" in page
    table = page[page.index("<table") :]
    assert "<caption" in table
    assert table.index("1.2.2026–28.2.2026") < table.index("1.1.2026–31.1.2026")
    assert ">43<" in table and ">41<" in table
    assert "977" not in page
    assert 'aria-current="page">Client counts<' in page


def test_the_list_is_paged(staff_client, staff, unit):
    for i in range(25):
        day = dt.date(2020, 1, 1) + dt.timedelta(days=i)
        _count(unit, staff, day, day, i)

    first = _text(_get(staff_client, _url()))
    second = _text(_get(staff_client, _url(), page=2))

    assert "Page 1 of 2" in first and "Next page" in first
    assert "25.1.2020–25.1.2020" in first and "1.1.2020–1.1.2020" not in first
    assert "1.1.2020–1.1.2020" in second


def test_empty_list_says_so(staff_client):
    assert "No client counts recorded yet." in _text(_get(staff_client, _url()))


def test_staff_of_two_units_choose_the_unit(client, unit, other_unit):
    both = UnitStaffFactory(unit=unit)
    unit_membership_add(user=both, unit=other_unit, role=StaffRole.INSTRUCTOR)
    _count(other_unit, both, JAN, JAN, 12)
    client.force_login(both)

    first = _text(_get(client, _url()))
    chosen = _text(_get(client, _url(), unit=other_unit.pk))

    assert 'name="unit"' in first
    assert "Client counts of Töölö" in first  # the first unit by name
    assert "Client counts of Töölö" in chosen and ">12<" in chosen


def test_another_units_id_in_the_address_is_404(staff_client, other_unit):
    assert _get(staff_client, _url(), unit=other_unit.pk).status_code == 404


# --- Adding ---------------------------------------------------------------------------------------
def test_add_a_count(staff_client, staff, unit):
    response = _post(staff_client, _url(), period_start="2026-01-01", period_end="2026-03-31", clients="57")

    assert response.status_code == 302
    page = _text(staff_client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en"))
    assert "The client count was saved." in page
    count = UnitClientCount.objects.get(unit=unit)
    assert (count.period_start, count.period_end, count.clients, count.recorded_by) == (
        JAN,
        dt.date(2026, 3, 31),
        57,
        staff,
    )


def test_end_before_start_is_a_form_error(staff_client):
    response = _post(staff_client, _url(), period_start="2026-03-01", period_end="2026-02-01", clients="5")

    assert response.status_code == 400
    assert "The period ends before it starts." in _text(response)
    assert not UnitClientCount.objects.exists()


def test_negative_count_is_a_form_error(staff_client):
    response = _post(staff_client, _url(), period_start="2026-01-01", period_end="2026-01-31", clients="-1")

    assert response.status_code == 400
    assert "greater than or equal to 0" in _text(response)
    assert not UnitClientCount.objects.exists()


@pytest.mark.parametrize(
    ("start", "end"),
    [("2026-01-01", "2026-01-31"), ("2026-01-15", "2026-02-15"), ("2025-12-01", "2026-03-01")],
    ids=["the same period", "overlapping", "around it"],
)
def test_a_duplicate_or_overlapping_period_is_a_form_error(staff_client, staff, unit, start, end):
    _count(unit, staff, JAN, dt.date(2026, 1, 31), 40)

    response = _post(staff_client, _url(), period_start=start, period_end=end, clients="41")

    assert response.status_code == 400
    assert "The unit already has a count for 01.01.2026–31.01.2026" in _text(response)
    assert UnitClientCount.objects.count() == 1


def test_another_units_count_does_not_block_the_period(staff_client, unit, other_unit):
    _count(other_unit, CoordinatorFactory(), JAN, dt.date(2026, 1, 31), 40)

    response = _post(staff_client, _url(), period_start="2026-01-01", period_end="2026-01-31", clients="41")

    assert response.status_code == 302
    assert UnitClientCount.objects.filter(unit=unit).count() == 1


# --- Editing and removing -------------------------------------------------------------------------
def test_edit_a_count(staff_client, staff, unit):
    count = _count(unit, staff, JAN, dt.date(2026, 1, 31), 40)

    form = _text(_get(staff_client, _url("units:client-count-edit", count.pk)))
    response = _post(
        staff_client,
        _url("units:client-count-edit", count.pk),
        period_start="2026-01-01",
        period_end="2026-01-31",
        clients="44",
        source="Asiakasrekisteri",
    )

    assert 'value="40"' in form and "Edit the client count" in form
    assert response.status_code == 302
    count.refresh_from_db()
    assert (count.clients, count.source) == (44, "Asiakasrekisteri")


def test_edit_cannot_overlap_another_count(staff_client, staff, unit):
    _count(unit, staff, JAN, dt.date(2026, 1, 31), 40)
    february = _count(unit, staff, FEB, dt.date(2026, 2, 28), 42)

    response = _post(
        staff_client,
        _url("units:client-count-edit", february.pk),
        period_start="2026-01-20",
        period_end="2026-02-28",
        clients="42",
    )

    assert response.status_code == 400
    assert "overlaps this period" in _text(response)
    february.refresh_from_db()
    assert february.period_start == FEB


def test_remove_asks_first_then_removes(staff_client, staff, unit):
    count = _count(unit, staff, JAN, dt.date(2026, 1, 31), 40)
    url = _url("units:client-count-delete", count.pk)

    confirm = _get(staff_client, url)
    assert confirm.status_code == 200
    assert "Remove the client count?" in _text(confirm) and "Yes, remove the count" in _text(confirm)
    assert UnitClientCount.objects.filter(pk=count.pk).exists()

    response = _post(staff_client, url)

    assert response.status_code == 302
    assert not UnitClientCount.objects.filter(pk=count.pk).exists()
    assert "The client count was removed." in _text(staff_client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en"))


@pytest.mark.parametrize("name", ["units:client-count-edit", "units:client-count-delete"])
def test_another_units_count_is_404(staff_client, other_unit, name):
    count = _count(other_unit, CoordinatorFactory(), JAN, JAN, 40)

    assert _get(staff_client, _url(name, count.pk)).status_code == 404
    assert _post(staff_client, _url(name, count.pk), clients="1").status_code == 404
    assert UnitClientCount.objects.get(pk=count.pk).clients == 40


# --- The services' guard --------------------------------------------------------------------------
def test_services_refuse_staff_of_another_unit(unit, other_unit):
    outsider = UnitStaffFactory(unit=other_unit)
    with pytest.raises(ActionNotPermitted):
        _count(unit, outsider, JAN, JAN, 3)
    count = _count(unit, CoordinatorFactory(), JAN, JAN, 3)  # the coordinator may
    with pytest.raises(ActionNotPermitted):
        unit_client_count_update(count_id=count.pk, by=outsider, period_start=JAN, period_end=JAN, clients=4)
    with pytest.raises(ActionNotPermitted):
        unit_client_count_delete(count_id=count.pk, by=outsider)
    assert UnitClientCount.objects.get(pk=count.pk).clients == 3


def test_service_refuses_a_reversed_period_and_a_negative_count(staff, unit):
    with pytest.raises(DomainError):
        _count(unit, staff, MAR, FEB, 3)
    with pytest.raises(DomainError):
        _count(unit, staff, FEB, MAR, -1)
    assert not UnitClientCount.objects.exists()
