"""AUTH-5, in-person step-up: a worker shows a code, staff confirm the person, it is recorded, and
only the worker's own session becomes strong, for a limited time.

Service (`jobcenter.stepup_services`) and pages (`/me/identify/`, `/unit/identify/`) with the
Django client.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client
from freezegun import freeze_time

from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.models import StepUpRequest
from jobcenter.stepup import IN_PERSON_SESSION_KEY, PENDING_SESSION_KEY, session_is_strong
from jobcenter.stepup_services import (
    hash_code,
    stepup_confirm,
    stepup_request_create,
    stepup_request_find,
)
from tests.factories import CoordinatorFactory, UnitFactory, UnitStaffFactory, UserFactory, WorkerFactory

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def unit():
    return UnitFactory(name="Vallila")


@pytest.fixture
def worker(unit):
    return WorkerFactory(home_unit=unit, user__first_name="Aino", user__last_name="Lahtinen")


@pytest.fixture
def instructor(unit):
    return UnitStaffFactory(unit=unit, first_name="Maija", last_name="Virtanen")


# --- Service ---------------------------------------------------------------------------------------
def test_create__six_digits_stored_only_as_hashes(worker):
    stepup, code = stepup_request_create(user=worker.user, session_key="phone-session")

    assert len(code) == 6 and code.isdigit()
    assert stepup.code_hash == hash_code(code) and code not in stepup.code_hash
    assert "phone-session" not in stepup.session_key_hash
    assert stepup.expires_at - stepup.created_at == dt.timedelta(minutes=settings.JOBCENTER_STEPUP_CODE_MINUTES)


def test_create__codes_are_random(worker):
    codes = {stepup_request_create(user=worker.user, session_key="s")[1] for _n in range(5)}
    assert len(codes) >= 4


def test_create__a_new_code_replaces_the_old_one(worker, instructor):
    _first, old_code = stepup_request_create(user=worker.user, session_key="s")
    stepup_request_create(user=worker.user, session_key="s")

    with pytest.raises(DomainError):
        stepup_request_find(code=old_code, by=instructor)
    assert StepUpRequest.objects.filter(user=worker.user, cancelled_at__isnull=True).count() == 1


def test_create__only_for_workers():
    with pytest.raises(ActionNotPermitted):
        stepup_request_create(user=UserFactory(), session_key="s")


def test_confirm__home_unit_staff_confirm_and_it_is_recorded(worker, instructor):
    stepup, code = stepup_request_create(user=worker.user, session_key="s")

    found = stepup_request_find(code=f"{code[:3]} {code[3:]}", by=instructor)
    confirmed = stepup_confirm(stepup_id=found.pk, code=code, by=instructor)

    confirmed.refresh_from_db()
    assert confirmed.confirmed_by == instructor
    assert confirmed.confirmed_at is not None
    assert confirmed.strong_until - confirmed.confirmed_at == dt.timedelta(
        minutes=settings.JOBCENTER_STEPUP_IN_PERSON_MINUTES
    )


def test_confirm__the_coordinator_may_confirm(worker):
    coordinator = CoordinatorFactory()
    stepup, code = stepup_request_create(user=worker.user, session_key="s")

    assert stepup_confirm(stepup_id=stepup.pk, code=code, by=coordinator).confirmed_by == coordinator


@pytest.mark.parametrize("who", ["other unit's staff", "plain user", "the worker"])
def test_confirm__nobody_else_may_and_the_answer_is_the_same_as_a_wrong_code(worker, who):
    by = {
        "other unit's staff": lambda: UnitStaffFactory(unit=UnitFactory()),
        "plain user": UserFactory,
        "the worker": lambda: worker.user,
    }[who]()
    stepup, code = stepup_request_create(user=worker.user, session_key="s")

    with pytest.raises(DomainError) as found:
        stepup_request_find(code=code, by=by)
    with pytest.raises(DomainError) as confirmed:
        stepup_confirm(stepup_id=stepup.pk, code=code, by=by)
    with pytest.raises(DomainError) as wrong:
        stepup_request_find(code="000000" if code != "000000" else "111111", by=by)

    assert str(found.value.message) == str(confirmed.value.message) == str(wrong.value.message)
    stepup.refresh_from_db()
    assert stepup.confirmed_at is None


def test_confirm__a_code_works_once(worker, instructor):
    stepup, code = stepup_request_create(user=worker.user, session_key="s")
    stepup_confirm(stepup_id=stepup.pk, code=code, by=instructor)

    with pytest.raises(DomainError):
        stepup_confirm(stepup_id=stepup.pk, code=code, by=instructor)
    with pytest.raises(DomainError):
        stepup_request_find(code=code, by=instructor)


def test_confirm__an_expired_code_fails(worker, instructor):
    with freeze_time(START) as clock:
        stepup, code = stepup_request_create(user=worker.user, session_key="s")
        clock.tick(dt.timedelta(minutes=settings.JOBCENTER_STEPUP_CODE_MINUTES, seconds=1))

        with pytest.raises(DomainError):
            stepup_request_find(code=code, by=instructor)
        with pytest.raises(DomainError):
            stepup_confirm(stepup_id=stepup.pk, code=code, by=instructor)


def test_confirm__the_id_needs_its_own_code(worker, instructor):
    stepup, code = stepup_request_create(user=worker.user, session_key="s")
    wrong = "000000" if code != "000000" else "111111"

    with pytest.raises(DomainError):
        stepup_confirm(stepup_id=stepup.pk, code=wrong, by=instructor)


# --- The worker's page -----------------------------------------------------------------------------
def _confirm_latest(worker, by, code):
    stepup = StepUpRequest.objects.filter(user=worker.user).latest("created_at")
    return stepup_confirm(stepup_id=stepup.pk, code=code, by=by)


def _code_on(response) -> str:
    html = response.content.decode()
    marker = 'class="stepup-code__digits"'
    start = html.index(marker)
    digits = html[html.index(">", start) + 1 : html.index("</p>", start)]
    return digits.replace(" ", "")


def test_worker_page__shows_a_code_and_after_confirmation_you_are_identified(client, worker, instructor):
    client.force_login(worker.user)
    page = client.get("/me/identify/")
    assert page.status_code == 200
    assert "Näytä omat lukuni" in page.content.decode() or "Show my figures" in page.content.decode()

    response = client.post("/me/identify/")
    code = _code_on(response)
    assert len(code) == 6
    assert client.session[PENDING_SESSION_KEY]

    _confirm_latest(worker, instructor, code)
    status = client.get("/me/identify/", headers={"HX-Request": "true"})

    assert status["HX-Refresh"] == "true"
    assert client.session[IN_PERSON_SESSION_KEY] > 0
    assert PENDING_SESSION_KEY not in client.session
    page = client.get("/me/identify/")
    assert "stepup-status--done" in page.content.decode()


def test_worker_page__the_confirmation_counts_only_in_the_session_that_asked(worker, instructor):
    phone, other = Client(), Client()
    phone.force_login(worker.user)
    other.force_login(worker.user)
    code = _code_on(phone.post("/me/identify/"))
    # The other session copies the pending id: the session key's hash still does not match.
    session = other.session
    session[PENDING_SESSION_KEY] = phone.session[PENDING_SESSION_KEY]
    session.save()

    _confirm_latest(worker, instructor, code)
    other.get("/me/identify/")
    phone.get("/me/identify/")

    assert IN_PERSON_SESSION_KEY not in other.session
    assert IN_PERSON_SESSION_KEY in phone.session


def test_worker_page__strong_only_for_a_while(worker, instructor):
    with freeze_time(START) as clock:
        client = Client()
        client.force_login(worker.user)
        code = _code_on(client.post("/me/identify/"))
        _confirm_latest(worker, instructor, code)
        request = _request_for(client)
        assert session_is_strong(request)

        clock.tick(dt.timedelta(minutes=settings.JOBCENTER_STEPUP_IN_PERSON_MINUTES, seconds=1))

        assert not session_is_strong(_request_for(client))


def _request_for(client):
    from django.contrib.auth import get_user
    from django.test import RequestFactory

    request = RequestFactory().get("/me/")
    request.session = client.session
    request.user = get_user(request)
    return request


def test_worker_page__a_waiting_code_is_not_strong(client, worker):
    client.force_login(worker.user)
    client.post("/me/identify/")

    assert not session_is_strong(_request_for(client))
    page = client.get("/me/identify/").content.decode()
    assert 'hx-get="/me/identify/"' in page


def test_worker_page__links_to_the_authenticator_app_setup(client, worker):
    client.force_login(worker.user)
    assert 'href="/accounts/2fa/"' in client.get("/me/identify/").content.decode()


def test_worker_page__not_for_other_users(client):
    client.force_login(UserFactory())
    assert client.post("/me/identify/").status_code == 403
    assert not StepUpRequest.objects.exists()


# --- The staff page --------------------------------------------------------------------------------
def test_staff_page__enter_the_code_see_the_name_confirm(client, worker, instructor):
    stepup, code = stepup_request_create(user=worker.user, session_key="s")
    client.force_login(instructor)
    assert client.get("/unit/identify/").status_code == 200

    found = client.post("/unit/identify/", {"step": "find", "code": code})

    assert found.status_code == 200
    assert "Aino Lahtinen" in found.content.decode()
    stepup.refresh_from_db()
    assert stepup.confirmed_at is None  # seeing the name confirms nothing

    missing_tick = client.post("/unit/identify/", {"step": "confirm", "stepup": stepup.pk, "code": code})
    assert missing_tick.status_code == 200
    stepup.refresh_from_db()
    assert stepup.confirmed_at is None

    done = client.post("/unit/identify/", {"step": "confirm", "stepup": stepup.pk, "code": code, "seen": "on"})

    assert done.status_code == 302
    stepup.refresh_from_db()
    assert stepup.confirmed_by == instructor
    assert "Aino Lahtinen" in client.get(done.url).content.decode()  # the success message


def test_staff_page__a_wrong_code_says_so(client, worker, instructor):
    stepup_request_create(user=worker.user, session_key="s")
    client.force_login(instructor)

    response = client.post("/unit/identify/", {"step": "find", "code": "12345"})

    assert response.status_code == 200
    assert "Aino" not in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode() or "hds-text-input--invalid" in response.content.decode()


def test_staff_page__another_units_staff_cannot_see_whose_code_it_is(client, worker):
    _stepup, code = stepup_request_create(user=worker.user, session_key="s")
    client.force_login(UnitStaffFactory(unit=UnitFactory()))

    response = client.post("/unit/identify/", {"step": "find", "code": code})

    assert "Aino" not in response.content.decode()


def test_staff_page__attempts_are_limited(client, worker, instructor):
    _stepup, code = stepup_request_create(user=worker.user, session_key="s")
    client.force_login(instructor)
    for n in range(20):
        client.post("/unit/identify/", {"step": "find", "code": f"{n:06d}"})

    response = client.post("/unit/identify/", {"step": "find", "code": code})

    assert response.status_code == 429
    assert "Aino" not in response.content.decode()


def test_staff_page__for_staff_and_coordinators_only(client, worker):
    client.force_login(worker.user)
    assert client.get("/unit/identify/").status_code == 403
    coordinator = Client()
    coordinator.force_login(CoordinatorFactory())
    assert coordinator.get("/unit/identify/").status_code == 200
