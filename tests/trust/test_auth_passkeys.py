"""AUTH-5, passkeys: the worker opens her benefit figures alone with fingerprint or face login.

Set up once in a strong session (her instructor confirmed her in person), later used alone; seen and
removed by her and by her unit's staff ("Phone lost"); and an emailed-code login still works
without it. Service, predicate and pages with the Django client; the WebAuthn answers come from a
software passkey (tests/support/passkeys.py), checked on the server by allauth and fido2 for real.
"""

from __future__ import annotations

import json
import re
import time

import pytest
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from allauth.mfa.webauthn.internal.auth import WebAuthn
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jobcenter.access_log import access_log_entries, access_log_for_worker
from jobcenter.errors import ActionNotPermitted
from jobcenter.passkey_services import DATA_PASSKEYS, passkey_remove, passkeys_remove_all
from jobcenter.stepup import (
    IN_PERSON_SESSION_KEY,
    PASSKEY_MARK,
    PASSKEY_SESSION_KEY,
    WAYS_IN,
    session_is_strong,
    strong_way_in,
)
from tests.factories import CoordinatorFactory, UnitFactory, UnitStaffFactory, WorkerFactory
from tests.factories.benefits import ReceivedBenefitFactory
from tests.support.passkeys import SoftPasskey, passkey_client

pytestmark = pytest.mark.django_db

# The pages in English: what they say does not wait for the Finnish and Swedish translations.

PASSKEYS = "/en/me/passkeys/"
ADD = "/en/me/passkeys/add/"
OPEN = "/en/me/passkeys/open/"
BENEFITS = "/en/me/benefits/"
JSON = {"HTTP_ACCEPT": "application/json"}
CODE = re.compile(r"^\s*([A-Z0-9]{3,}(?:-[A-Z0-9]+)*)\s*$", re.MULTILINE)  # the emailed login code
OPEN_BUTTON = "Open with fingerprint or face"
SETUP_OFFER = "Set up fingerprint or face login on this phone"
BENEFIT = "Disability pension"  # the label of her benefit


@pytest.fixture
def unit():
    return UnitFactory(name="Vallila")


@pytest.fixture
def worker(unit):
    worker = WorkerFactory(home_unit=unit, user__first_name="Aino", user__last_name="Lahtinen")
    ReceivedBenefitFactory(worker=worker, benefit="disability_pension")
    return worker


@pytest.fixture
def instructor(unit):
    return UnitStaffFactory(unit=unit, first_name="Maija", last_name="Virtanen")


def _phone(worker) -> Client:
    client = passkey_client(Client())
    client.force_login(worker.user)
    return client


def _confirmed_in_person(client) -> None:
    """As after `stepup_confirm` and the phone picking it up (tests/trust/test_auth_stepup.py)."""
    session = client.session
    session[IN_PERSON_SESSION_KEY] = time.time() + 20 * 60
    session.save()


def _creation_options(client) -> dict:
    text = client.get(PASSKEYS).content.decode()
    start = text.index(">", text.index('id="passkey-creation-options"')) + 1
    return json.loads(text[start : text.index("</script>", start)])["creation_options"]


def _set_up(client, passkey: SoftPasskey, name: str = ""):
    answer = passkey.create(_creation_options(client))
    return client.post(ADD, {"name": name, "credential": json.dumps(answer)})


def _open_alone(client, passkey: SoftPasskey, next_url: str = BENEFITS):
    options = client.get(OPEN, **JSON).json()["request_options"]
    return client.post(OPEN, {"credential": json.dumps(passkey.get(options)), "next": next_url})


def _strong(client) -> bool:
    response = client.get(PASSKEYS)
    return response.context["strong"]


@pytest.fixture
def set_up(worker):
    """The worker's passkey, set up on her phone after her instructor confirmed her."""
    phone = _phone(worker)
    _confirmed_in_person(phone)
    passkey = SoftPasskey()
    assert _set_up(phone, passkey).status_code == 302
    return passkey


# --- Setting up ------------------------------------------------------------------------------------
def test_setup__a_weak_session_gets_a_plain_no(worker):
    phone = _phone(worker)

    page = phone.get(PASSKEYS).content.decode()
    refused = phone.post(ADD, {"credential": json.dumps({"id": "x"})})

    assert "passkey-creation-options" not in page
    assert "You can set this up when we know it is you." in page
    assert refused.status_code == 403
    assert "Go to your instructor first" in refused.content.decode()
    assert not Authenticator.objects.filter(user=worker.user).exists()


def test_setup__after_the_in_person_confirmation_the_benefits_page_offers_it(worker):
    phone = _phone(worker)
    assert SETUP_OFFER not in phone.get(BENEFITS).content.decode()

    _confirmed_in_person(phone)

    assert SETUP_OFFER in phone.get(BENEFITS).content.decode()


