"""The worker's mobile view (`/me/`) through the Django client: who gets in, the worker's gigs and
one gig's screen with the plain-language sentences the worker reads, query counts that do not grow
with the number of gigs, and the login page. The actions are in test_mobile_actions.py, money,
feedback and history in test_mobile_money.py; the shared fixtures in conftest.py."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from orders.models import Assignment, AssignmentStatus, Feedback, FeedbackSource
from tests.factories import (
    AdministratorFactory,
    ClientContactFactory,
    CoordinatorFactory,
    UnitStaffFactory,
    UserFactory,
    WorkerFactory,
)
from tests.support.workers import TUESDAY, assignment_in, gig_on, main_text
from workers.models import AccessLogEntry

pytestmark = pytest.mark.django_db

OFFERED, ACCEPTED, DONE, APPROVED = (
    AssignmentStatus.OFFERED,
    AssignmentStatus.ACCEPTED,
    AssignmentStatus.DONE,
    AssignmentStatus.APPROVED,
)


def gig_urls(pk: int) -> list[str]:
    return [
        reverse("workers:gig", args=[pk]),
        reverse("workers:gig-accepted", args=[pk]),
        reverse("workers:gig-decline", args=[pk]),
        reverse("workers:gig-declined", args=[pk]),
        reverse("workers:report", args=[pk]),
        reverse("workers:gig-reported", args=[pk]),
    ]


LIST_URLS = ["/me/", "/me/earnings/", "/me/feedback/", "/me/history/"]


# --- Who gets in ----------------------------------------------------------------------------------
def test_pages__anonymous_visitor_goes_to_the_login_page(client, worker):
    assignment = assignment_in(OFFERED, worker=worker)

    for url in LIST_URLS + gig_urls(assignment.pk):
        response = client.get(url)

        assert response.status_code == 302, url
        assert response["Location"] == f"/accounts/login/?next={url}"


@pytest.mark.parametrize(
    "make_user",
    [
        pytest.param(lambda: UnitStaffFactory(), id="unit-staff"),
        pytest.param(lambda: ClientContactFactory(with_user=True).user, id="client-contact"),
        pytest.param(lambda: CoordinatorFactory(), id="coordinator"),
        pytest.param(lambda: AdministratorFactory(), id="administrator"),
        pytest.param(lambda: UserFactory(), id="no-role"),
    ],
)
def test_pages__users_without_a_worker_profile_get_a_plain_403_page(client, worker, make_user):
    assignment = assignment_in(OFFERED, worker=worker)
    client.force_login(make_user())

    for url in LIST_URLS + gig_urls(assignment.pk):
        response = client.get(url)

        assert response.status_code == 403, url
        assert "Tämä sivu on työntekijöille" in main_text(response)
    assert client.post(reverse("workers:gig-accept", args=[assignment.pk])).status_code == 403
    assignment.refresh_from_db()
    assert assignment.status == OFFERED


def test_pages__another_workers_gig_is_404_and_cannot_be_changed(client, worker):
    mine = assignment_in(OFFERED, worker=worker)
    client.force_login(WorkerFactory().user)

    for url in gig_urls(mine.pk):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("workers:gig-accept", args=[mine.pk])).status_code == 404
    assert client.post(reverse("workers:gig-decline", args=[mine.pk]), {"reason": ""}).status_code == 404
    assert client.post(reverse("workers:report", args=[mine.pk]), {"hours": "3"}).status_code == 404
    mine.refresh_from_db()
    assert mine.status == OFFERED


def test_pages__a_gig_that_does_not_exist_is_404(logged_in):
    assert logged_in.get(reverse("workers:gig", args=[999_999])).status_code == 404


def test_actions__are_post_only(logged_in, worker):
    assignment = assignment_in(OFFERED, worker=worker)

    assert logged_in.get(reverse("workers:gig-accept", args=[assignment.pk])).status_code == 405
    assignment.refresh_from_db()
    assert assignment.status == OFFERED


def test_pages__are_not_kept_in_a_cache(logged_in):
    response = logged_in.get("/me/")

    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


# --- My gigs --------------------------------------------------------------------------------------
def test_my_gigs__without_gigs_says_who_tells_about_new_ones(logged_in):
    text = main_text(logged_in.get("/me/"))

    assert "Sinulla ei ole nyt keikkoja. Ohjaajasi kertoo, kun uusi keikka tulee." in text
    for link in ("Ansaitsemasi rahat", "Saamasi palaute", "Tekemäsi keikat"):
        assert link in text


@freeze_time("2026-03-01 12:00")
def test_my_gigs__offers_come_first_then_work_to_report_then_next_gigs(logged_in, worker):
    assignment_in(
        ACCEPTED,
        worker=worker,
        gig=gig_on(dt.date(2026, 3, 5), order__title="Postitus", start_time=dt.time(9, 30)),
    )
    assignment_in(ACCEPTED, worker=worker, gig=gig_on(dt.date(2026, 2, 27), order__title="Arkistointi"))
    assignment_in(OFFERED, worker=worker, gig=gig_on(TUESDAY, order__title="Toimiston siivous", start_time=dt.time(10)))
    assignment_in(OFFERED, worker=WorkerFactory(), gig=gig_on(TUESDAY, order__title="Toisen keikka"))
    assignment_in(AssignmentStatus.DECLINED, worker=worker, gig=gig_on(TUESDAY, order__title="Kieltäydytty"))

    text = main_text(logged_in.get("/me/"))

    offers = text.index("Sinulle tarjotaan keikkaa")
    to_report = text.index("Kerro tekemästäsi työstä")
    upcoming = text.index("Sinun tulevat keikkasi")
    assert offers < text.index("Toimiston siivous") < to_report < text.index("Arkistointi") < upcoming
    assert upcoming < text.index("Postitus")
    assert "Tiistaina 3.3. klo 10–13" in text
    assert "Torstaina 5.3. klo 9.30–12.30" in text
    assert "Toisen keikka" not in text
    assert "Kieltäydytty" not in text
    assert "Sinulla ei ole nyt keikkoja" not in text


@freeze_time("2026-03-01 12:00")
def test_my_gigs__links_each_gig_to_its_own_screen(logged_in, worker):
    offered = assignment_in(OFFERED, worker=worker, gig=gig_on(TUESDAY))
    to_report = assignment_in(ACCEPTED, worker=worker, gig=gig_on(dt.date(2026, 2, 27)))
    today = assignment_in(ACCEPTED, worker=worker, gig=gig_on(dt.date(2026, 3, 1)))

    response = logged_in.get("/me/")
    html = response.content.decode()

    assert f'href="/me/gigs/{offered.pk}/"' in html
    assert f'href="/me/gigs/{to_report.pk}/report/"' in html
    assert f'href="/me/gigs/{today.pk}/report/"' in html
    assert main_text(response).count("Keikka on tänään.") == 1


def test_home__worker_panels_link_to_the_workers_own_pages(logged_in, worker):
    assignment_in(OFFERED, worker=worker)
    assignment_in(APPROVED, worker=worker)

    html = logged_in.get("/").content.decode()

    assert 'href="/me/"' in html and "Vastaa tarjoukseen" in html
    assert 'href="/me/history/"' in html


# --- One gig --------------------------------------------------------------------------------------
@freeze_time("2026-03-01 12:00")
def test_gig__offer_says_what_when_where_money_support_and_benefits_in_plain_finnish(logged_in, worker):
    instructor = UnitStaffFactory(unit=worker.home_unit, first_name="Maija")
    gig = gig_on(
        TUESDAY,
        start_time=dt.time(10),
        planned_hours=Decimal("3"),
        order__title="Toimiston siivous",
        order__street_address="Mannerheimintie 1",
        order__tools_provided=False,
    )
    worker.home_unit.phone = "09 123 4567"
    worker.home_unit.save()
    assignment = assignment_in(OFFERED, worker=worker, gig=gig, support_person=instructor)

    text = main_text(logged_in.get(f"/me/gigs/{assignment.pk}/"))

    for sentence in (
        "Sinulle tarjotaan tätä keikkaa.",
        "Toimiston pintojen pyyhintä ja imurointi.",
        "Tiistaina 3.3. klo 10–13",
        "Mannerheimintie 1, 00100 Helsinki",
        "3 tuntia",
        "Saat noin 30 euroa. Siitä vähennetään vero.",
        "Ohjaaja tulee mukaan.",
        "Ohjaajasi on Maija, puh. 09 123 4567.",
        "Soita yksikköön: 09 123 4567",
        "Perehdytys tarkoittaa, että joku näyttää sinulle, miten työ tehdään.",
        "Perehdytys paikan päällä, 15 minuuttia.",
        "Tilaaja ei anna työvälineitä. Kysy ohjaajalta, mitä otat mukaan.",
        "Tämä keikka voi vaikuttaa etuuksiisi. Kysy ohjaajalta ennen kuin otat keikan.",
        "Otan keikan",
        "En voi tulla",
    ):
        assert sentence in text, sentence
    # The order of importance: what, when, where, how much money.
    assert text.index("Tiistaina") < text.index("Mannerheimintie") < text.index("Saat noin")


def test_gig__never_shows_support_needs_or_benefit_figures(logged_in, worker):
    assignment = assignment_in(OFFERED, worker=worker)

    html = logged_in.get(f"/me/gigs/{assignment.pk}/").content.decode()

    assert worker.support_needs not in html
    assert not AccessLogEntry.objects.exists()
    # A code-only session shows the plain note, never a benefit figure: benefit figures are
    # special-category data and need a strong identification (AUTH-5 in docs/security-requirements.md).
    assert "885,63" not in html and "etuusraja" not in html


def test_gig__phone_support_and_client_tools_in_plain_words(logged_in, worker):
    assignment = assignment_in(OFFERED, worker=worker, support="phone")

    text = main_text(logged_in.get(f"/me/gigs/{assignment.pk}/"))

    assert "Voit soittaa yksikköön keikan aikana." in text
    assert "Tilaaja antaa sinulle työvälineet." in text


def test_gig__is_complete_in_swedish_and_english(logged_in, worker):
    assignment = assignment_in(OFFERED, worker=worker)

    swedish = main_text(logged_in.get(f"/sv/me/gigs/{assignment.pk}/"))
    english = main_text(logged_in.get(f"/en/me/gigs/{assignment.pk}/"))

    assert "Jag tar jobbet" in swedish and "Jag kan inte komma" in swedish
    assert "Det här jobbet kan påverka dina förmåner. Fråga din handledare innan du tar jobbet." in swedish
    assert "I take the gig" not in swedish
    assert "I take the gig" in english and "I cannot come" in english
    assert "This gig may affect your benefits. Ask your instructor before you take the gig." in english


# --- Queries do not grow with gigs ----------------------------------------------------------------
def _gigs_of_every_kind(worker, count: int) -> None:
    """Approved work with feedback, done work, offers, coming gigs and past gigs not yet reported."""
    for n in range(count):
        kind = n % 5
        if kind == 0:
            assignment = assignment_in(APPROVED, worker=worker)
            Feedback.objects.create(assignment=assignment, rating=4, text="Hyvä!", source=FeedbackSource.COORDINATOR)
        elif kind == 1:
            assignment_in(DONE, worker=worker)
        elif kind == 2:
            assignment_in(OFFERED, worker=worker)
        elif kind == 3:
            assignment_in(ACCEPTED, worker=worker)
        else:
            assignment_in(ACCEPTED, worker=worker, gig=gig_on(timezone.localdate() - dt.timedelta(days=2)))


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", LIST_URLS)
def test_pages__query_count_is_the_same_for_3_and_30_gigs(logged_in, worker, url, django_assert_max_num_queries):
    _gigs_of_every_kind(worker, 3)
    logged_in.get(url)  # warm up (session, content types)
    with_three = _queries(logged_in, url)
    _gigs_of_every_kind(worker, 27)

    with django_assert_max_num_queries(with_three):
        logged_in.get(url)
    assert _queries(logged_in, url) == with_three
    assert with_three <= 8


def test_gig__query_count_is_small(logged_in, worker, django_assert_max_num_queries):
    assignment = assignment_in(OFFERED, worker=worker)
    logged_in.get(f"/me/gigs/{assignment.pk}/")

    with django_assert_max_num_queries(5):
        logged_in.get(f"/me/gigs/{assignment.pk}/")


def test_accept__is_recorded_for_the_worker_not_on_behalf(logged_in, worker):
    assignment = assignment_in(OFFERED, worker=worker)

    logged_in.post(reverse("workers:gig-accept", args=[assignment.pk]))

    assert not Assignment.objects.get(pk=assignment.pk).status_changes.filter(on_behalf=True).exists()


# --- Login ----------------------------------------------------------------------------------------
def test_login_page__offers_the_emailed_code_first(client):
    response = client.get("/accounts/login/?next=/me/")
    text = main_text(response)
    html = response.content.decode()

    assert "Helpoin tapa: lähetämme kirjautumiskoodin sähköpostiisi. Et tarvitse salasanaa." in text
    assert html.index("Lähetä minulle kirjautumiskoodi sähköpostiin") < html.index('name="password"')
    assert 'href="/accounts/login/code/?next=%2Fme%2F"' in html
