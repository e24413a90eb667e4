"""The worker's mobile view (`/me/`) through the Django client: who gets in, each action of the
order flow's steps 6–7 from the worker's side, money, feedback, history, the plain-language
sentences the worker reads, and query counts that do not grow with the number of gigs."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from billing.models import PriceList
from billing.selectors_earnings import earnings_for_worker
from orders.models import Assignment, AssignmentStatus, ContractType, Feedback, FeedbackSource, OrderStatus
from tests.factories import (
    AdministratorFactory,
    ClientContactFactory,
    ClientOrganisationFactory,
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


@pytest.fixture
def worker():
    return WorkerFactory(user__first_name="Aino")


@pytest.fixture
def logged_in(client, worker):
    client.force_login(worker.user)
    return client


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
    assert "Tiistaina 3.3. kello 10–13" in text
    assert "Torstaina 5.3. kello 9.30–12.30" in text
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
        "Tiistaina 3.3. kello 10–13",
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


# --- Money ----------------------------------------------------------------------------------------
@pytest.fixture
def march_price():
    """From 1 March 2026 the worker's hourly pay is 10.50 (the earlier row ends the day before)."""
    PriceList.objects.filter(contract_type=ContractType.COMMISSION, valid_to__isnull=True).update(
        valid_to=dt.date(2026, 2, 28)
    )
    return PriceList.objects.create(
        contract_type=ContractType.COMMISSION,
        valid_from=dt.date(2026, 3, 1),
        client_hourly_price=Decimal("15.00"),
        worker_hourly_pay=Decimal("10.50"),
        service_fee_hourly=Decimal("4.50"),
        source="test",
    )


@freeze_time("2026-03-20 12:00")
def test_earnings__approved_work_by_month_at_the_pay_of_the_gig_date(logged_in, worker, march_price):
    assignment_in(APPROVED, worker=worker, hours="2.5", gig=gig_on(dt.date(2026, 3, 3), order__title="Siivous A"))
    assignment_in(APPROVED, worker=worker, hours="3", gig=gig_on(dt.date(2026, 3, 10), order__title="Siivous B"))
    assignment_in(APPROVED, worker=worker, hours="1.25", gig=gig_on(dt.date(2026, 2, 20), order__title="Postitus"))
    assignment_in(DONE, worker=worker, hours="2", gig=gig_on(dt.date(2026, 3, 18), order__title="Arkistointi"))
    assignment_in(APPROVED, worker=WorkerFactory(), hours="7", gig=gig_on(dt.date(2026, 3, 3)))

    earnings = earnings_for_worker(worker=worker)

    march, february = earnings.months
    assert (march.month, march.hours, march.money) == (dt.date(2026, 3, 1), Decimal("5.50"), Decimal("57.75"))
    assert (february.month, february.hours, february.money) == (dt.date(2026, 2, 1), Decimal("1.25"), Decimal("12.50"))
    assert [gig.pay for gig in march.gigs] == [Decimal("31.50"), Decimal("26.25")]
    assert earnings.waiting_hours == Decimal("2.00") and earnings.waiting_money == Decimal("21.00")
    assert all(isinstance(value, Decimal) for value in (march.money, february.money, earnings.waiting_money))

    text = main_text(logged_in.get("/me/earnings/"))
    assert "Summat ovat ennen veroa. Niistä vähennetään vero." in text
    assert text.index("Maaliskuu 2026") < text.index("Helmikuu 2026") < text.index("Odottaa hyväksyntää")
    assert "Ansaitsit 57,75 euroa." in text and "Teit töitä 5,5 tuntia." in text
    assert "Ansaitsit 12,50 euroa." in text and "Teit töitä 1,25 tuntia." in text
    assert "3.3.2026 Siivous A 2,5 tuntia, 26,25 euroa" in text
    assert "Yhteensä noin 21,00 euroa." in text
    assert "18.3.2026 Arkistointi 2 tuntia, 21,00 euroa" in text


def test_earnings__rounds_each_gig_half_up_to_cents(worker, march_price):
    with freeze_time("2026-03-20 12:00"):
        assignment_in(APPROVED, worker=worker, hours="0.33", gig=gig_on(dt.date(2026, 3, 3)))  # 3.465 -> 3.47
        assignment_in(APPROVED, worker=worker, hours="0.33", gig=gig_on(dt.date(2026, 3, 4)))

        (march,) = earnings_for_worker(worker=worker).months

    assert march.money == Decimal("6.94")


