"""The page behind the reminder's signed link ("Tulen" / "En pääse", no login) and "Tulen" on the
worker's own gig page: a valid link shows the gig and acts only on POST; a changed, expired, other
purpose's or wrong-state link gets a clear page and changes nothing, never a 500."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import signing
from django.urls import reverse
from freezegun import freeze_time

from orders.models import AssignmentEvent, AssignmentStatus, AssignmentStatusChange, OrderStatus
from orders.tokens import TERMS_SALT
from orders.tokens_answer import make_answer_token
from tests.factories import GigFactory, UserFactory, WorkerFactory
from tests.factories.states import assignment_in, order_in
from tests.support.workers import main_text

pytestmark = pytest.mark.django_db

HEL = ZoneInfo("Europe/Helsinki")
GIG_DAY = dt.date(2031, 3, 4)
EVENING_BEFORE = dt.datetime(2031, 3, 3, 17, 0, tzinfo=HEL)


def _assignment(status=AssignmentStatus.ACCEPTED):
    gig = GigFactory(order=order_in(OrderStatus.STAFFING), date=GIG_DAY, start_time=dt.time(10), notes="Ota sakset.")
    worker = WorkerFactory(user=UserFactory(first_name="Aino"))
    return assignment_in(status, gig=gig, worker=worker, unit=worker.home_unit)


def _url(assignment) -> str:
    return reverse("workers:gig-answer", kwargs={"token": make_answer_token(assignment)})


def _confirmed(assignment) -> int:
    return AssignmentStatusChange.objects.filter(assignment=assignment, kind=AssignmentEvent.CONFIRMED_COMING).count()


@freeze_time(EVENING_BEFORE)
def test_gig_answer__shows_the_gig_and_both_buttons_and_a_get_changes_nothing(client):
    assignment = _assignment()

    response = client.get(_url(assignment))

    assert response.status_code == 200
    text = main_text(response)
    assert "Tuletko keikalle?" in text and "Toimiston siivous" in text and "Mannerheimintie 1" in text
    assert "Ota sakset." in text and "Tiistaina 4.3. klo 10–13" in text
    assert "Tulen" in text and "En pääse" in text
    assert 'name="viewport"' in response.content.decode()  # the phone layout of the worker's pages
    assert _confirmed(assignment) == 0


@freeze_time(EVENING_BEFORE)
def test_gig_answer__tulen_records_coming_once_and_the_page_thanks(client):
    assignment = _assignment()
    url = _url(assignment)

    response = client.post(url, {"answer": "coming"})
    assert response.status_code == 302
    client.post(url, {"answer": "coming"})

    assert _confirmed(assignment) == 1
    page = client.get(response["Location"])
    assert page.status_code == 200 and "Kiitos! Kerroit, että tulet." in main_text(page)
    assert 'value="coming"' not in page.content.decode()  # "Tulen" is not offered again


@freeze_time(EVENING_BEFORE)
def test_gig_answer__en_paase_asks_first_then_calls_the_absence_service(client):
    assignment = _assignment()
    url = _url(assignment)

    step = client.get(url, {"step": "cant"})
    assert step.status_code == 200 and "Miksi et voi tulla?" in main_text(step)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACCEPTED  # asking changes nothing

    response = client.post(url, {"answer": "cant", "reason": "transport"})

    assert response.status_code == 200 and "Kiitos, että kerroit." in main_text(response)
    assert "Kerroimme heille:" in main_text(response)  # who was told, as on her logged-in done page
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.CANT_COME
    again = client.get(url)
    assert again.status_code == 410 and "Ohjaajasi tietää sen." in main_text(again)


def test_gig_answer__a_changed_link_is_not_found(client):
    assignment = _assignment()
    with freeze_time(EVENING_BEFORE):
        token = make_answer_token(assignment)
        tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")

        response = client.post(reverse("workers:gig-answer", kwargs={"token": tampered}), {"answer": "coming"})

    assert response.status_code == 404 and "Linkki ei ole kokonainen" in main_text(response)
    assert _confirmed(assignment) == 0


def test_gig_answer__a_link_signed_for_another_purpose_is_not_found(client):
    assignment = _assignment()
    other = signing.dumps({"a": assignment.pk, "u": 2**40}, salt=TERMS_SALT, compress=True)

    response = client.get(reverse("workers:gig-answer", kwargs={"token": other}))

    assert response.status_code == 404


def test_gig_answer__after_the_gig_the_link_has_expired(client):
    assignment = _assignment()
    with freeze_time(EVENING_BEFORE):
        url = _url(assignment)

    with freeze_time(dt.datetime(2031, 3, 4, 13, 0, tzinfo=HEL)):  # the gig ended at 13
        response = client.post(url, {"answer": "coming"})

    assert response.status_code == 410
    text = main_text(response)
    assert "Linkki toimii vain siihen asti, kun keikka loppuu." in text and "Toimiston siivous" not in text
    assert _confirmed(assignment) == 0


def test_gig_answer__during_the_gig_tulen_is_no_longer_offered(client):
    assignment = _assignment()
    with freeze_time(EVENING_BEFORE):
        url = _url(assignment)

    with freeze_time(dt.datetime(2031, 3, 4, 11, 0, tzinfo=HEL)):
        page = client.get(url)
        refused = client.post(url, {"answer": "coming"})

    assert page.status_code == 200 and 'value="coming"' not in page.content.decode()
    assert refused.status_code == 200 and "Keikka on jo alkanut." in main_text(refused)
    assert _confirmed(assignment) == 0


@pytest.mark.parametrize("status", [AssignmentStatus.OFFERED, AssignmentStatus.WITHDRAWN])
@freeze_time(EVENING_BEFORE)
def test_gig_answer__a_gig_no_longer_hers_gets_a_clear_page(client, status):
    assignment = _assignment(status)

    response = client.post(_url(assignment), {"answer": "coming"})

    assert response.status_code == 410
    text = main_text(response)
    assert "Tätä linkkiä ei voi käyttää" in text and "Et ole enää tällä keikalla." in text
    assert _confirmed(assignment) == 0


# --- "Tulen" on the worker's own gig page ----------------------------------------------------------
@freeze_time(EVENING_BEFORE)
def test_gig_page__tulen_button_records_coming(client):
    assignment = _assignment()
    client.force_login(assignment.worker.user)
    gig_url = reverse("workers:gig", kwargs={"assignment_pk": assignment.pk})

    assert "Tulen" in main_text(client.get(gig_url))
    response = client.post(reverse("workers:gig-coming", kwargs={"assignment_pk": assignment.pk}))

    assert response.status_code == 302 and response["Location"].endswith(gig_url)
    assert _confirmed(assignment) == 1
    assert "Kiitos! Kerroit, että tulet." in main_text(client.get(gig_url))


@freeze_time(EVENING_BEFORE)
def test_gig_page__another_workers_tulen_is_not_found(client):
    assignment = _assignment()
    client.force_login(WorkerFactory().user)

    response = client.post(reverse("workers:gig-coming", kwargs={"assignment_pk": assignment.pk}))

    assert response.status_code == 404 and _confirmed(assignment) == 0
