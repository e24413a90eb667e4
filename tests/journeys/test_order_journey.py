"""The whole order flow as the four people do it, each in their own browser:

client orders → coordinator sends the terms → client accepts through the link in the sent email →
coordinator informs the unit and enters the gig → staff proposes two workers → coordinator offers
the gig → each worker accepts on a 360 x 740 phone → each reports the hours → coordinator approves →
coordinator asks for feedback → client gives it through the emailed link → the worker sees it.

axe-core runs on every page of the journey. Screenshots of each step are kept as test artifacts in
var/test-artifacts/journey-<mode>/ (not committed). The emails are read from the outbox after they
were really sent: inline (eager Celery) on the embedded default, by the real Celery worker on Redis
and PostgreSQL in CI.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from jobcenter.models import OutboundEmail, OutboundEmailStatus
from orders.models import AssignmentStatus, Feedback, Order, OrderStatus, TaskType
from tests.factories import CoordinatorFactory, UnitFactory, UnitStaffFactory, WorkerFactory

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(settings.BASE_DIR) / "var" / "test-artifacts"
LINK = re.compile(r"https?://\S+?(/order/(?:terms|feedback)/[^/\s]+/)")


class Journey:
    """The people, their browser contexts, and the steps' shared helpers."""

    def __init__(self, browser, live_server, axe, mode: str):
        self.browser, self.live_server, self.axe = browser, live_server, axe
        self.shots = ARTIFACTS / f"journey-{mode}"
        self.shots.mkdir(parents=True, exist_ok=True)
        self.step = 0
        self.contexts = []

    def context(self, *, user=None, phone: bool = False):
        options = {"locale": "fi-FI", "timezone_id": "Europe/Helsinki"}
        if phone:
            options.update(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
        else:
            options.update(viewport={"width": 1280, "height": 900})
        context = self.browser.new_context(**options)
        context.set_default_timeout(10_000)
        self.contexts.append(context)
        if user is not None:
            login = Client()  # one session per person; logging out would end it
            login.force_login(user)
            cookie = login.cookies[settings.SESSION_COOKIE_NAME].value
            context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": self.live_server.url}])
        return context.new_page()

    def go(self, page, path: str):
        response = page.goto(self.live_server.url + path)
        assert response.status == 200, f"{path}: HTTP {response.status}"
        return response

    def check(self, page, name: str) -> None:
        """Every page of the journey: no serious or critical axe violation, and a screenshot."""
        page.wait_for_load_state()
        self.axe.assert_clean(page)
        self.step += 1
        page.screenshot(path=str(self.shots / f"{self.step:02d}-{name}.png"), full_page=True)

    def sent_link(self, *, code: str, to: str) -> str:
        """The link in the newest email of `code` to `to`, once it has really been sent."""
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            email = OutboundEmail.objects.filter(code=code, to=to).order_by("-pk").first()
            if email is not None and email.status == OutboundEmailStatus.SENT:
                match = LINK.search(email.body_text)
                assert match, f"no link in the {code} email:\n{email.body_text}"
                return match.group(1)
            time.sleep(0.2)
        raise AssertionError(f"the {code} email to {to} was not sent within 30 s")

    def close(self):
        for context in self.contexts:
            context.close()


def tick(page, selector: str) -> None:
    """Tick a checkbox or radio button as a person does: by clicking its label (HDS styles the input)."""
    field = page.locator(selector)
    page.locator(f"label[for='{field.get_attribute('id')}']").click()
    assert field.is_checked(), selector


def walk_the_journey(j: Journey) -> None:
    today = timezone.localdate()
    vallila = UnitFactory(name="Vallila", email="vallila@example.org")
    staff = UnitStaffFactory(unit=vallila, first_name="Maija", last_name="Virtanen")
    aino = WorkerFactory(home_unit=vallila, user__first_name="Aino", user__last_name="Lahtinen")
    petri = WorkerFactory(home_unit=vallila, user__first_name="Petri", user__last_name="Mustonen")
    coordinator = CoordinatorFactory(first_name="Kaisa", last_name="Koordinaattori")
    window_washing = TaskType.objects.get(code="window-washing")

    # 1. The client orders on the public site.
    client = j.context()
    j.go(client, "/order/")
    j.check(client, "order-form")
    client.fill("[name=organisation_name]", "Kahvila Kulma Oy")
    client.fill("[name=business_id]", "1572860-0")
    tick(client, "[name=client_type][value=company]")
    client.fill("[name=contact_name]", "Liisa Laine")
    client.fill("[name=contact_email]", "liisa@kulma.example.org")
    client.fill("[name=contact_phone]", "040 123 4567")
    client.select_option("[name=task_type]", str(window_washing.pk))
    client.fill("[name=title]", "Kahvilan ikkunanpesu")
    client.fill("[name=description]", "Kahvilan ikkunat sisältä ja ulkoa, kaksi kerrosta.")
    client.fill("[name=orientation]", "Näytämme paikat ja välineet, noin 15 minuuttia.")
    client.fill("[name=street_address]", "Hämeentie 10")
    client.fill("[name=postal_code]", "00530")
    client.fill("[name=city]", "Helsinki")
    client.fill("[name=estimated_hours]", "3")
    client.fill("[name=workers_needed]", "2")
    tick(client, "[name=contract_type][value=commission]")
    client.fill("[name=billing_street]", "Hämeentie 10")
    client.fill("[name=billing_postal_code]", "00530")
    client.fill("[name=billing_city]", "Helsinki")
    client.fill("[name=billing_email]", "laskut@kulma.example.org")
    client.locator("form[method=post] button[type=submit]").last.click()
    client.wait_for_url(re.compile(r"/order/sent/\d+/$"))
    j.check(client, "order-sent")
    order = Order.objects.get(client__business_id="1572860-0")
    assert order.status == OrderStatus.SUBMITTED
    assert client.get_by_text(order.number).count() >= 1

    # 2. The coordinator finds it on the dashboard and sends the terms.
    desk = j.context(user=coordinator)
    j.go(desk, "/coordinator/")
    j.check(desk, "dashboard")
    desk.get_by_role("link", name=re.compile("Kahvilan ikkunanpesu")).first.click()
    desk.wait_for_url(re.compile(rf"/coordinator/orders/{order.pk}/$"))
    j.check(desk, "order-submitted")
    desk.locator(f"form[action$='/orders/{order.pk}/send-terms/'] button").first.click()
    desk.wait_for_load_state()
    order.refresh_from_db()
    assert order.status == OrderStatus.TERMS_SENT

    # 3. The client accepts the terms through the link in the email that was sent.
    j.go(client, j.sent_link(code="order_terms", to="liisa@kulma.example.org"))
    j.check(client, "terms")
    client.fill("[name=accepted_name]", "Liisa Laine")
    tick(client, "[name=accept]")
    client.locator("main form button[type=submit]").click()
    client.wait_for_load_state()
    j.check(client, "terms-accepted")
    order.refresh_from_db()
    assert order.status == OrderStatus.TERMS_ACCEPTED
    assert order.terms_accepted_name == "Liisa Laine"

    # 4. The coordinator informs Vallila and enters the agreed gig (today, so it can be done today).
    j.go(desk, f"/coordinator/orders/{order.pk}/")
    tick(desk, f"[name=units][value='{vallila.pk}']")
    desk.locator(f"form[action$='/orders/{order.pk}/inform-units/'] button[type=submit]").click()
    desk.wait_for_load_state()
    desk.fill("[name=date]", today.isoformat())
    desk.fill("[name=start_time]", "07:00")
    desk.fill("[name=planned_hours]", "3")
    desk.fill("[name=workers_needed]", "2")
    desk.locator(f"form[action$='/orders/{order.pk}/gigs/add/'] button[type=submit]").click()
    desk.wait_for_load_state()
    j.check(desk, "order-staffing")
    order.refresh_from_db()
    gig = order.gigs.get()
    assert order.status == OrderStatus.STAFFING

    # 5. Unit staff see the need and propose two workers with support.
    unit = j.context(user=staff)
    j.go(unit, "/unit/")
    j.check(unit, "unit-needs")
    assert unit.get_by_text("Kahvilan ikkunanpesu").count() >= 1
    j.go(unit, f"/unit/needs/{order.pk}/gigs/{gig.pk}/propose/")
    j.check(unit, "unit-propose")
    for worker in (aino, petri):
        tick(unit, f"[name=w{worker.pk}-selected]")
        tick(unit, f"[name=w{worker.pk}-skills_checked]")
    unit.locator("form[method=post] button[type=submit]", has_text=re.compile("Ehdota valitut")).click()
    unit.wait_for_load_state()
    j.check(unit, "unit-proposed")
    assignments = {a.worker_id: a for a in gig.assignments.all()}
    assert set(assignments) == {aino.pk, petri.pk}

    # 6. The coordinator passes both on: the gig is offered to them.
    j.go(desk, f"/coordinator/orders/{order.pk}/")
    for assignment in assignments.values():
        desk.locator(f"form[action$='/assignments/{assignment.pk}/offer/'] button").click()
        desk.wait_for_load_state()
    j.check(desk, "order-offered")
    assert {a.status for a in gig.assignments.all()} == {AssignmentStatus.OFFERED}

    # 7. Each worker accepts on a phone, and later reports the hours ("Tein työn").
    for worker, hours in ((aino, "3"), (petri, "2,5")):
        phone = j.context(user=worker.user, phone=True)
        j.go(phone, "/me/")
        j.check(phone, f"worker-{worker.pk}-my-gigs")
        assignment = assignments[worker.pk]
        j.go(phone, f"/me/gigs/{assignment.pk}/")
        j.check(phone, f"worker-{worker.pk}-offer")
        assert phone.get_by_text("Kahvilan ikkunanpesu").count() >= 1
        phone.get_by_role("button", name="Otan keikan").click()
        phone.wait_for_load_state()
        j.check(phone, f"worker-{worker.pk}-accepted")
        j.go(phone, f"/me/gigs/{assignment.pk}/report/")
        phone.fill("[name=hours]", hours)
        phone.get_by_role("button", name="Lähetä tunnit").click()
        phone.wait_for_load_state()
        j.check(phone, f"worker-{worker.pk}-reported")
    order.refresh_from_db()
    assert order.status == OrderStatus.DONE

    # 8. The coordinator approves the hours (Petri's corrected, with a reason) and asks for feedback.
    j.go(desk, f"/coordinator/orders/{order.pk}/")
    j.check(desk, "order-done")
    for worker, hours, reason in ((aino, None, None), (petri, "2", "Tauko ei ole työaikaa.")):
        form = desk.locator(f"form[action$='/assignments/{assignments[worker.pk].pk}/approve/']")
        if hours:
            form.locator("[name=hours]").fill(hours)
            form.locator("[name=reason]").fill(reason)
        form.locator("button[type=submit]").click()
        desk.wait_for_load_state()
        desk.wait_for_timeout(300)  # htmx swaps the row in place
    order.refresh_from_db()
    assert order.status == OrderStatus.APPROVED
    approved = {a.worker_id: a.approved_hours for a in gig.assignments.all()}
    assert {k: str(v) for k, v in approved.items()} == {aino.pk: "3.00", petri.pk: "2.00"}
    j.go(desk, f"/coordinator/orders/{order.pk}/")
    desk.locator(f"form[action$='/orders/{order.pk}/request-feedback/'] button").click()
    desk.wait_for_load_state()
    j.check(desk, "order-approved")

    # 9. The client gives feedback through the emailed link.
    j.go(client, j.sent_link(code="feedback_request", to="liisa@kulma.example.org"))
    j.check(client, "feedback-form")
    excellent = client.locator("label", has_text="5 – Erinomainen")
    assert excellent.count() == 2  # one rating per worker
    for index in range(excellent.count()):
        excellent.nth(index).click()
    client.locator("textarea").first.fill("Ikkunat kiiltävät. Kiitos huolellisesta työstä!")
    client.fill("[name=given_by_name]", "Liisa Laine")
    client.locator("main form button[type=submit]").click()
    client.wait_for_load_state()
    j.check(client, "feedback-thanks")
    assert Feedback.objects.filter(assignment__gig=gig).count() == 2

    # 10. Aino sees the feedback on her phone.
    phone = j.context(user=aino.user, phone=True)
    j.go(phone, "/me/feedback/")
    j.check(phone, "worker-feedback")
    assert phone.get_by_text("Ikkunat kiiltävät. Kiitos huolellisesta työstä!").count() == 1


@pytest.fixture
def journey(browser, live_server, axe, request):
    j = Journey(browser, live_server, axe, mode=request.node.name.split("__")[-1])
    yield j
    j.close()


def test_order_journey__eager(journey):
    """On the embedded default: tasks run inline and emails go out at once."""
    walk_the_journey(journey)
    assert not OutboundEmail.objects.exclude(status=OutboundEmailStatus.SENT).exists()


@pytest.mark.postgres
def test_order_journey__real_worker(real_celery, journey):
    """As in production: the real Celery worker sends every email through the outbox."""
    walk_the_journey(journey)
    assert not OutboundEmail.objects.exclude(status=OutboundEmailStatus.SENT).exists()
