"""AUTH-5 in a real browser: a worker on a phone (360 px) gets a code, the instructor confirms it on
their computer, and the phone shows "Sinut on tunnistettu" by itself. axe-core finds no serious or
critical problem on any of the screens, nothing is wider than the phone, every target is 44 px."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import UnitFactory, UnitStaffFactory, WorkerFactory
from tests.support.browser import OVERFLOW, SMALL_TAP_TARGETS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)  # staff get the second factor recorded too (tests/conftest.py)
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
          "url": live_server.url}]
    )  # fmt: skip


def _check_phone(page, axe) -> None:
    axe.assert_clean(page)
    assert page.evaluate(OVERFLOW), f"{page.url} is wider than the screen"
    assert page.evaluate(SMALL_TAP_TARGETS) == [], page.url


def test_stepup__code_on_the_phone_confirmed_by_the_instructor(mobile_page, page, live_server, axe):
    unit = UnitFactory(name="Vallila")
    worker = WorkerFactory(home_unit=unit, user__first_name="Aino", user__last_name="Lahtinen")
    instructor = UnitStaffFactory(unit=unit, first_name="Maija", last_name="Virtanen")
    phone, desk = mobile_page, page
    _log_in(phone, live_server, worker.user)
    _log_in(desk, live_server, instructor)

    phone.goto(live_server.url + "/me/identify/")
    assert phone.get_by_role("heading", name="Näytä omat lukuni").is_visible()
    _check_phone(phone, axe)
    phone.get_by_role("button", name="Hae koodi").click()
    phone.wait_for_load_state()
    code = phone.locator(".stepup-code__digits").inner_text().replace(" ", "")
    assert len(code) == 6 and code.isdigit()
    assert phone.get_by_text("Odotetaan ohjaajaasi.").is_visible()
    _check_phone(phone, axe)

    desk.goto(live_server.url + "/unit/identify/")
    axe.assert_clean(desk)
    desk.get_by_label("Koodi henkilön puhelimessa").fill(code)
    desk.get_by_role("button", name="Tarkista koodi").click()
    desk.wait_for_load_state()
    assert desk.get_by_role("heading", name="Onko tämä Aino Lahtinen?").is_visible()
    axe.assert_clean(desk)
    desk.get_by_label("Olen nähnyt henkilön täällä ja tiedän, että se on hän.").check()
    desk.get_by_role("button", name="Vahvista", exact=True).click()
    desk.wait_for_load_state()
    assert desk.get_by_text("Aino Lahtinen on nyt tunnistettu puhelimessaan").is_visible()

    # The phone asks every few seconds and then shows the whole "identified" page.
    phone.get_by_role("heading", name="Sinut on tunnistettu").wait_for(timeout=15_000)
    phone.wait_for_load_state()
    _check_phone(phone, axe)
    phone.get_by_role("link", name="Takaisin omiin keikkoihin").last.click()
    phone.wait_for_url(live_server.url + "/me/")