def test_earnings__without_work_says_when_money_shows(logged_in):
    text = main_text(logged_in.get("/me/earnings/"))

    assert "Et ole vielä ansainnut rahaa. Se näkyy täällä, kun olet tehnyt keikan." in text


# --- Feedback -------------------------------------------------------------------------------------
def _feedback(assignment, rating, text=""):
    return Feedback.objects.create(assignment=assignment, rating=rating, text=text, source=FeedbackSource.COORDINATOR)


@freeze_time("2026-03-20 12:00")
def test_feedback__lists_rating_in_words_and_stars_the_clients_words_gig_and_date(logged_in, worker):
    client_org = ClientOrganisationFactory(name="Kahvila Kukka Oy")
    gig = gig_on(dt.date(2026, 3, 3), order__title="Ikkunanpesu", order__contact__organisation=client_org)
    _feedback(assignment_in(APPROVED, worker=worker, gig=gig), 4, "Ikkunat kiiltävät. Kiitos!")
    _feedback(assignment_in(APPROVED, worker=worker, gig=gig_on(dt.date(2026, 2, 2), order__title="Postitus")), 5)
    _feedback(assignment_in(APPROVED, worker=WorkerFactory(), gig=gig_on(dt.date(2026, 3, 3))), 1, "Toisen palaute")

    response = logged_in.get("/me/feedback/")
    text = main_text(response)
    html = response.content.decode()

    assert "Saamasi palaute" in text
    assert text.index("Ikkunanpesu") < text.index("Postitus")
    assert "3.3.2026" in text and "Kahvila Kukka Oy" in text
    assert "4 tähteä viidestä: erittäin hyvä" in text
    assert "5 tähteä viidestä: erinomainen" in text
    assert "Tilaaja kirjoitti: Ikkunat kiiltävät. Kiitos!" in text
    assert '<span class="stars" aria-hidden="true">★★★★☆</span>' in html
    assert "Toisen palaute" not in text


def test_feedback__empty_state(logged_in):
    text = main_text(logged_in.get("/me/feedback/"))

    assert "Et ole vielä saanut palautetta. Se näkyy täällä, kun tilaaja on antanut sen." in text


# --- History --------------------------------------------------------------------------------------
@freeze_time("2026-03-20 12:00")
def test_history__lists_done_gigs_newest_first_ten_to_a_page(logged_in, worker):
    start = dt.date(2026, 1, 1)
    for day in range(12):
        status = DONE if day == 11 else APPROVED
        assignment_in(
            status, worker=worker, gig=gig_on(start + dt.timedelta(days=day), order__title=f"Keikka {day + 1}")
        )
    assignment_in(OFFERED, worker=worker, gig=gig_on(dt.date(2026, 3, 25), order__title="Tarjottu"))
    assignment_in(APPROVED, worker=WorkerFactory(), gig=gig_on(dt.date(2026, 1, 5), order__title="Toisen keikka"))

    first = main_text(logged_in.get("/me/history/"))
    second = main_text(logged_in.get("/me/history/?page=2"))

    assert "Tekemäsi keikat" in first
    assert "Sivu 1 / 2" in first and "Seuraava sivu" in first
    assert first.index("Keikka 12") < first.index("Keikka 11") < first.index("Keikka 3 ")
    assert "Keikka 2 " not in first and "Keikka 1 " not in first
    assert "Keikka 2 " in second and "Keikka 1 " in second and "Edellinen sivu" in second
    assert "12.1.2026" in first and "Siivous" in first and "3 tuntia" in first
    assert "Tarjottu" not in first + second and "Toisen keikka" not in first + second


def test_history__shows_the_client(logged_in, worker):
    org = ClientOrganisationFactory(name="Asukastalo ry")
    assignment_in(APPROVED, worker=worker, gig=gig_on(dt.date(2026, 1, 5), order__contact__organisation=org))

    assert "Asukastalo ry" in main_text(logged_in.get("/me/history/"))


def test_history__empty_state(logged_in):
    assert "Et ole vielä tehnyt keikkoja." in main_text(logged_in.get("/me/history/"))


# --- Queries do not grow with gigs ----------------------------------------------------------------
def _gigs_of_every_kind(worker, count: int) -> None:
    """Approved work with feedback, done work, offers, coming gigs and past gigs not yet reported."""
    for n in range(count):
        kind = n % 5
        if kind == 0:
            _feedback(assignment_in(APPROVED, worker=worker), 4, "Hyvä!")
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
