"""Every access-log row says in which role the person looked (LOG-1), refused looks above all: a
worker trying another worker's data, a client contact, a logged-in person with no role at all. The
coordinator's search page and CSV and the worker's own log page say the role in words."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.urls import reverse

from jobcenter.access_log import log_access
from tests.factories import ClientContactFactory, UnitStaffFactory, WorkerFactory
from tests.factories.accounts import UserFactory
from tests.factories.auth import login_staff
from workers.models import AccessLogEntry

pytestmark = pytest.mark.django_db


def visible_text(response) -> str:
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)).strip()


def _try_benefits_page(client, user, worker):
    """A refused look: the benefits page of a worker the user may not see (404, logged as denied)."""
    client.force_login(user)
    response = client.get(reverse("benefits:worker", args=[worker.pk]))
    client.logout()
    return response


OUTSIDERS = {
    "another_worker": (lambda: WorkerFactory(user__first_name="Eero", user__last_name="Toinen").user, "worker"),
    "client_contact": (
        lambda: ClientContactFactory(with_user=True, user__first_name="Outi", user__last_name="Ostaja").user,
        "client_contact",
    ),
    "no_role": (lambda: UserFactory(first_name="Ville", last_name="Vailla"), "none"),
    "other_unit_staff": (lambda: UnitStaffFactory(first_name="Olli", last_name="Muualta"), "unit_staff"),
}
SHOWN = {
    "another_worker": "Toinen työntekijä",
    "client_contact": "Asiakas",
    "no_role": "Ei roolia",
    "other_unit_staff": "Ohjaaja",
}


@pytest.mark.parametrize("who", sorted(OUTSIDERS))
def test_a_refused_look_is_logged_with_the_viewers_role(client, worker, coordinator, who):
    make_user, role = OUTSIDERS[who]
    user = make_user()

    assert _try_benefits_page(client, user, worker).status_code == 404

    [entry] = AccessLogEntry.objects.filter(worker=worker)
    assert (entry.user, entry.outcome, entry.actor_role) == (user, "denied", role)
    # The coordinator's search shows the row with the role in words.
    login_staff(client, coordinator)
    text = visible_text(client.get(reverse("coordinator:access-log"), {"worker": worker.pk, "outcome": "denied"}))
    assert f"{user.get_full_name()} {SHOWN[who]}" in text
    # ... and so does the CSV.
    response = client.get(reverse("coordinator:access-log-csv"), {"worker": worker.pk, "outcome": "denied"})
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert [row[2] for row in rows[1:]] == [SHOWN[who]]


def test_the_worker_sees_who_tried_in_which_role_and_no_purpose_for_a_refused_look(client, worker):
    intruder = WorkerFactory(user__first_name="Eero", user__last_name="Toinen").user
    _try_benefits_page(client, intruder, worker)
    _try_benefits_page(client, UnitStaffFactory(first_name="Olli", last_name="Muualta"), worker)

    client.force_login(worker.user)
    text = visible_text(client.get(reverse("workers:access-log")))

    assert "Eero Toinen, toinen työntekijä" in text
    assert "Olli Muualta, ohjaaja" in text
    assert text.count("Yritti katsoa, mutta ei saanut lupaa.") == 2
    # A refused look had no right behind it: no "you are a client of this unit" or "your own data".
    assert "Olet tämän yksikön asiakas" not in text and "Omat tietosi" not in text


def test_the_worker_themself_and_a_row_without_any_user_keep_a_role(worker):
    [own] = log_access(worker.user, worker, "certificate")
    [system] = log_access(None, worker, "certificate", path="")

    assert own.actor_role == "worker"
    assert system.actor_role == "none"
    assert not AccessLogEntry.objects.filter(actor_role="").exists()


def test_the_coordinators_page_tells_the_worker_themself_from_another_worker(client, worker, coordinator):
    log_access(worker.user, worker, "certificate")
    intruder = WorkerFactory(user__first_name="Eero", user__last_name="Toinen").user
    _try_benefits_page(client, intruder, worker)

    login_staff(client, coordinator)
    text = visible_text(client.get(reverse("coordinator:access-log"), {"worker": worker.pk}))

    assert "Aino Laine Työntekijä itse" in text
    assert "Eero Toinen Toinen työntekijä" in text
