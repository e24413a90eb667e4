"""The worker's mobile view on a phone (360x740, touch) in a real browser.

A worker opens an offer, takes it, later reports the hours ("2,5") and sees the money; says no to
another offer after the confirmation screen; and logs in with a code from their email. On every
screen: axe-core finds no serious or critical problem, nothing is wider than the screen, and every
link, button and field is at least 44 px in both directions.
"""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from orders.models import Assignment, AssignmentStatus, Feedback, FeedbackSource, Gig
from orders.services import assignment_approve
from tests.factories import CoordinatorFactory, UnitStaffFactory, UserFactory, WorkerFactory
from tests.support.browser import check_phone_screen as _check
from tests.support.browser import log_in as _log_in
from tests.support.workers import assignment_in, gig_on

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker():
    worker = WorkerFactory(user__first_name="Aino")
    worker.home_unit.phone = "09 123 4567"
    worker.home_unit.save()
    return worker


def test_worker_takes_a_gig_reports_hours_and_sees_the_money(mobile_page, live_server, axe, client, worker):
    page = mobile_page
    instructor = UnitStaffFactory(unit=worker.home_unit, first_name="Maija")
    gig = gig_on(
        timezone.localdate() + dt.timedelta(days=2),
        start_time=dt.time(10),
        planned_hours=Decimal("3"),
        order__title="Toimiston siivous",
    )
    assignment = assignment_in(AssignmentStatus.OFFERED, worker=worker, gig=gig, support_person=instructor)
    _log_in(page, client, live_server, worker.user)

    # 1. The front screen: the offer first.
    page.goto(live_server.url + "/me/")
    assert page.get_by_role("heading", name="Sinulle tarjotaan keikkaa").is_visible()
    _check(page, axe)

    # 2. The offer on its own screen.
    page.get_by_role("link", name=re.compile(r"^Katso keikka\W+Toimiston siivous$")).click()
    page.wait_for_url(f"**/me/gigs/{assignment.pk}/")
    assert page.get_by_role("heading", name="Toimiston siivous", level=1).is_visible()
    assert page.get_by_text("Saat noin 30 euroa. Siitä vähennetään vero.").is_visible()
    assert page.get_by_text(
        "Tämä keikka voi vaikuttaa etuuksiisi. Kysy ohjaajalta ennen kuin otat keikan."
    ).is_visible()
    _check(page, axe)

    # 3. "Otan keikan" and the confirmation screen.
    page.get_by_role("button", name="Otan keikan").click()
    page.wait_for_url(f"**/me/gigs/{assignment.pk}/accepted/")
    assert page.get_by_role("heading", name="Otit keikan. Kiitos!").is_visible()
    _check(page, axe)
    assert Assignment.objects.get(pk=assignment.pk).status == AssignmentStatus.ACCEPTED

    # 4. Later: the gig's day has come (the gig is moved to today). "Tein työn" with 2,5 hours.
    Gig.objects.filter(pk=gig.pk).update(date=timezone.localdate())
    page.goto(live_server.url + "/me/")
    page.get_by_role("link", name=re.compile(r"^Tein työn\W+Toimiston siivous$")).click()
    page.wait_for_url(f"**/me/gigs/{assignment.pk}/report/")
    hours = page.get_by_label("Kuinka monta tuntia teit töitä?")
    assert hours.input_value() == "3"
    assert hours.get_attribute("inputmode") == "decimal"
    _check(page, axe)

    # A word is not a number: the form stays, with what was typed and a message.
    hours.fill("kolme")
    page.get_by_role("button", name="Lähetä tunnit").click()
    assert page.get_by_text("Kirjoita tunnit numeroilla. Esimerkiksi 3 tai 2,5.").is_visible()
    assert page.get_by_label("Kuinka monta tuntia teit töitä?").input_value() == "kolme"
    _check(page, axe)

    page.get_by_label("Kuinka monta tuntia teit töitä?").fill("2,5")
    page.get_by_role("button", name="Lähetä tunnit").click()
    page.wait_for_url(f"**/me/gigs/{assignment.pk}/reported/")
    assert page.get_by_text("Kerroit: 2,5 tuntia.").is_visible()
    _check(page, axe)
    assert Assignment.objects.get(pk=assignment.pk).reported_hours == Decimal("2.50")

    # 5. The money: first waiting for approval, then approved.
    page.get_by_role("link", name="Ansaitsemasi rahat").click()
    page.wait_for_url("**/me/earnings/")
    assert page.get_by_role("heading", name="Odottaa hyväksyntää").is_visible()
    assert page.get_by_text("Yhteensä noin 25,00 euroa.").is_visible()
    _check(page, axe)

    assignment_approve(assignment_id=assignment.pk, by=CoordinatorFactory())
    page.reload()
    assert page.get_by_role("heading", name="Hyväksytty työ").is_visible()
    assert page.get_by_text("Ansaitsit 25,00 euroa.").is_visible()
    _check(page, axe)


