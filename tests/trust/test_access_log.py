"""The access log (LOG-1, LOG-3): the helper and the rows it writes, rows that cannot be changed or
deleted (insert-only on PostgreSQL too), how the kernel gets the model and the role facts from the
apps that own them, the request id on the rows, and the rows the pages write.

The worker's own log page and the coordinator's search and CSV export (LOG-2) are in
test_access_log_reports.py; the fixtures both use are in this directory's conftest.py."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory
from django.urls import reverse

from billing.models import Payout
from jobcenter.access_log import access_log_model, log_access
from jobcenter.roles import client_organisation_ids, roles_of, staff_unit_ids, worker_profile
from jobcenter.services import coordinators_group_ensure
from tests.factories import (
    AdministratorFactory,
    ClientContactFactory,
    CoordinatorFactory,
    UnitFactory,
    UnitStaffFactory,
    WorkerFactory,
)
from tests.factories.auth import login_staff
from workers.models import AccessLogEntry

pytestmark = pytest.mark.django_db


# --- The helper -----------------------------------------------------------------------------------
def test_log_access__one_row_with_actor_role_unit_path_and_request_id(worker, staff, unit):
    request = RequestFactory().get("/unit/workers/1/")
    request.user = staff
    request.request_id = "abc123"

    [entry] = log_access(request, worker, "worker_profile", reason="Keikan valmistelu")

    entry = AccessLogEntry.objects.get(pk=entry.pk)
    assert (entry.user, entry.worker, entry.data, entry.action, entry.outcome) == (
        staff,
        worker,
        "worker_profile",
        "view",
        "allowed",
    )
    assert (entry.actor_role, entry.actor_unit, entry.path, entry.request_id, entry.reason) == (
        "unit_staff",
        unit,
        "/unit/workers/1/",
        "abc123",
        "Keikan valmistelu",
    )


@pytest.mark.parametrize(
    ("who", "role", "with_unit"),
    [
        ("self", "worker", False),
        ("home_staff", "unit_staff", True),
        ("coordinator", "coordinator", False),
        ("administrator", "administrator", False),
        ("client", "client_contact", False),
    ],
)
def test_log_access__role_is_worked_out_from_the_user_and_the_worker(worker, who, role, with_unit):
    user = {
        "self": lambda: worker.user,
        "home_staff": lambda: UnitStaffFactory(unit=worker.home_unit),
        "coordinator": CoordinatorFactory,
        "administrator": AdministratorFactory,
        "client": lambda: ClientContactFactory(with_user=True).user,
    }[who]()

    [entry] = log_access(user, worker.pk, "certificate", action="download")

    assert entry.actor_role == role
    assert entry.actor_unit_id == (worker.home_unit_id if with_unit else None)
    assert entry.request_id == ""


def test_log_access__a_list_is_one_bulk_insert(coordinator, django_assert_max_num_queries):
    workers = WorkerFactory.create_batch(30)
    coordinator = type(coordinator).objects.get(pk=coordinator.pk)

    with django_assert_max_num_queries(4):  # the roles (3 lookups, once) and one INSERT
        entries = log_access(coordinator, workers, "payout", action="export")

    assert len(entries) == 30
    assert AccessLogEntry.objects.filter(data="payout", action="export", user=coordinator).count() == 30


def test_log_access__ids_and_duplicates(coordinator):
    first, second = WorkerFactory.create_batch(2)

    log_access(coordinator, [first.pk, second.pk, first.pk], "payout")

    assert sorted(AccessLogEntry.objects.values_list("worker_id", flat=True)) == sorted([first.pk, second.pk])


def test_access_log_rows__cannot_be_changed_or_deleted_through_the_model(worker, coordinator):
    [entry] = log_access(coordinator, worker, "certificate")

    entry.reason = "muutettu"
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()


@pytest.mark.postgres
def test_access_log_table__update_and_delete_raise_in_the_database(worker, coordinator):
    """LOG-3: even an ORM update()/delete() that skips the model's save() and delete() fails."""
    [entry] = log_access(coordinator, worker, "certificate")
    rows = AccessLogEntry.objects.filter(pk=entry.pk)

    with pytest.raises(DatabaseError, match="cannot be changed or deleted"), transaction.atomic():
        rows.update(reason="muutettu")
    with pytest.raises(DatabaseError, match="cannot be changed or deleted"), transaction.atomic():
        rows._raw_delete(rows.db)
    with pytest.raises(DatabaseError, match="cannot be changed or deleted"), transaction.atomic():
        AccessLogEntry.objects.all().delete()

    assert AccessLogEntry.objects.get(pk=entry.pk).reason == ""


