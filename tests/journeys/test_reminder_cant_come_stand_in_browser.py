""" "En pääse" from the reminder to the stand-in, in Chromium: Aino took tomorrow's gig (her unit
proposed her, the coordinator offered it, she accepted); the day-before reminder goes out as the
periodic job sends it, in Finnish, with its signed answer link. On her phone (360 px, no login)
she opens the link, taps "En pääse", picks a reason and confirms; her unit, the instructor along
and the coordinator are told. Her unit's staff find "Etsi sijainen" on her gig card and propose
Bea with one tap, the coordinator offers the gig from the link in their email, Bea takes it on her
phone, and the client's contact is told who comes instead: Bea by first name, nothing of Aino or
her reason. axe-core finds no serious problem on any page on the way."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from jobcenter.models import OutboundEmail
from orders import services
from orders.models import Assignment, AssignmentStatus, OrderStatus
from orders.tasks import send_gig_reminders_task
from tests.factories import (
    ClientContactFactory,
    CoordinatorFactory,
    GigFactory,
    OrderFactory,
    UnitStaffFactory,
    UserFactory,
    WorkerFactory,
)
from tests.factories.units import UnitFactory
from tests.support.browser import OVERFLOW, SMALL_TAP_TARGETS, check_phone_screen, log_in
from units.models import SupportMode

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEL = ZoneInfo("Europe/Helsinki")
ANSWER_LINK = re.compile(r"https?://[^\s/]+(/me/answer/[^/\s]+/)")
STAND_IN_LINK = re.compile(r"https?://[^\s/]+(/\S*/stand-in/)")


def _aino_on_tomorrows_gig():
    """Tomorrow's gig of a scheduled order, staffed through the services: Maija of the unit
    proposes Aino (Maija comes along), the coordinator offers, Aino accepts."""
    coordinator = CoordinatorFactory(first_name="Kaisa", last_name="Koordinaattori")
    unit = UnitFactory(name="Pajan yksikkö", email="paja@example.org")
    maija = UnitStaffFactory(unit=unit, first_name="Maija", last_name="Ohjaaja", phone="040 765 4321")
    aino = WorkerFactory(home_unit=unit, user=UserFactory(first_name="Aino", last_name="Virtanen", language="fi"))
    bea = WorkerFactory(home_unit=unit, user=UserFactory(first_name="Bea", last_name="Lindqvist", language="fi"))
    contact = ClientContactFactory(name="Timo Tilaaja", email="timo@asiakas.example")
    order = OrderFactory(terms_accepted=True, contact=contact, title="Varaston järjestely", language="fi")
    gig = GigFactory(
        order=order, date=timezone.localdate() + dt.timedelta(days=1), start_time=dt.time(10), workers_needed=1
    )
    services.order_inform_units(order_id=order.pk, unit_ids=[unit.pk], by=coordinator)
    proposed = services.assignment_propose(
        gig_id=gig.pk, worker_id=aino.pk, by=maija, support=SupportMode.STAFF_ALONG, support_person_id=maija.pk
    )
    services.assignment_offer(assignment_id=proposed.pk, by=coordinator)
    services.assignment_accept(assignment_id=proposed.pk, by=aino.user)
    order.refresh_from_db()
    assert order.status == OrderStatus.SCHEDULED
    OutboundEmail.objects.all().delete()  # the staffing emails: not this story
    return coordinator, maija, aino, bea, Assignment.objects.get(pk=proposed.pk)


def _send_reminders_the_day_before():
    """The periodic job as beat runs it (eagerly here), with the clock at 16:05 the day before."""
    today = timezone.localdate()
    with freeze_time(dt.datetime(today.year, today.month, today.day, 16, 5, tzinfo=HEL)):
        send_gig_reminders_task.delay().get()


def _check_reason_screen(phone, axe) -> None:
    """The phone checks on the screen with the reasons. Its HDS radios are 24 px, like every radio
    of the worker pages (WCAG 2.5.8's minimum; the 44 px check would flag each): everything else
    there is held to 44 px."""
    axe.assert_clean(phone)
    assert phone.evaluate(OVERFLOW)
    small = phone.evaluate(SMALL_TAP_TARGETS)
    assert [target for target in small if not target.startswith("reason: ")] == []
    assert small == ["reason: 24x24"] * 5
    # The HDS radio, not the browser's own beside HDS's circle.
    assert phone.locator("input.hds-radio-button__input[name=reason]").count() == 5


def _path_in(email, pattern) -> str:
    found = pattern.search(email.body_text)
    assert found, f"no link in the {email.code} email:\n{email.body_text}"
    return found.group(1)


def test_reminder_cant_come_stand_in_and_the_client_told(page, mobile_page, live_server, axe):
    coordinator, maija, aino, bea, assignment = _aino_on_tomorrows_gig()
    gig, order = assignment.gig, assignment.gig.order

    # 2. The reminder: Aino's, in Finnish, with the signed answer link (and Maija's, coming along).
    _send_reminders_the_day_before()
    reminder = OutboundEmail.objects.get(code="gig_reminder_worker")
    assert (reminder.to, reminder.language) == (aino.user.email, "fi")
    assert reminder.subject == "Muistutus: keikkasi on huomenna"
    assert "Hei Aino!" in reminder.body_text and "Varaston järjestely" in reminder.body_text
    assert OutboundEmail.objects.filter(code="gig_reminder_staff", to=maija.email).exists()
    answer_path = _path_in(reminder, ANSWER_LINK)
    OutboundEmail.objects.all().delete()

    # 3. On her phone, without logging in: the gig, "En pääse", a reason, the confirmation.
    phone = mobile_page
    phone.goto(live_server.url + answer_path)
    assert phone.get_by_role("heading", name="Tuletko keikalle?", level=1).is_visible()
    main = phone.locator("main").inner_text()
    assert "Varaston järjestely" in main and "Mannerheimintie 1" in main
    assert "Ohjaajasi on Maija, puh. 040 765 4321." in main
    check_phone_screen(phone, axe)
    phone.get_by_role("link", name="En pääse").click()
    phone.wait_for_url("**?step=cant")
    assert phone.get_by_role("heading", name="Etkö voi tulla keikalle?", level=1).is_visible()
    _check_reason_screen(phone, axe)
    phone.locator("label", has_text="Perheasia").click()  # she taps the words; HDS's label covers its radio
    assert phone.get_by_label("Perheasia").is_checked()
    phone.get_by_role("button", name="En pääse").click()
    phone.wait_for_load_state()
    assert phone.get_by_role("heading", name="Kiitos, että kerroit.", level=1).is_visible()
    told = phone.locator("main").inner_text()
    assert "Et mene tälle keikalle." in told
    # Who was told, by name: her unit, her instructor coming along, the coordinator who offered the gig.
    assert "Kerroimme heille:" in told and "Ohjaajasi: Maija" in told
    assert f"Jobcenterin koordinaattori: {coordinator.get_full_name()}" in told
    check_phone_screen(phone, axe)
    assignment.refresh_from_db()
    order.refresh_from_db()
    assert assignment.status == AssignmentStatus.CANT_COME and order.status == OrderStatus.STAFFING
    # The link is used up: opening it again says so, and changes nothing.
    phone.goto(live_server.url + answer_path)
    assert phone.get_by_role("heading", name="Kerroit, ettet pääse. Kiitos, että kerroit.").is_visible()

    # 4. Told at once: her unit, Maija coming along, the coordinator who offered the gig; not the client.
    told = {(e.code, e.to) for e in OutboundEmail.objects.all()}
    assert told == {
        ("cant_come_unit", "paja@example.org"),
        ("cant_come_unit", maija.email),
        ("cant_come_coordinator", coordinator.email),
    }
    for email in OutboundEmail.objects.all():
        assert "Aino" in email.body_text and "Perheasia" not in email.body_text and "family" not in email.body_text
    coordinator_path = _path_in(OutboundEmail.objects.get(code="cant_come_coordinator"), STAND_IN_LINK)
    assert coordinator_path == reverse("coordinator:stand-in", args=[gig.pk])
    OutboundEmail.objects.all().delete()

    # 5a. Maija at the unit's computer: Aino's gig card has "Etsi sijainen"; one tap proposes Bea.
    log_in(page, Client(), live_server, maija)
    page.goto(live_server.url + reverse("units:worker", args=[aino.pk]))
    page.locator(f"#gig-{assignment.pk}").get_by_role("link", name=re.compile(r"^Etsi sijainen")).click()
    page.wait_for_url(f"**{reverse('units:stand-in', args=[order.pk, gig.pk])}")
    assert page.get_by_role("heading", name="Etsi sijainen", level=1).is_visible()
    assert "0 / 1" in page.locator("main").inner_text()
    axe.assert_clean(page)
    page.get_by_role("button", name=f"Ehdota sijaiseksi – {bea.display_name}").click()
    page.wait_for_load_state()
    assert f"Ehdotettu keikalle: {bea.display_name}." in page.locator(".messages").inner_text()
    stand_in = Assignment.objects.get(gig=gig, worker=bea)
    assert stand_in.status == AssignmentStatus.PROPOSED and stand_in.support_person == maija

    # 5b. The coordinator opens the link of their email and offers the gig to Bea.
    log_in(page, Client(), live_server, coordinator)
    page.goto(live_server.url + coordinator_path)
    assert page.get_by_role("heading", name="Etsi sijainen", level=1).is_visible()
    axe.assert_clean(page)
    page.get_by_role("button", name=f"Tarjoa keikkaa – {bea.display_name}").click()
    page.wait_for_load_state()
    assert f"Keikkaa tarjottiin työntekijälle {bea.display_name}." in page.locator(".messages").inner_text()
    stand_in.refresh_from_db()
    assert stand_in.status == AssignmentStatus.OFFERED
    assert not OutboundEmail.objects.filter(code="stand_in_client").exists()  # not before Bea says yes

    # 5c. Bea takes the gig on her phone.
    log_in(phone, Client(), live_server, bea.user)
    phone.goto(live_server.url + reverse("workers:gig", kwargs={"assignment_pk": stand_in.pk}))
    check_phone_screen(phone, axe)
    phone.get_by_role("button", name="Otan keikan").click()
    phone.wait_for_url(f"**/me/gigs/{stand_in.pk}/accepted/")
    assert phone.get_by_role("heading", name="Otit keikan. Kiitos!").is_visible()
    stand_in.refresh_from_db()
    order.refresh_from_db()
    assert stand_in.status == AssignmentStatus.ACCEPTED and order.status == OrderStatus.SCHEDULED

    # 6. The client's contact hears who comes instead: Bea by first name; nothing of Aino or why.
    email = OutboundEmail.objects.get(code="stand_in_client")
    assert (email.to, email.language) == ("timo@asiakas.example", "fi")
    assert "Kuka tulee: Bea" in email.body_text and order.number in email.body_text
    for secret in ("Aino", "Virtanen", "Lindqvist", "Perheasia"):
        assert secret not in email.body_text and secret not in email.body_html
    assert "family" not in email.body_text
