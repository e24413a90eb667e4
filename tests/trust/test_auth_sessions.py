"""AUTH-4: sessions start fresh and end for real; re-authentication before security changes.

A new session key at login; logout deletes the session on the server; a deactivated user's other
session is anonymous at its next request; sessions end after inactivity and after an absolute
time, sooner for staff; changing the email address or the second factor asks for the password again.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from freezegun import freeze_time

from jobcenter.middleware import SESSION_STARTED_KEY, timeouts_for
from tests.factories import ClientContactFactory, CoordinatorFactory, UserFactory, WorkerFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
START = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)


def _cookie(client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _replay(cookie: str) -> Client:
    other = Client()
    other.cookies[settings.SESSION_COOKIE_NAME] = cookie
    return other


def test_login__gives_a_new_session_key(client):
    user = UserFactory()
    session = client.session  # an anonymous session with a cookie
    session["visited"] = True
    session.save()
    before = _cookie(client)

    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})

    assert response.status_code == 302
    after = _cookie(client)
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()
    assert client.session["_auth_user_id"] == str(user.pk)


def test_logout__the_old_cookie_is_anonymous(client):
    worker = WorkerFactory()
    client.force_login(worker.user)
    cookie = _cookie(client)
    assert _replay(cookie).get("/me/").status_code == 200

    client.post("/accounts/logout/")

    assert not Session.objects.filter(session_key=cookie).exists()
    response = _replay(cookie).get("/me/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_deactivated_user__the_other_session_is_anonymous_at_once():
    worker = WorkerFactory()
    phone, computer = Client(), Client()
    phone.force_login(worker.user)
    computer.force_login(worker.user)
    assert phone.get("/me/").status_code == 200

    worker.user.is_active = False
    worker.user.save(update_fields=["is_active"])

    response = phone.get("/me/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert computer.get("/me/").status_code == 302


def test_changed_password__other_sessions_end(client):
    worker = WorkerFactory()
    client.force_login(worker.user)
    worker.user.set_password("a new long passphrase 42")
    worker.user.save()

    assert client.get("/me/").status_code == 302


# --- Timeouts --------------------------------------------------------------------------------------
def test_timeouts__staff_limits_are_shorter_and_documented_in_settings():
    staff_idle, staff_absolute = timeouts_for(staff=True)
    idle, absolute = timeouts_for(staff=False)
    assert staff_idle == settings.JOBCENTER_STAFF_IDLE_TIMEOUT_MINUTES * 60 == 30 * 60
    assert idle == settings.JOBCENTER_IDLE_TIMEOUT_MINUTES * 60 == 120 * 60
    assert staff_idle < idle and staff_absolute < absolute


def test_idle_timeout__staff_are_logged_out_after_30_minutes_without_requests(client):
    with freeze_time(START) as clock:
        client.force_login(CoordinatorFactory())
        assert client.get("/coordinator/").status_code == 200
        clock.tick(dt.timedelta(minutes=29))
        assert client.get("/coordinator/").status_code == 200  # activity: the clock starts again
        clock.tick(dt.timedelta(minutes=31))

        response = client.get("/coordinator/")

        assert response.status_code == 302
        assert response.url == "/accounts/login/?next=%2Fcoordinator%2F"
        assert "_auth_user_id" not in client.session


def test_idle_timeout__workers_keep_their_session_longer(client):
    worker = WorkerFactory()
    with freeze_time(START) as clock:
        client.force_login(worker.user)
        clock.tick(dt.timedelta(minutes=60))
        assert client.get("/me/").status_code == 200
        clock.tick(dt.timedelta(minutes=121))

        response = client.get("/me/")

    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_idle_timeout__the_login_page_says_why(client):
    with freeze_time(START) as clock:
        client.force_login(ClientContactFactory(with_user=True).user)
        clock.tick(dt.timedelta(hours=3))
        response = client.get("/", follow=True)

    assert "Sinut kirjattiin ulos, koska istunto päättyi." in response.content.decode()


def test_absolute_timeout__an_active_staff_session_ends_after_the_limit(client):
    client.force_login(CoordinatorFactory())
    session = client.session
    session[SESSION_STARTED_KEY] = time.time() - settings.JOBCENTER_STAFF_ABSOLUTE_TIMEOUT_MINUTES * 60 - 1
    session.save()

    response = client.get("/coordinator/")

    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_absolute_timeout__a_session_within_the_limit_goes_on(client):
    client.force_login(CoordinatorFactory())
    session = client.session
    session[SESSION_STARTED_KEY] = time.time() - settings.JOBCENTER_STAFF_ABSOLUTE_TIMEOUT_MINUTES * 60 + 120
    session.save()

    assert client.get("/coordinator/").status_code == 200


# --- Re-authentication before security changes ----------------------------------------------------
def test_email_change__needs_a_fresh_password(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post("/accounts/email/", {"action_add": "", "email": "new@example.org"})

    assert response.status_code == 302
    assert response.url.startswith("/accounts/reauthenticate/")
    assert not EmailAddress.objects.filter(email="new@example.org").exists()


def test_mfa_setup__needs_a_fresh_password(client):
    client.force_login(WorkerFactory().user)

    response = client.get("/accounts/2fa/totp/activate/")

    assert response.status_code == 302
    assert response.url.startswith("/accounts/reauthenticate/")


def test_mfa_setup__after_the_password_the_page_opens(client):
    user = WorkerFactory(user__password="correct horse battery staple").user
    client.force_login(user)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})

    assert client.get("/accounts/2fa/totp/activate/").status_code == 200