def test_setup__stores_a_marked_passkey_with_a_dated_default_name(worker):
    phone = _phone(worker)
    _confirmed_in_person(phone)

    response = _set_up(phone, SoftPasskey())

    assert response.status_code == 302 and response.url == PASSKEYS
    row = Authenticator.objects.get(user=worker.user, type=Authenticator.Type.WEBAUTHN)
    today = timezone.localdate()
    assert row.data["name"] == f"Phone, {today.day}.{today.month}.{today.year}"
    assert row.data[PASSKEY_MARK]["way_in"] == "in_person"
    assert not Authenticator.objects.filter(user=worker.user, type=Authenticator.Type.RECOVERY_CODES).exists()
    page = phone.get(PASSKEYS).content.decode()
    assert f"Phone, {today.day}.{today.month}.{today.year}" in page and "Not used yet." in page
    assert (
        access_log_entries().filter(worker=worker, data=DATA_PASSKEYS, action="change", user=worker.user).count() == 1
    )


def test_setup__a_phone_that_did_not_check_the_finger_is_refused(worker):
    phone = _phone(worker)
    _confirmed_in_person(phone)

    _set_up(phone, SoftPasskey(user_verified=False))

    assert not Authenticator.objects.filter(user=worker.user).exists()


def test_setup__the_answer_must_be_to_this_sessions_challenge(worker):
    phone = _phone(worker)
    _confirmed_in_person(phone)
    answer = SoftPasskey().create(_creation_options(phone))
    other = _phone(worker)
    _confirmed_in_person(other)
    _creation_options(other)  # its own challenge

    other.post(ADD, {"credential": json.dumps(answer)})

    assert not Authenticator.objects.filter(user=worker.user).exists()


# --- Later, alone ----------------------------------------------------------------------------------
def test_alone__the_benefits_page_offers_the_passkey_first_and_it_opens_the_figures(worker, set_up):
    phone = _phone(worker)
    page = phone.get(BENEFITS).content.decode()
    assert OPEN_BUTTON in page and BENEFIT not in page
    assert page.index(OPEN_BUTTON) < page.index("Show that it is me")

    response = _open_alone(phone, set_up)

    assert response.status_code == 302 and response.url == BENEFITS
    page = phone.get(BENEFITS).content.decode()
    assert BENEFIT in page and OPEN_BUTTON not in page
    row = Authenticator.objects.get(user=worker.user)
    assert row.last_used_at is not None


def test_alone__strong_for_the_session_not_for_minutes(worker, set_up):
    phone = _phone(worker)
    _open_alone(phone, set_up)

    session = phone.session
    assert session[PASSKEY_SESSION_KEY] and IN_PERSON_SESSION_KEY not in session
    assert _strong(phone)


def test_alone__another_persons_passkey_does_not_open(worker, set_up, unit):
    other = WorkerFactory(home_unit=unit)
    phone = _phone(other)

    assert phone.get(OPEN, **JSON).status_code == 400  # she has no passkey: nothing to ask
    assert not _strong(phone)


def test_alone__a_wrong_signature_does_not_open(worker, set_up):
    phone = _phone(worker)
    impostor = SoftPasskey()
    impostor.credential_id = set_up.credential_id  # the id, not the key

    _open_alone(phone, impostor)

    assert not _strong(phone)


def test_alone__without_javascript_the_open_address_goes_back_to_the_page(worker):
    assert _phone(worker).get(OPEN).url == BENEFITS


def test_alone__a_passkey_added_on_allauths_own_pages_does_not_open_the_figures(worker):
    """allauth's own add page needs only a re-authentication, not an identified person."""
    passkey = SoftPasskey()
    phone = _phone(worker)
    _confirmed_in_person(phone)
    answer = passkey.create(_creation_options(phone))
    WebAuthn.add(worker.user, "Oma avain", answer)
    fresh = _phone(worker)

    assert OPEN_BUTTON not in fresh.get(BENEFITS).content.decode()
    assert fresh.get(OPEN, **JSON).status_code == 400


# --- Logging in ------------------------------------------------------------------------------------
def test_login__with_a_passkey_on_the_login_page_is_strong_from_the_start(worker, set_up):
    browser = passkey_client(Client())
    options = browser.get("/en/accounts/2fa/webauthn/login/", **JSON).json()["request_options"]

    response = browser.post("/en/accounts/2fa/webauthn/login/", {"credential": json.dumps(set_up.get(options))})

    assert response.status_code == 302
    assert browser.session["_auth_user_id"] == str(worker.user.pk)
    assert BENEFIT in browser.get(BENEFITS).content.decode()


