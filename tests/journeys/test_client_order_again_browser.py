"""A client orders again and asks for the same worker, in Chromium: the contact logs in with a code
from her email, opens "My orders", orders again from an earlier order (the form is a copy, without
dates), and on the new order asks for Aino again; the page promises nothing. The order goes on as
usual (terms accepted, the unit informed, a gig entered), and Aino's unit sees the wish on its needs
page and proposes her through the normal proposal. axe-core finds no serious or critical problem on
any page, at 1280 px and on a 360 px phone, and no page scrolls sideways on the phone."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from jobcenter.models import OutboundEmail
from orders import services
from orders.models import Assignment, AssignmentStatus, Order, OrderStatus, WorkerAgainRequest
from tests.factories import (
    ClientContactFactory,
    CoordinatorFactory,
    GigFactory,
    UnitStaffFactory,
    UserFactory,
    WorkerFactory,
)
from tests.factories.states import assignment_in
from tests.factories.units import UnitFactory
from tests.support.browser import OVERFLOW, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_PROMISE = "We pass your wish to the unit; the unit decides."


def _url(name, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def _check_both_widths(page, axe, *, phone_part: str = "") -> None:
    """No serious or critical problem at 1280 px nor on a 360 px phone. A client page is not wider than
    the phone; on a staff page (made for 1280 px, its gig tables scroll in their own box) the part
    this feature added (`phone_part`) is not."""
    axe.assert_clean(page)
    page.set_viewport_size({"width": 360, "height": 740})
    axe.assert_clean(page)
    if phone_part:
        fits = page.locator(phone_part).evaluate("(el) => el.getBoundingClientRect().right <= window.innerWidth")
        assert fits, f"{phone_part} on {page.url} is wider than a 360 px phone"
    else:
        assert page.evaluate(OVERFLOW), f"{page.url} is wider than a 360 px phone"
    page.set_viewport_size({"width": 1280, "height": 900})


def _tick(page, selector: str) -> None:
    field = page.locator(selector)
    page.locator(f"label[for='{field.get_attribute('id')}']").click()
    assert field.is_checked(), selector


def test_client_orders_again_and_asks_for_the_same_worker(page, live_server, axe, client, mailoutbox, settings):
    settings.JOBCENTER_ORDER_FORM_MIN_FILL_SECONDS = 0
    unit = UnitFactory(name="Vallilan yksikkö", email="vallila@example.org")
    maija = UnitStaffFactory(unit=unit, first_name="Maija", last_name="Ohjaaja")
    aino = WorkerFactory(home_unit=unit, user=UserFactory(first_name="Aino", last_name="Virtanen"))
    done = assignment_in(AssignmentStatus.APPROVED, order_status=OrderStatus.APPROVED, worker=aino, unit=unit)
    earlier = done.gig.order
    contact = ClientContactFactory(with_user=True, organisation=earlier.client, name="Timo Tilaaja")
    Order.objects.filter(pk=earlier.pk).update(contact=contact, title="Vallilan siivous")
    mailoutbox.clear()

    # 1. She logs in with a code from her email.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + reverse("account_login"))
    page.get_by_role("link", name="Lähetä minulle kirjautumiskoodi sähköpostiin").click()
    page.wait_for_url(re.compile(r"/accounts/login/code/"))
    page.fill("input[name=email]", contact.email)
    page.get_by_role("button", name="Pyydä koodi").click()
    page.wait_for_url(re.compile(r"/accounts/login/code/confirm/"))
    code = re.search(r"^\s*([A-Z0-9]{3,}(?:-[A-Z0-9]{3,})*)\s*$", mailoutbox[-1].body, re.MULTILINE).group(1)
    page.fill("input[name=code]", code)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()

    # 2. "My orders": the earlier order, who worked, "Order again".
    page.goto(live_server.url + _url("orders:client-account"))
    assert page.get_by_role("heading", name="My orders", level=1).is_visible()
    main = page.locator("main").inner_text()
    assert "Vallilan siivous" in main and "Worked for you: Aino V." in main and "Virtanen" not in main
    _check_both_widths(page, axe)

    # 3. Order again: the form is a copy, without dates; she sends it.
    page.get_by_role("link", name=re.compile(r"^Order again")).first.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name=f"A copy of your order {earlier.number}").is_visible()
    assert page.locator("input[name=title]").input_value() == "Vallilan siivous"
    assert page.locator("input[name=preferred_start]").input_value() == ""
    _check_both_widths(page, axe)
    page.locator("form.public-form button[type=submit]").last.click()
    page.wait_for_load_state()
    new = Order.objects.exclude(pk=earlier.pk).get(title="Vallilan siivous")
    assert new.client_id == earlier.client_id and new.status == OrderStatus.SUBMITTED
    _check_both_widths(page, axe)

    # 4. On the new order she asks for Aino again; nothing is promised.
    page.goto(live_server.url + _url("orders:client-account"))
    page.get_by_role("link", name=f"Ask for a worker you had before – {new.number}").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Ask for a worker you had before", level=1).is_visible()
    _check_both_widths(page, axe)
    page.get_by_label("Aino V.").check()
    page.get_by_role("button", name="Send the wish").click()
    page.wait_for_load_state()
    assert NO_PROMISE in page.locator("main").inner_text()
    assert "You asked for Aino V. again." in page.locator("main").inner_text()
    _check_both_widths(page, axe)
    wish = WorkerAgainRequest.objects.get()
    assert (wish.order_id, wish.worker_id, wish.unit_id) == (new.pk, aino.pk, unit.pk)
    told = set(OutboundEmail.objects.filter(code="worker_again_unit").values_list("to", flat=True))
    assert told == {"vallila@example.org", maija.email}
    assert not OutboundEmail.objects.filter(to=aino.user.email).exists()

    # 5. The order goes on as usual: terms accepted, Aino's unit informed, a gig entered.
    coordinator = CoordinatorFactory()
    services.order_send_terms(order_id=new.pk, by=coordinator)
    new.refresh_from_db()
    services.order_accept_terms(order_id=new.pk, terms_version=new.terms.version, accepted_name="Timo Tilaaja")
    services.order_inform_units(order_id=new.pk, unit_ids=[unit.pk], by=coordinator)
    gig = GigFactory(order=new, date=timezone.localdate() + timezone.timedelta(days=7))

    # 6. The unit sees the wish on its needs page and proposes Aino as usual.
    page.context.clear_cookies()
    log_in(page, client, live_server, maija)
    page.goto(live_server.url + _url("units:needs"))
    wish_item = page.locator(f"#wish-{wish.pk}")
    assert "Aino Virtanen" in wish_item.inner_text()
    _check_both_widths(page, axe, phone_part="#wishes")
    page.goto(live_server.url + _url("units:propose", new.pk, gig.pk))
    _tick(page, f"[name=w{aino.pk}-selected]")
    _tick(page, f"[name=w{aino.pk}-skills_checked]")
    page.locator("form[method=post] button[type=submit]", has_text=re.compile("Propose the chosen")).click()
    page.wait_for_load_state()
    _check_both_widths(page, axe, phone_part="main h1")
    proposed = Assignment.objects.get(gig=gig, worker=aino)
    assert proposed.status == AssignmentStatus.PROPOSED  # she must still accept
    page.goto(live_server.url + _url("units:needs"))
    page.locator(f"#wish-{wish.pk}").get_by_role("button", name=re.compile("^Handled: proposed")).click()
    page.wait_for_load_state()
    wish.refresh_from_db()
    assert wish.outcome == "proposed" and wish.handled_by == maija
    _check_both_widths(page, axe, phone_part="main h1")
