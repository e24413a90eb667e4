"""The worker's actions on the mobile view (`/me/`), the order flow's steps 6–7 from the worker's
side: taking a gig, saying no, and telling that the work is done ("Tein työn")."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from orders.models import AssignmentStatus, OrderStatus
from tests.factories import (
    WorkerFactory,
)
from tests.support.workers import assignment_in, gig_on, main_text

pytestmark = pytest.mark.django_db

OFFERED, ACCEPTED, DONE, APPROVED = (
    AssignmentStatus.OFFERED,
    AssignmentStatus.ACCEPTED,
    AssignmentStatus.DONE,
    AssignmentStatus.APPROVED,
)


# --- Taking a gig ---------------------------------------------------------------------------------
def test_accept__takes_the_gig_and_says_so_on_its_own_screen(logged_in, worker):
    assignment = assignment_in(OFFERED, worker=worker)

    response = logged_in.post(reverse("workers:gig-accept", args=[assignment.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("workers:gig-accepted", args=[assignment.pk])
    assignment.refresh_from_db()
    assert assignment.status == ACCEPTED
    change = assignment.status_changes.order_by("-pk").first()
    assert change.to_status == ACCEPTED and change.by == worker.user and change.on_behalf is False
    text = main_text(logged_in.get(response["Location"]))
    assert "Otit keikan. Kiitos!" in text
    assert "Jos et voi tulla, kerro heti ohjaajalle." in text


def test_accept__a_full_gig_says_so_kindly_and_changes_nothing(logged_in, worker):
    gig = gig_on(workers_needed=1)
    assignment_in(ACCEPTED, worker=WorkerFactory(), gig=gig)
    assignment = assignment_in(OFFERED, worker=worker, gig=gig)

    response = logged_in.post(reverse("workers:gig-accept", args=[assignment.pk]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("workers:gig", args=[assignment.pk])
    text = main_text(response)
    assert "Keikka on jo täynnä. Kiitos kiinnostuksesta!" in text
    assert "Ohjaajasi kertoo, kun uusi keikka tulee." in text
    assert "Otan keikan" not in text
    assignment.refresh_from_db()
    assert assignment.status == OFFERED


def test_accept__a_gig_taken_already_is_fine_the_second_time(logged_in, worker):
    assignment = assignment_in(OFFERED, worker=worker)
    url = reverse("workers:gig-accept", args=[assignment.pk])

    logged_in.post(url)
    response = logged_in.post(url)

    assert response["Location"] == reverse("workers:gig-accepted", args=[assignment.pk])
    assert assignment.status_changes.filter(to_status=ACCEPTED).count() == 1


def test_accept__a_refusal_is_shown_as_the_service_wrote_it(logged_in, worker):
    assignment = assignment_in(OFFERED, worker=worker, gig=gig_on(order_status=OrderStatus.DONE))

    response = logged_in.post(reverse("workers:gig-accept", args=[assignment.pk]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("workers:gig", args=[assignment.pk])
    assert 'class="message message--error"' in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.status == OFFERED


def test_accepted_screen__of_a_gig_not_taken_goes_back_to_the_gig(logged_in, worker):
    assignment = assignment_in(OFFERED, worker=worker)

    response = logged_in.get(reverse("workers:gig-accepted", args=[assignment.pk]))

    assert response["Location"] == reverse("workers:gig", args=[assignment.pk])


# --- Saying no ------------------------------------------------------------------------------------
def test_decline__asks_first_on_its_own_screen(logged_in, worker):
    assignment = assignment_in(OFFERED, worker=worker)

    text = main_text(logged_in.get(reverse("workers:gig-decline", args=[assignment.pk])))

    assert "Etkö voi tulla keikalle?" in text
    assert "Miksi et voi tulla? Sinun ei ole pakko kertoa." in text
    assert "Palaa keikkaan" in text
    assignment.refresh_from_db()
    assert assignment.status == OFFERED


def test_decline__with_a_reason_records_it_and_thanks(logged_in, worker):
    assignment = assignment_in(OFFERED, worker=worker)

    response = logged_in.post(
        reverse("workers:gig-decline", args=[assignment.pk]), {"reason": "Olen lääkärissä."}, follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("workers:gig-declined", args=[assignment.pk])
    text = main_text(response)
    assert "Kiitos, että kerroit." in text
    assert "Vastauksesi on tallennettu. Et ota tätä keikkaa." in text
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.DECLINED
    assert assignment.status_changes.order_by("-pk").first().note == "Olen lääkärissä."


def test_decline__without_a_reason_works_too(logged_in, worker):
    assignment = assignment_in(OFFERED, worker=worker)

    logged_in.post(reverse("workers:gig-decline", args=[assignment.pk]), {"reason": ""})

    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.DECLINED


def test_decline__a_taken_gig_cannot_be_declined_here(logged_in, worker):
    assignment = assignment_in(ACCEPTED, worker=worker)

    response = logged_in.post(reverse("workers:gig-decline", args=[assignment.pk]), {"reason": ""})

    assert response["Location"] == reverse("workers:gig", args=[assignment.pk])
    assignment.refresh_from_db()
    assert assignment.status == ACCEPTED


# --- "Tein työn" ----------------------------------------------------------------------------------
@pytest.fixture
def today_gig(worker):
    return assignment_in(ACCEPTED, worker=worker, gig=gig_on(timezone.localdate(), planned_hours=Decimal("3")))


def test_report__form_is_prefilled_with_the_planned_hours(logged_in, today_gig):
    response = logged_in.get(reverse("workers:report", args=[today_gig.pk]))
    html = response.content.decode()

    assert 'inputmode="decimal"' in html
    assert 'value="3"' in html
    text = main_text(response)
    assert "Kuinka monta tuntia teit töitä?" in text
    assert "Suunnitelma oli 3 tuntia." in text


def test_report__gig_page_shows_the_button_from_the_gig_day_on(logged_in, today_gig):
    text = main_text(logged_in.get(reverse("workers:gig", args=[today_gig.pk])))

    assert "Olet ottanut tämän keikan." in text
    assert "Tein työn" in text


def test_report__hours_with_a_comma_mark_the_work_done(logged_in, today_gig):
    response = logged_in.post(reverse("workers:report", args=[today_gig.pk]), {"hours": "2,5"}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("workers:gig-reported", args=[today_gig.pk])
    today_gig.refresh_from_db()
    assert today_gig.status == DONE
    assert today_gig.reported_hours == Decimal("2.50")
    text = main_text(response)
    assert "Kiitos! Työ on merkitty tehdyksi." in text
    assert "Kerroit: 2,5 tuntia." in text
    assert "Jobcenter tarkistaa tunnit." in text
    assert "Saat noin 25 euroa. Siitä vähennetään vero." in text


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("kolme", "Kirjoita tunnit numeroilla. Esimerkiksi 3 tai 2,5."),
        ("0", "Tunteja pitää olla enemmän kuin 0."),
        ("0,00", "Tunteja pitää olla enemmän kuin 0."),
        ("13", "Yhdellä keikalla voi olla enintään 12 tuntia. Kysy ohjaajalta, jos teit enemmän."),
        ("", "Kirjoita, kuinka monta tuntia teit töitä. Esimerkiksi 3 tai 2,5."),
    ],
)
def test_report__bad_hours_keep_the_form_and_what_was_typed(logged_in, today_gig, typed, message):
    response = logged_in.post(reverse("workers:report", args=[today_gig.pk]), {"hours": typed})

    assert response.status_code == 200
    html = response.content.decode()
    assert message in main_text(response)
    assert f'value="{typed}"' in html
    assert 'aria-invalid="true"' in html and 'aria-describedby="id_hours_help id_hours_error"' in html
    today_gig.refresh_from_db()
    assert today_gig.status == ACCEPTED and today_gig.reported_hours is None


def test_report__not_before_the_gig_day(logged_in, worker):
    tomorrow = assignment_in(ACCEPTED, worker=worker, gig=gig_on(timezone.localdate() + dt.timedelta(days=1)))
    url = reverse("workers:report", args=[tomorrow.pk])

    shown = main_text(logged_in.get(url))
    posted = logged_in.post(url, {"hours": "3"})

    assert "Keikkapäivä ei ole vielä tullut." in shown
    assert "Voit kertoa työstä keikkapäivänä tai myöhemmin." in shown
    assert "Keikkapäivä ei ole vielä tullut." in main_text(posted)
    tomorrow.refresh_from_db()
    assert tomorrow.status == ACCEPTED
    gig_page = main_text(logged_in.get(reverse("workers:gig", args=[tomorrow.pk])))
    assert "Tein työn" not in gig_page
    assert "Keikkapäivänä voit kertoa täällä, että teit työn." in gig_page


def test_report__sending_again_changes_nothing(logged_in, today_gig):
    url = reverse("workers:report", args=[today_gig.pk])
    logged_in.post(url, {"hours": "2,5"})

    response = logged_in.post(url, {"hours": "4"})

    assert response["Location"] == reverse("workers:gig-reported", args=[today_gig.pk])
    today_gig.refresh_from_db()
    assert today_gig.reported_hours == Decimal("2.50")


def test_report__an_offer_not_yet_taken_cannot_be_reported(logged_in, worker):
    assignment = assignment_in(OFFERED, worker=worker, gig=gig_on(timezone.localdate()))

    response = logged_in.post(reverse("workers:report", args=[assignment.pk]), {"hours": "3"})

    assert response["Location"] == reverse("workers:gig", args=[assignment.pk])
    assignment.refresh_from_db()
    assert assignment.status == OFFERED