# --- The model and the role facts come from the apps ----------------------------------------------
def test_access_log_model__belongs_to_workers_and_keeps_the_table_the_trigger_is_on(worker, coordinator):
    [entry] = log_access(coordinator, worker, "certificate")

    assert access_log_model() is AccessLogEntry
    assert AccessLogEntry._meta.label == "workers.AccessLogEntry"
    with connection.cursor() as cursor:
        cursor.execute("SELECT worker_id, data FROM jobcenter_accesslogentry WHERE id = %s", [entry.pk])
        assert cursor.fetchall() == [(worker.pk, "certificate")]


def test_coordinators_group__may_still_view_the_access_log_in_the_admin():
    group = coordinators_group_ensure()

    assert group.permissions.filter(content_type__app_label="workers", codename="view_accesslogentry").exists()


def test_role_facts__each_app_answers_once_per_user_and_support_needs_stay_unread(
    worker, staff, unit, django_assert_num_queries
):
    contact = ClientContactFactory(with_user=True)
    worker_user = type(worker.user).objects.get(pk=worker.user_id)

    assert staff_unit_ids(staff) == {unit.pk}
    assert client_organisation_ids(contact.user) == {contact.organisation_id}
    profile = worker_profile(worker_user)
    assert profile == worker
    assert "support_needs" in profile.get_deferred_fields()
    with django_assert_num_queries(0):  # cached on the user object for the rest of the request
        assert worker_profile(worker_user) is profile
        assert staff_unit_ids(staff) == {unit.pk}
    assert "worker" in roles_of(worker_user) and "unit_staff" in roles_of(staff)


def test_request_id__middleware_stamps_the_response_and_the_rows(client, worker, staff):
    login_staff(client, staff)

    response = client.get(reverse("units:worker", args=[worker.pk]))

    assert response.status_code == 200
    entry = AccessLogEntry.objects.get(worker=worker)
    assert len(response["X-Request-ID"]) == 32
    assert entry.request_id == response["X-Request-ID"]
    assert (entry.data, entry.actor_role, entry.actor_unit_id) == ("worker_profile", "unit_staff", worker.home_unit_id)


# --- The pages write rows -------------------------------------------------------------------------
def test_unit_worker_page__writes_one_profile_row_per_look(client, worker, staff):
    login_staff(client, staff)
    url = reverse("units:worker", args=[worker.pk])

    client.get(url)
    client.get(url)

    assert (
        list(AccessLogEntry.objects.values_list("user_id", "data", "path")) == [(staff.pk, "worker_profile", url)] * 2
    )


def test_unit_worker_page__other_units_staff_gets_404_and_nothing_is_logged(client, worker):
    other = UnitStaffFactory(unit=UnitFactory())
    login_staff(client, other)

    assert client.get(reverse("units:worker", args=[worker.pk])).status_code == 404
    assert not AccessLogEntry.objects.exists()


def test_support_needs__a_refused_read_writes_a_denied_row(worker):
    from jobcenter.errors import ActionNotPermitted
    from workers.selectors import worker_support_needs_for

    outsider = UnitStaffFactory(unit=UnitFactory())
    with pytest.raises(ActionNotPermitted):
        worker_support_needs_for(user=outsider, worker=worker, path="/x/")

    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.outcome, entry.data, entry.path) == (outsider, "denied", "support_needs", "/x/")


def _payout(worker, coordinator) -> Payout:
    return Payout.objects.create(
        worker=worker,
        worker_name=worker.display_name,
        worker_email=worker.user.email,
        period_start=dt.date(2026, 2, 1),
        period_end=dt.date(2026, 2, 28),
        hours=Decimal("3.00"),
        gross=Decimal("30.00"),
        withholding_percent=Decimal("20.00"),
        tax_withheld=Decimal("6.00"),
        net=Decimal("24.00"),
        created_by=coordinator,
    )


def test_payouts__page_csv_and_tax_details_are_logged(client, worker, coordinator):
    other = WorkerFactory()
    _payout(worker, coordinator)
    _payout(other, coordinator)
    login_staff(client, coordinator)
    period = {"start": "2026-02-01", "end": "2026-02-28"}

    assert client.get(reverse("payouts:list"), period).status_code == 200
    assert client.get(reverse("payouts:csv"), period).status_code == 200
    assert client.get(reverse("payouts:tax-info", args=[worker.pk])).status_code == 200

    rows = set(AccessLogEntry.objects.values_list("worker_id", "data", "action"))
    assert rows == {
        (worker.pk, "payout", "view"),
        (other.pk, "payout", "view"),
        (worker.pk, "payout", "export"),
        (other.pk, "payout", "export"),
        (worker.pk, "tax_info", "view"),
    }
    assert set(AccessLogEntry.objects.values_list("actor_role", flat=True)) == {"coordinator"}
