"""The Foundation's promise, in a real browser: after `seed_demo`, a person can log in with each
printed demo login through the login form and lands on the page for that role."""

import pytest
from django.core.management import call_command

from demo.management.commands.seed_demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, LOGINS
from jobcenter.roles import Role
from tests.factories.auth import totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What each role sees first on the front page (Finnish, the default language).
FIRST_HEADING = {
    Role.ADMINISTRATOR: "Tilaukset tiloittain",
    Role.COORDINATOR: "Tänään",  # the coordinator's start page, the work queue
    Role.UNIT_STAFF: "Yksiköilleni ilmoitetut tarpeet",
    Role.WORKER: "Sinulle tarjotut keikat",
    Role.CLIENT_CONTACT: "Organisaatiosi tilaukset",
    Role.PAYER: "Sinua odottavat maksuajot",
}
# Where a role lands, when not on the front page.
FIRST_PATH = {Role.COORDINATOR: "/coordinator/today"}
# Staff log in with the password and then a code from the authenticator app (AUTH-1).
STAFF_ROLES = {Role.ADMINISTRATOR, Role.COORDINATOR, Role.UNIT_STAFF, Role.PAYER}


@pytest.fixture
def demo(live_server):
    call_command("seed_demo", force=True, verbosity=0)


@pytest.mark.parametrize("login", LOGINS, ids=[login.label for login in LOGINS])
def test_demo_login__each_role_logs_in_through_the_form(demo, page, live_server, axe, login):
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", login.email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator('form[action="/accounts/login/"] button[type=submit]').click()
    page.wait_for_load_state()
    if login.role in STAFF_ROLES:
        assert page.url.endswith("/accounts/2fa/authenticate/")
        axe.assert_clean(page)
        page.fill("input[name=code]", totp_code(DEMO_TOTP_SECRET))
        page.locator("form:has(input[name=code]) button[type=submit]").first.click()
        page.wait_for_load_state()

    assert page.url.rstrip("/") == live_server.url + FIRST_PATH.get(login.role, "")
    assert page.get_by_role("heading", name=FIRST_HEADING[login.role]).first.is_visible()
    axe.assert_clean(page)


def test_demo_login__wrong_password_gets_a_clear_message(demo, page, live_server):
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", LOGINS[1].email)
    page.fill("input[name=password]", "not-the-password")
    page.locator('form[action="/accounts/login/"] button[type=submit]').click()
    page.wait_for_load_state()

    assert "/accounts/login/" in page.url
    assert page.get_by_text("Annettu sähköposti tai salasana ei ole oikein.").count() >= 1