def test_worker_says_no_after_a_confirmation_screen(mobile_page, live_server, axe, client, worker):
    page = mobile_page
    assignment = assignment_in(AssignmentStatus.OFFERED, worker=worker, gig=gig_on(order__title="Ikkunanpesu"))
    _log_in(page, client, live_server, worker.user)

    page.goto(live_server.url + f"/me/gigs/{assignment.pk}/")
    page.get_by_role("link", name="En voi tulla").click()
    page.wait_for_url(f"**/me/gigs/{assignment.pk}/decline/")
    assert page.get_by_role("heading", name="Etkö voi tulla keikalle?").is_visible()
    _check(page, axe)

    page.get_by_label("Miksi et voi tulla? Sinun ei ole pakko kertoa.").fill("Olen silloin lääkärissä.")
    page.get_by_role("button", name="En voi tulla").click()
    page.wait_for_url(f"**/me/gigs/{assignment.pk}/declined/")
    assert page.get_by_role("heading", name="Kiitos, että kerroit.").is_visible()
    _check(page, axe)
    assert Assignment.objects.get(pk=assignment.pk).status == AssignmentStatus.DECLINED


def test_full_gig_feedback_history_and_empty_pages_fit_a_phone(mobile_page, live_server, axe, client, worker):
    page = mobile_page
    full = gig_on(workers_needed=1, order__title="Täysi keikka")
    assignment_in(AssignmentStatus.ACCEPTED, worker=WorkerFactory(), gig=full)
    offered = assignment_in(AssignmentStatus.OFFERED, worker=worker, gig=full)
    done = assignment_in(AssignmentStatus.APPROVED, worker=worker, hours="2.5")
    Feedback.objects.create(
        assignment=done, rating=4, text="Ikkunat kiiltävät. Kiitos!", source=FeedbackSource.COORDINATOR
    )
    for _ in range(11):
        assignment_in(AssignmentStatus.APPROVED, worker=worker)
    _log_in(page, client, live_server, worker.user)

    page.goto(live_server.url + f"/me/gigs/{offered.pk}/")
    assert page.get_by_text("Keikka on jo täynnä. Kiitos kiinnostuksesta!").is_visible()
    assert page.get_by_role("button", name="Otan keikan").count() == 0
    _check(page, axe)

    for path, heading in [
        ("/me/feedback/", "Saamasi palaute"),
        ("/me/history/", "Tekemäsi keikat"),
        ("/me/history/?page=2", "Tekemäsi keikat"),
        ("/me/earnings/", "Ansaitsemasi rahat"),
        ("/sv/me/", "Mina jobb"),
        ("/en/me/", "My gigs"),
    ]:
        page.goto(live_server.url + path)
        assert page.get_by_role("heading", name=heading, level=1).is_visible(), path
        _check(page, axe)

    other = WorkerFactory()
    _log_in(page, client, live_server, other.user)
    page.goto(live_server.url + "/me/")
    assert page.get_by_text("Sinulla ei ole nyt keikkoja. Ohjaajasi kertoo, kun uusi keikka tulee.").is_visible()
    _check(page, axe)


def test_non_worker_gets_a_plain_page(mobile_page, live_server, axe, client):
    _log_in(mobile_page, client, live_server, UserFactory())

    response = mobile_page.goto(live_server.url + "/me/")

    assert response.status == 403
    assert mobile_page.get_by_role("heading", name="Tämä sivu on työntekijöille").is_visible()
    _check(mobile_page, axe)


def test_worker_logs_in_with_a_code_from_email_and_lands_on_my_gigs(mobile_page, live_server, axe, mailoutbox, worker):
    page = mobile_page
    page.goto(live_server.url + "/me/")
    page.wait_for_url(re.compile(r"/accounts/login/\?next=(/|%2F)me(/|%2F)$"))
    _check(page, axe)

    page.get_by_role("link", name="Lähetä minulle kirjautumiskoodi sähköpostiin").click()
    page.wait_for_url(re.compile(r"/accounts/login/code/\?next="))
    page.fill("input[name=email]", worker.user.email)
    page.get_by_role("button", name="Pyydä koodi").click()
    page.wait_for_url(re.compile(r"/accounts/login/code/confirm/"))
    _check(page, axe)

    assert len(mailoutbox) == 1 and mailoutbox[0].to == [worker.user.email]
    code = re.search(r"^\s*([A-Z0-9]{3,}(?:-[A-Z0-9]{3,})*)\s*$", mailoutbox[0].body, re.MULTILINE).group(1)
    page.fill("input[name=code]", code)
    page.locator("main form button[type=submit]").first.click()

    page.wait_for_url(live_server.url + "/me/")
    assert page.get_by_role("heading", name="Omat keikat").is_visible()
    _check(page, axe)
