"""AUTH-1: staff (administrator, coordinator, unit staff) reach no page without the second factor.

A password-only staff session is sent to set up TOTP (no authenticator yet) or to enter its code
(authenticator set up); every staff area and the front page are behind it; the admin has no login
of its own. Workers and client contacts are not affected. Through the real forms: password, then
TOTP, then the pages open.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from jobcenter.middleware import MFA_ALLOWLIST
from jobcenter.models import OutboundEmail
from orders.models import OrderStatus
from tests.factories import (
    AdministratorFactory,
    ClientContactFactory,
    CoordinatorFactory,
    OrderFactory,
    UnitFactory,
    UnitStaffFactory,
    UserFactory,
    WorkerFactory,
)
from tests.factories.auth import give_totp, mark_session_mfa, totp_code
from units.models import StaffRole, UnitMembership

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
ACTIVATE = "/accounts/2fa/totp/activate/"
REAUTH = "/accounts/2fa/reauthenticate/"

STAFF_FACTORIES = {
    "administrator": AdministratorFactory,
    "coordinator": CoordinatorFactory,
    "unit staff": UnitStaffFactory,
}
# Every staff area (and the front page, which shows staff panels), in Finnish and with a prefix.
PROTECTED = ["/", "/coordinator/", "/coordinator/workers/", "/unit/", "/unit/workers/", "/billing/",
             "/billing/payouts/", "/admin/", "/admin/jobcenter/user/", "/sv/unit/", "/en/coordinator/"]  # fmt: skip


def _prefix(path: str) -> str:
    """The language prefix the redirect keeps: "/sv/unit/" -> "/sv"."""
    return path[:3] if path.startswith(("/sv/", "/en/")) else ""


@pytest.fixture(params=list(STAFF_FACTORIES), ids=list(STAFF_FACTORIES))
def staff(request):
    return STAFF_FACTORIES[request.param]()


@pytest.mark.parametrize("path", PROTECTED)
def test_mfa__password_only_staff_without_totp_goes_to_set_it_up(staff, path, client, no_auto_mfa):
    client.force_login(staff)

    response = client.get(path)

    assert response.status_code == 302
    assert response.url == _prefix(path) + ACTIVATE


@pytest.mark.parametrize("path", PROTECTED)
def test_mfa__password_only_staff_with_totp_goes_to_enter_the_code(staff, path, client, no_auto_mfa):
    give_totp(staff)
    client.force_login(staff)

    response = client.get(path)

    assert response.status_code == 302
    assert response.url.startswith(_prefix(path) + REAUTH + "?next=")
    assert response.url.endswith(path.replace("/", "%2F"))


def test_mfa__htmx_request_gets_a_full_page_redirect(client, no_auto_mfa):
    client.force_login(CoordinatorFactory())

    response = client.get("/coordinator/", headers={"HX-Request": "true"})

    assert response.status_code == 204
    assert response["HX-Redirect"] == ACTIVATE


def test_mfa__a_post_to_a_staff_page_changes_nothing_without_mfa(client, no_auto_mfa):
    order = OrderFactory()  # submitted: "send the terms" would move it on
    history = order.status_changes.count()
    client.force_login(CoordinatorFactory())

    response = client.post(reverse("coordinator:order-send-terms", kwargs={"pk": order.pk}))

    assert response.status_code == 302
    assert response.url == ACTIVATE
    order.refresh_from_db()
    assert order.status == OrderStatus.SUBMITTED
    assert order.status_changes.count() == history
    assert not OutboundEmail.objects.filter(code="order_terms").exists()


def test_mfa__with_the_mfa_record_the_staff_pages_open(staff, client, no_auto_mfa):
    give_totp(staff)
    client.force_login(staff)
    mark_session_mfa(client, staff)

    assert client.get("/").status_code == 200


def test_mfa__the_setup_pages_and_logout_stay_reachable(client, no_auto_mfa):
    user = CoordinatorFactory()
    client.force_login(user)

    # allauth asks for the password again before TOTP can be set up: both pages are allowed.
    activate = client.get(ACTIVATE)
    assert activate.status_code == 302 and activate.url.startswith("/accounts/reauthenticate/")
    assert client.get(activate.url).status_code == 200
    assert client.post("/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in client.session
    assert all(path.startswith("/") for path in MFA_ALLOWLIST)


def test_mfa__workers_and_client_contacts_need_no_second_factor(client, no_auto_mfa):
    worker = WorkerFactory()
    client.force_login(worker.user)
    assert client.get("/me/").status_code == 200
    assert client.get("/").status_code == 200

    contact = ClientContactFactory(with_user=True)
    other = Client()
    other.force_login(contact.user)
    assert other.get("/billing/my/").status_code == 200
    assert other.get("/").status_code == 200


def test_mfa__a_role_granted_during_the_session_is_enforced(client, no_auto_mfa):
    worker = WorkerFactory()
    client.force_login(worker.user)
    assert client.get("/me/").status_code == 200

    UnitMembership.objects.create(user=worker.user, unit=UnitFactory(), role=StaffRole.INSTRUCTOR)

    response = client.get("/unit/")
    assert response.status_code == 302 and response.url == ACTIVATE
    # From now on the session is a staff session: the worker pages want the second factor too.
    assert client.get("/me/").status_code == 302


def test_mfa__user_without_a_role_is_not_sent_to_mfa(client, no_auto_mfa):
    client.force_login(UserFactory())
    # Not staff: the staff page itself refuses (403), no MFA detour.
    assert client.get("/unit/").status_code == 403


# --- The Django admin has no login of its own -------------------------------------------------------
def test_admin_login__sends_to_the_allauth_login(client):
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")


def test_admin_login__a_posted_password_does_not_log_in(client):
    admin = AdministratorFactory()

    response = client.post("/admin/login/?next=/admin/", {"username": admin.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


# --- Through the real forms ------------------------------------------------------------------------
def _login_with_password(client, user):
    return client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})


@pytest.mark.parametrize("factory", list(STAFF_FACTORIES.values()), ids=list(STAFF_FACTORIES))
def test_login__password_then_totp_then_the_staff_pages(client, factory):
    user = factory()
    give_totp(user)

    response = _login_with_password(client, user)

    # The password alone does not log in: the session is still anonymous, every page wants a login.
    assert response.status_code == 302 and response.url == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    assert client.get("/coordinator/").url.startswith("/accounts/login/")
    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000" if totp_code() != "000000" else "111111"})
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session

    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code()})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get("/").status_code == 200


def test_login__staff_without_totp_sets_it_up_and_then_enters_a_code(client):
    user = CoordinatorFactory()
    with freeze_time("2026-03-02 08:00:00", tick=False) as clock:
        assert _login_with_password(client, user).status_code == 302
        assert client.get("/coordinator/").url == ACTIVATE

        # allauth wants the password again, then shows the secret to put in the app.
        reauth = client.get(ACTIVATE)
        assert reauth.url.startswith("/accounts/reauthenticate/")
        assert client.post(reauth.url, {"password": PASSWORD}).status_code == 302
        page = client.get(ACTIVATE)
        assert page.status_code == 200
        secret = client.session["mfa.totp.secret"]
        assert secret in page.content.decode()

        activated = client.post(ACTIVATE, {"code": totp_code(secret)})
        assert activated.status_code == 302
        assert activated.url == "/accounts/2fa/recovery-codes/"
        assert client.get(activated.url).status_code == 200  # the recovery codes to keep

        # Setting the app up is not yet using it: the code is asked once more, then the pages open.
        clock.tick(60)
        again = client.get("/coordinator/")
        assert again.url.startswith(REAUTH)
        assert client.post(again.url, {"code": totp_code(secret)}).status_code == 302
        assert client.get("/coordinator/").status_code == 200
