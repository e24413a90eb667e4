"""The access log (LOG-1..3): the helper, the rows the pages write, the worker's own log page, the
coordinator's search and CSV export, the insert-only table on PostgreSQL, and how the kernel gets
the model and the role facts from the apps that own them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

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


def visible_text(response) -> str:
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)).strip()


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


# --- The worker's own log -------------------------------------------------------------------------
def test_worker_log_page__who_when_what_why_in_plain_finnish(client, worker, staff, coordinator):
    log_access(staff, worker, "support_needs", reason="Keikan valmistelu")
    log_access(coordinator, worker, "certificate", action="download")
    log_access(worker.user, worker, "certificate")  # the worker's own look: not listed
    log_access(coordinator, WorkerFactory(), "support_needs", reason="TOISEN TYÖNTEKIJÄN RIVI")
    client.force_login(worker.user)

    response = client.get(reverse("workers:access-log"))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    text = visible_text(response)
    assert "Kuka on katsonut tietojasi" in text
    assert "Maija Ohjaaja, ohjaaja" in text and "Työpaja Kallio" in text
    assert "Tuen tarpeet" in text and "Keikan valmistelu" in text
    assert "Kaisa Koordinaattori, koordinaattori" in text and "Latasi" in text
    today = timezone.localdate()
    assert f"{today.day}.{today.month}.{today.year} kello" in text
    assert "TOISEN TYÖNTEKIJÄN RIVI" not in text
    assert response.content.decode().count("<dt>Kuka</dt>") == 2  # the worker's own look is left out


def test_worker_log_page__opening_it_is_logged_and_pages_by_twenty(client, worker, coordinator):
    for _ in range(24):
        log_access(coordinator, worker, "certificate")
    client.force_login(worker.user)

    first = visible_text(client.get(reverse("workers:access-log")))
    second = visible_text(client.get(reverse("workers:access-log"), {"page": 2}))

    assert "Sivu 1 / 2" in first and "Sivu 2 / 2" in second
    assert AccessLogEntry.objects.filter(worker=worker, data="access_log", user=worker.user).count() == 2


def test_worker_log_page__empty_and_only_for_workers(client, worker, staff):
    assert client.get(reverse("workers:access-log")).status_code == 302
    client.force_login(worker.user)
    assert "Kukaan muu ei ole vielä katsonut tietojasi." in visible_text(client.get(reverse("workers:access-log")))
    client.force_login(ClientContactFactory(with_user=True).user)
    assert client.get(reverse("workers:access-log")).status_code == 403


# --- The coordinator's search ---------------------------------------------------------------------
@pytest.fixture
def seeded(worker, staff, coordinator):
    other = WorkerFactory(user__first_name="Eero", user__last_name="Toinen")
    log_access(staff, worker, "support_needs", reason="Keikan valmistelu")
    log_access(staff, worker, "worker_profile")
    log_access(coordinator, other, "certificate", action="download")
    return other


def test_coordinator_log__filters_by_worker_and_user_and_logs_the_look(client, coordinator, worker, staff, seeded):
    login_staff(client, coordinator)
    url = reverse("coordinator:access-log")

    by_worker = client.get(url, {"worker": worker.pk})
    looks = AccessLogEntry.objects.filter(data="access_log", user=coordinator)
    assert list(looks.values_list("worker_id", "action")) == [(worker.pk, "view")]  # the report is logged
    by_user = client.get(url, {"user": coordinator.pk})

    assert by_worker.status_code == 200
    assert [row["entry"].worker_id for row in by_worker.context["rows"]] == [worker.pk, worker.pk]
    assert {row["entry"].user_id for row in by_user.context["rows"]} == {coordinator.pk}
    table = by_worker.content.decode().split("<tbody", 1)[1]
    assert "Aino Laine" in table and "Eero Toinen" not in table
    # The coordinator's own rows: the certificate download and the look at Aino's log just now.
    assert {(row["entry"].worker_id, row["entry"].data) for row in by_user.context["rows"]} == {
        (seeded.pk, "certificate"),
        (worker.pk, "access_log"),
    }


def test_coordinator_log__time_range(client, coordinator, seeded):
    login_staff(client, coordinator)
    today = timezone.localdate()
    url = reverse("coordinator:access-log")

    in_range = client.get(url, {"start": today.isoformat(), "end": today.isoformat()})
    before = client.get(url, {"end": (today - dt.timedelta(days=1)).isoformat()})

    assert len(in_range.context["rows"]) == 3
    assert before.context["rows"] == []
    assert "Hakuasi vastaavia rivejä ei ole." in visible_text(before)


def test_coordinator_log__csv_export_has_the_filtered_rows_and_is_logged(client, coordinator, worker, seeded):
    login_staff(client, coordinator)

    response = client.get(reverse("coordinator:access-log-csv"), {"worker": worker.pk})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="access-log-')
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert rows[0][:5] == ["time", "user", "role", "unit", "worker"]
    assert len(rows) == 3 and {r[4] for r in rows[1:]} == {"Aino Laine"}
    export = AccessLogEntry.objects.get(data="access_log", action="export")
    assert (export.user, export.worker) == (coordinator, worker)


def test_coordinator_log__pages_by_fifty_with_constant_queries(
    client, coordinator, worker, django_assert_max_num_queries
):
    workers = WorkerFactory.create_batch(5)
    for _ in range(12):
        log_access(coordinator, workers, "payout")
    login_staff(client, coordinator)

    with django_assert_max_num_queries(20):
        response = client.get(reverse("coordinator:access-log"))

    assert len(response.context["rows"]) == 50
    assert "Sivu 1 / 2" in visible_text(response)


@pytest.mark.parametrize("who", ["anonymous", "worker", "staff", "client"])
def test_coordinator_log__only_for_coordinators(client, who, worker, staff):
    user = {
        "anonymous": None,
        "worker": worker.user,
        "staff": staff,
        "client": ClientContactFactory(with_user=True).user,
    }[who]
    if user is not None:
        login_staff(client, user)

    for name in ("coordinator:access-log", "coordinator:access-log-csv"):
        response = client.get(reverse(name))
        assert response.status_code == (302 if user is None else 403)
    assert not AccessLogEntry.objects.exists()


def test_coordinator_log__administrator_may_search(client):
    admin = AdministratorFactory()
    login_staff(client, admin)
    assert client.get(reverse("coordinator:access-log")).status_code == 200


def test_coordinator_log__scales_to_a_city_no_list_of_every_worker_and_the_rows_link_to_filters(
    client, coordinator, worker, staff, seeded
):
    login_staff(client, coordinator)
    url = reverse("coordinator:access-log")
    page = client.get(url).content.decode()
    worker_field = page.split('name="worker"')[1].split("</div>")[0]
    assert 'type="number" name="worker"' in page and "<option" not in worker_field
    assert f'href="?worker={worker.pk}"' in page and f'href="?user={staff.pk}"' in page
    chosen = client.get(url, {"worker": worker.pk}).content.decode()
    assert f"Kenen tiedot: {worker.display_name}." in chosen
    detail = client.get(reverse("worker_certificates:worker", args=[worker.pk])).content.decode()
    assert f"{url}?worker={worker.pk}" in detail