def test_login__by_emailed_code_still_works_with_a_passkey_and_is_weak(worker, set_up, mailoutbox):
    """A lost phone must not lock her out: the code logs her in, without the figures."""
    browser = passkey_client(Client())
    browser.post("/en/accounts/login/code/", {"email": worker.user.email})
    code = CODE.search(mailoutbox[0].body).group(1)

    response = browser.post("/en/accounts/login/code/confirm/", {"code": code})

    assert response.status_code == 302 and "/2fa/" not in response.url
    assert browser.session["_auth_user_id"] == str(worker.user.pk)
    page = browser.get(BENEFITS).content.decode()
    assert BENEFIT not in page and OPEN_BUTTON in page


# --- The predicate ---------------------------------------------------------------------------------
def test_predicate__one_function_over_named_ways_in():
    assert [way.name for way in WAYS_IN] == ["in_person", "passkey_stepup", "allauth_mfa", "strong_identity_provider"]


def test_predicate__a_strong_identity_provider_is_a_way_in(worker, rf, settings):
    from django.contrib.sessions.backends.db import SessionStore

    settings.JOBCENTER_STRONG_SOCIAL_PROVIDERS = ["helsinki"]
    request = rf.get("/")
    request.user = worker.user
    request.session = SessionStore()
    request.session["account_authentication_methods_user"] = str(worker.user.pk)
    request.session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "socialaccount", "provider": "helsinki", "at": time.time()}
    ]
    assert strong_way_in(request) == "strong_identity_provider"
    settings.JOBCENTER_STRONG_SOCIAL_PROVIDERS = []
    assert not session_is_strong(request)


# --- Seeing and removing ---------------------------------------------------------------------------
def test_remove__the_worker_removes_her_own_after_a_confirmation_and_the_session_is_weak_again(worker, set_up):
    phone = _phone(worker)
    _open_alone(phone, set_up)
    row = Authenticator.objects.get(user=worker.user)
    url = f"/en/me/passkeys/{row.pk}/remove/"

    assert "Yes, remove" in phone.get(url).content.decode()
    assert Authenticator.objects.filter(pk=row.pk).exists()
    phone.post(url)

    assert not Authenticator.objects.filter(pk=row.pk).exists()
    assert not _strong(phone)
    assert BENEFIT not in phone.get(BENEFITS).content.decode()


def test_remove__another_worker_gets_404(worker, set_up, unit):
    row = Authenticator.objects.get(user=worker.user)
    other = _phone(WorkerFactory(home_unit=unit))
    url = f"/en/me/passkeys/{row.pk}/remove/"

    assert other.get(url).status_code == 404
    assert other.post(url).status_code == 404
    assert Authenticator.objects.filter(pk=row.pk).exists()


def test_unit__staff_see_the_passkeys_and_remove_them_with_a_confirmation(worker, set_up, instructor, client):
    phone = _phone(worker)
    _open_alone(phone, set_up)
    client.force_login(instructor)

    page = client.get(f"/en/unit/workers/{worker.pk}/").content.decode()
    confirm_url = f"/en/unit/workers/{worker.pk}/passkeys/remove/"
    assert "Phone, " in page and "Phone lost: remove passkeys" in page and confirm_url in page
    assert client.get(confirm_url).status_code == 200
    response = client.post(confirm_url)

    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=worker.user, type=Authenticator.Type.WEBAUTHN).exists()
    assert not _strong(phone)  # the session the passkey opened is weak again
    # The access log names who changed the logins.
    entry = access_log_for_worker(worker=worker).filter(data=DATA_PASSKEYS, user=instructor).get()
    assert entry.action == "change"


def test_unit__another_units_staff_get_404(worker, set_up):
    other_staff = UnitStaffFactory(unit=UnitFactory(name="Malmi"))
    client = Client()
    client.force_login(other_staff)
    url = reverse("units:worker-passkeys-remove", args=[worker.pk])

    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert Authenticator.objects.filter(user=worker.user).exists()


def test_service__who_may_remove(worker, set_up, instructor, unit):
    row = Authenticator.objects.get(user=worker.user)
    for stranger in (WorkerFactory(home_unit=unit).user, UnitStaffFactory(unit=UnitFactory())):
        with pytest.raises(ActionNotPermitted):
            passkey_remove(authenticator_id=row.pk, by=stranger)
        with pytest.raises(ActionNotPermitted):
            passkeys_remove_all(worker=worker, by=stranger)
    assert passkeys_remove_all(worker=worker, by=CoordinatorFactory()) == 1
    assert passkeys_remove_all(worker=worker, by=instructor) == 0


def test_her_data_export_names_her_passkeys_and_never_their_keys(worker, set_up):
    from workers.privacy import build_worker_export

    export = json.dumps(build_worker_export(worker=worker, include_special=False), default=str)
    row = Authenticator.objects.get(user=worker.user, type=Authenticator.Type.WEBAUTHN)
    today = timezone.localdate()
    assert f"Phone, {today.day}.{today.month}.{today.year}" in export
    credential = json.dumps(row.data.get("credential", {}))
    assert credential != "{}" and credential not in export
