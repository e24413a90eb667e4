"""The worker opens her benefit figures alone with a passkey, in Chromium with a virtual authenticator.

On a 360 px phone she logs in with an emailed code, asks to be identified; her instructor (another
browser, 1280 px) confirms her code in person; she sets up fingerprint or face login. Later, on a
fresh login by code, she opens her figures alone with it (no code to the instructor), and she can
also log in with it from the login page. Then the unit removes her passkeys ("Phone lost") and the
phone no longer opens the figures. axe-core finds no serious or critical problem on the new pages.

The English pages: what they say does not wait for the Finnish and Swedish translations.
WebAuthn needs a secure context: http://localhost is one, and the live server listens there.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client

from tests.factories import UnitFactory, UnitStaffFactory, WorkerFactory
from tests.factories.benefits import ReceivedBenefitFactory
from tests.support.browser import OVERFLOW, SMALL_TAP_TARGETS, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CODE = re.compile(r"^\s*([A-Z0-9]{3,}(?:-[A-Z0-9]+)*)\s*$", re.MULTILINE)
BENEFIT = "Disability pension"  # the label of her benefit (disability_pension)
OPEN = "Open with fingerprint or face"
AUTHENTICATOR = {
    "protocol": "ctap2",
    "transport": "internal",
    "hasResidentKey": True,
    "hasUserVerification": True,
    "isUserVerified": True,
}
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


def _check_phone(page, axe) -> None:
    axe.assert_clean(page)
    assert page.evaluate(OVERFLOW), f"{page.url} is wider than the screen"
    assert page.evaluate(SMALL_TAP_TARGETS) == [], page.url


def _phone(browser):
    context = browser.new_context(locale="fi-FI", timezone_id="Europe/Helsinki", **PHONE)
    context.set_default_timeout(10_000)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    authenticator_id = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": AUTHENTICATOR})["authenticatorId"]
    return context, page, cdp, authenticator_id


def _log_in_by_code(page, live_server, mailoutbox, email: str) -> None:
    sent = len(mailoutbox)
    page.goto(live_server.url + "/en/accounts/login/code/")
    page.fill("input[name=email]", email)
    page.press("input[name=email]", "Enter")
    page.wait_for_url(re.compile(r".*/accounts/login/code/confirm/.*"))
    assert len(mailoutbox) == sent + 1
    page.fill("input[name=code]", CODE.search(mailoutbox[-1].body).group(1))
    page.press("input[name=code]", "Enter")
    page.wait_for_load_state()
    assert "/accounts/" not in page.url, page.url  # no second-factor stage after the code


def test_worker_passkey__set_up_with_the_instructor_then_alone_then_removed(
    browser, page, live_server, axe, mailoutbox, html_collector
):
    assert urlparse(live_server.url).hostname == "localhost"  # an RP id WebAuthn accepts over http
    unit = UnitFactory(name="Vallila")
    worker = WorkerFactory(home_unit=unit, user__first_name="Aino", user__last_name="Lahtinen")
    ReceivedBenefitFactory(worker=worker, benefit="disability_pension")
    instructor = UnitStaffFactory(unit=unit, first_name="Maija", last_name="Virtanen")
    desk = page
    log_in(desk, Client(), live_server, instructor)
    contexts = []
    try:
        # 1. On her phone: a login by code is weak; she asks to be identified.
        context, phone, cdp, first_authenticator = _phone(browser)
        contexts.append(context)
        _log_in_by_code(phone, live_server, mailoutbox, worker.user.email)
        phone.goto(live_server.url + "/en/me/benefits/")
        assert phone.get_by_text(BENEFIT, exact=True).count() == 0
        assert phone.get_by_role("button", name=OPEN).count() == 0  # no passkey yet
        phone.goto(live_server.url + "/en/me/passkeys/")
        assert phone.get_by_text("You can set this up when we know it is you.").is_visible()
        _check_phone(phone, axe)
        phone.goto(live_server.url + "/en/me/identify/")
        phone.get_by_role("button", name="Get a code").click()
        phone.wait_for_load_state()
        code = phone.locator(".stepup-code__digits").inner_text().replace(" ", "")

        # 2. Her instructor confirms her in person.
        desk.goto(live_server.url + "/en/unit/identify/")
        desk.get_by_label("The code on the person's phone").fill(code)
        desk.get_by_role("button", name="Check the code").click()
        desk.wait_for_load_state()
        desk.get_by_label("I have seen this person here and I know it is them.").check()
        desk.get_by_role("button", name="Confirm", exact=True).click()
        desk.wait_for_load_state()
        phone.get_by_role("heading", name="You are identified").wait_for(timeout=15_000)

        # 3. Her benefits page offers fingerprint or face login; she sets it up.
        phone.goto(live_server.url + "/en/me/benefits/")
        assert phone.get_by_text(BENEFIT, exact=True).is_visible()
        _check_phone(phone, axe)
        phone.get_by_role("link", name="Set up fingerprint or face login on this phone").click()
        phone.wait_for_load_state()
        setup = phone.get_by_role("button", name="Set up fingerprint or face login")
        setup.wait_for()
        _check_phone(phone, axe)
        setup.click()
        phone.get_by_text("Fingerprint or face login is ready.").wait_for()
        passkey = Authenticator.objects.get(user=worker.user, type=Authenticator.Type.WEBAUTHN)
        assert passkey.data["name"].startswith("Phone, ")
        assert phone.get_by_text(passkey.data["name"], exact=True).is_visible()
        _check_phone(phone, axe)
        credentials = cdp.send("WebAuthn.getCredentials", {"authenticatorId": first_authenticator})["credentials"]
        assert len(credentials) == 1 and credentials[0]["isResidentCredential"]

        # 4. Later, a fresh login by code on the phone: she opens the figures alone.
        context, phone, cdp, authenticator = _phone(browser)
        contexts.append(context)
        cdp.send("WebAuthn.addCredential", {"authenticatorId": authenticator, "credential": credentials[0]})
        _log_in_by_code(phone, live_server, mailoutbox, worker.user.email)
        phone.goto(live_server.url + "/en/me/benefits/")
        open_button = phone.get_by_role("button", name=OPEN)
        open_button.wait_for()
        assert phone.get_by_text(BENEFIT, exact=True).count() == 0
        _check_phone(phone, axe)
        open_button.click()
        phone.get_by_text(BENEFIT, exact=True).wait_for()
        assert phone.url == live_server.url + "/en/me/benefits/"
        assert phone.get_by_role("link", name="Show that it is me").count() == 0  # no code to the instructor
        assert phone.get_by_role("button", name=OPEN).count() == 0
        _check_phone(phone, axe)

        # 5. She can also log in with it: "Sign in with a passkey" is strong from the start.
        login_context, login_phone, login_cdp, login_authenticator = _phone(browser)
        contexts.append(login_context)
        login_cdp.send("WebAuthn.addCredential", {"authenticatorId": login_authenticator, "credential": credentials[0]})
        login_phone.goto(live_server.url + "/en/accounts/login/")
        login_phone.get_by_role("button", name="Sign in with a passkey").click()
        login_phone.wait_for_url(re.compile(r"^(?!.*/accounts/login/).*$"))
        login_phone.goto(live_server.url + "/en/me/benefits/")
        assert login_phone.get_by_text(BENEFIT, exact=True).is_visible()

        # 6. The phone is lost: the unit removes her passkeys.
        desk.goto(live_server.url + f"/en/unit/workers/{worker.pk}/")
        assert desk.get_by_role("cell", name=passkey.data["name"]).is_visible()
        axe.assert_clean(desk)
        desk.get_by_role("link", name="Phone lost: remove passkeys").click()
        desk.wait_for_load_state()
        axe.assert_clean(desk)
        desk.get_by_role("button", name="Yes, remove the passkeys").click()
        desk.wait_for_load_state()
        assert desk.get_by_text("1 passkey removed.").is_visible()
        assert not Authenticator.objects.filter(user=worker.user, type=Authenticator.Type.WEBAUTHN).exists()

        # The sessions the passkey opened are weak again, and it opens nothing any more.
        for lost in (phone, login_phone):
            lost.goto(live_server.url + "/en/me/benefits/")
            assert lost.get_by_text(BENEFIT, exact=True).count() == 0
            assert lost.get_by_role("button", name=OPEN).count() == 0
            assert lost.get_by_role("link", name="Show that it is me").is_visible()
    finally:
        for context in contexts:
            for open_page in context.pages:
                html_collector.settle(open_page)
            context.close()
