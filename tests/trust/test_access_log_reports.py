"""Reading the access log (LOG-2): the worker's own page of who looked at their data (in plain
Finnish, paged, itself logged), and the coordinator's search by worker, user and time with its CSV
export (both logged), its pages of fifty with constant queries, and who may open it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from jobcenter.access_log import log_access
from tests.factories import AdministratorFactory, ClientContactFactory, WorkerFactory
from tests.factories.auth import login_staff
from workers.models import AccessLogEntry

pytestmark = pytest.mark.django_db


def visible_text(response) -> str:
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)).strip()


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
    assert f"{today.day}.{today.month}.{today.year} klo" in text
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
    # the layout's menu count and rules warnings are worked out once a minute, then cached:
    # warm them, so that the count is the log page's own
    client.get(reverse("coordinator:access-log"))

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
