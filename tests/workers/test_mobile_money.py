"""The worker's money, feedback and history on the mobile view (`/me/`): approved work by month at
the pay of each gig's date (from billing's pricing), work waiting for approval, what clients said,
and the gigs done."""

import datetime as dt
from decimal import Decimal

import pytest
from freezegun import freeze_time

from billing.models import PriceList
from billing.selectors_earnings import earnings_for_worker
from orders.models import AssignmentStatus, ContractType, Feedback, FeedbackSource
from tests.factories import (
    ClientOrganisationFactory,
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
