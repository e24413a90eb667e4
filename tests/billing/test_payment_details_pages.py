"""The pages of a worker's bank account and identity code: the coordinator's, the payer's view, the
unit's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from billing.models import WorkerPaymentDetails
from billing.services import payment_details as rules
from billing.services.payment_details import (
    worker_payment_details_set,
)
from tests.factories import CoordinatorFactory, PayerFactory, UnitFactory, UnitStaffFactory, WorkerFactory
from tests.factories.payments import payment_details
from tests.support.races import run_at_once
from workers.models import AccessLogEntry

FI_IBAN = "FI2112345600000785"
FI_IBAN_TYPED = "fi21 1234 5600 0007 85"
SE_IBAN = "SE4550000000058398257466"
SA_IBAN = "SA0380000000608010167519"  # Saudi Arabia: a valid IBAN outside SEPA
HETU = "131052-308T"
HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def _hetu(day: dt.date, individual: int, sign: str | None = None) -> str:
    sign = sign or {1800: "+", 1900: "-", 2000: "A"}[day.year // 100 * 100]
    digits = f"{day:%d%m%y}{individual:03d}"
    return f"{day:%d%m%y}{sign}{individual:03d}{HETU_CHECK[int(digits) % 31]}"


def _code(fn, value) -> str:
    with pytest.raises(ValidationError) as caught:
        fn(value)
    return caught.value.code


@pytest.fixture
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def worker():
    return WorkerFactory(home_unit=UnitFactory(name="Yksikkö X"))


# --- The coordinator's page -----------------------------------------------------------------------
@pytest.mark.django_db
def test_coordinator_page__masked_values_and_a_form_that_starts_empty(client, worker):
    payment_details(worker, iban=FI_IBAN, code=HETU, bic="")
    client.force_login(CoordinatorFactory())

    response = client.get(reverse("payouts:payment-details", kwargs={"worker_pk": worker.pk}))

    body = response.content.decode()
    assert response.status_code == 200
    assert "FI•• •••• •••• •••• 85" in body and "131052-••••" in body
    assert FI_IBAN not in body and "1234 5600" not in body and HETU not in body and "308T" not in body
    assert 'name="iban"' in body and 'name="personal_identity_code"' in body
    assert 'value="show"' not in body and 'name="show"' not in body  # no "show in full" for a coordinator
    assert not AccessLogEntry.objects.filter(worker=worker).exists()  # masked values are not the data


@pytest.mark.django_db
def test_coordinator_page__save_then_the_page_shows_the_new_masked_account(client, worker):
    client.force_login(CoordinatorFactory())
    url = reverse("payouts:payment-details", kwargs={"worker_pk": worker.pk})

    response = client.post(url, {"iban": FI_IBAN_TYPED, "bic": "", "personal_identity_code": HETU})

    assert response.status_code == 302 and response["Location"] == url
    assert WorkerPaymentDetails.objects.get(worker=worker).iban == FI_IBAN
    page = client.get(url).content.decode()
    assert "FI•• •••• •••• •••• 85" in page and FI_IBAN not in page


@pytest.mark.django_db
def test_coordinator_page__a_bad_number_is_a_form_error_not_a_500(client, worker, english):
    client.force_login(CoordinatorFactory())
    url = reverse("payouts:payment-details", kwargs={"worker_pk": worker.pk})

    response = client.post(url, {"iban": "FI21 1234 5600 0007 86", "personal_identity_code": "x" * 5000})

    assert response.status_code == 400
    assert "The check digits of the account number do not match." in response.content.decode()
    assert not WorkerPaymentDetails.objects.exists()


@pytest.mark.django_db
def test_coordinator_page__the_service_s_refusal_shows_on_the_form(client, worker, english):
    """The account stays Swedish, the BIC is emptied: the form does not know the country, the service
    does (the country comes from the masked value, here on a page opened before the change)."""
    payment_details(worker, iban=SE_IBAN, code="", bic="ESSESESS")
    client.force_login(CoordinatorFactory())

    response = client.post(
        reverse("payouts:payment-details", kwargs={"worker_pk": worker.pk}),
        {"iban": "", "bic": "", "personal_identity_code": ""},
    )

    assert response.status_code == 400
    assert "An account outside Finland needs the BIC of the bank." in response.content.decode()
    assert WorkerPaymentDetails.objects.get(worker=worker).bic == "ESSESESS"


@pytest.mark.django_db
def test_coordinator_page__a_payer_sees_masked_values_and_the_buttons_but_no_form(client, worker):
    payment_details(worker, iban=FI_IBAN, code=HETU)
    client.force_login(PayerFactory())

    response = client.get(reverse("payouts:payment-details", kwargs={"worker_pk": worker.pk}))

    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="show" value="iban"' in body and 'name="show" value="identity_code"' in body
    assert 'name="personal_identity_code"' not in body and FI_IBAN not in body


@pytest.mark.django_db
def test_coordinator_page__a_payer_cannot_save(client, worker):
    client.force_login(PayerFactory())

    response = client.post(
        reverse("payouts:payment-details", kwargs={"worker_pk": worker.pk}), {"iban": FI_IBAN, "bic": ""}
    )

    assert response.status_code == 403
    assert not WorkerPaymentDetails.objects.exists()


@pytest.mark.django_db
def test_coordinator_page__unknown_worker_is_404(client):
    client.force_login(CoordinatorFactory())

    assert client.get(reverse("payouts:payment-details", kwargs={"worker_pk": 999999})).status_code == 404


@pytest.mark.django_db
def test_tax_info_page_links_to_the_payment_details(client, worker):
    client.force_login(CoordinatorFactory())

    body = client.get(reverse("payouts:tax-info", kwargs={"worker_pk": worker.pk})).content.decode()

    assert reverse("payouts:payment-details", kwargs={"worker_pk": worker.pk}) in body


# --- The unit's page ------------------------------------------------------------------------------
@pytest.mark.django_db
def test_unit_page__the_home_units_staff_see_masked_values_and_save(client, worker):
    payment_details(worker, iban=FI_IBAN, code=HETU)
    staff = UnitStaffFactory(unit=worker.home_unit)
    client.force_login(staff)
    url = reverse("units:worker-payment-details", kwargs={"pk": worker.pk})

    page = client.get(url)
    saved = client.post(url, {"iban": SE_IBAN, "bic": "ESSESESS", "personal_identity_code": ""})

    assert page.status_code == 200
    body = page.content.decode()
    assert "FI•• •••• •••• •••• 85" in body and FI_IBAN not in body and HETU not in body
    assert saved.status_code == 302 and saved["Location"] == url
    details = WorkerPaymentDetails.objects.get(worker=worker)
    assert (details.iban, details.bic, details.personal_identity_code, details.updated_by) == (
        SE_IBAN,
        "ESSESESS",
        HETU,
        staff,
    )


@pytest.mark.django_db
def test_unit_page__another_units_worker_is_404_never_403(client, worker):
    payment_details(worker, iban=FI_IBAN, code=HETU)
    client.force_login(UnitStaffFactory(unit=UnitFactory()))
    url = reverse("units:worker-payment-details", kwargs={"pk": worker.pk})

    assert client.get(url).status_code == 404
    assert client.post(url, {"iban": SE_IBAN, "bic": "ESSESESS"}).status_code == 404
    assert client.post(url, {"show": "iban"}).status_code == 404
    assert WorkerPaymentDetails.objects.get(worker=worker).iban == FI_IBAN
    assert not AccessLogEntry.objects.filter(worker=worker).exists()


@pytest.mark.django_db
def test_unit_worker_page_links_to_the_payment_details(client, worker):
    client.force_login(UnitStaffFactory(unit=worker.home_unit))

    body = client.get(reverse("units:worker", kwargs={"pk": worker.pk})).content.decode()

    assert reverse("units:worker-payment-details", kwargs={"pk": worker.pk}) in body


# --- Two people saving at once (PostgreSQL, real threads) ----------------------------------------


def _first_saves(worker, users):
    return [
        lambda user=user, n=n: worker_payment_details_set(
            worker_id=worker.pk,
            iban=[FI_IBAN, SE_IBAN][n],
            bic=["", "ESSESESS"][n],
            personal_identity_code=HETU,
            by=user,
        )
        for n, user in enumerate(users)
    ]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_race_control__without_the_workers_lock_two_first_saves_collide(monkeypatch):
    """The control: the worker's row read without a lock, and both callers held until both have
    looked for the details row; both then insert it and the one-to-one key refuses the second."""
    import threading

    from django.db import IntegrityError

    worker = WorkerFactory()
    users = [CoordinatorFactory(), UnitStaffFactory(unit=worker.home_unit)]
    window = threading.Barrier(2, timeout=15)
    original = rules._details_of

    def details_then_wait(found_for):
        found = original(found_for)
        window.wait()
        return found

    monkeypatch.setattr(rules, "_locked_worker", lambda pk: type(worker).objects.filter(pk=pk).first())
    monkeypatch.setattr(rules, "_details_of", details_then_wait)

    results = run_at_once(_first_saves(worker, users))

    assert sum(isinstance(r, IntegrityError) for r in results) == 1, results


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_race__two_first_saves_at_once_make_one_row_and_the_second_wins():
    worker = WorkerFactory()
    users = [CoordinatorFactory(), UnitStaffFactory(unit=worker.home_unit)]

    results = run_at_once(_first_saves(worker, users))

    assert all(isinstance(r, WorkerPaymentDetails) for r in results), results
    assert WorkerPaymentDetails.objects.filter(worker=worker).count() == 1
    stored = WorkerPaymentDetails.objects.get(worker=worker)
    assert stored.iban in {FI_IBAN, SE_IBAN} and stored.personal_identity_code == HETU
    # The first save logs both kinds, the second only the account it changed.
    assert AccessLogEntry.objects.filter(worker=worker, data="bank_details").count() == 2
    assert AccessLogEntry.objects.filter(worker=worker, data="identity_code").count() == 1


@pytest.mark.django_db
def test_coordinator_page__a_payer_is_not_sent_to_the_coordinators_payout_list(client, worker):
    client.force_login(PayerFactory())

    body = client.get(reverse("payouts:payment-details", kwargs={"worker_pk": worker.pk})).content.decode()

    assert reverse("payouts:list") + '"' not in body


@pytest.mark.django_db
def test_coordinators_worker_page_links_to_the_payment_details(client, worker):
    client.force_login(CoordinatorFactory())

    body = client.get(reverse("worker_certificates:worker", kwargs={"pk": worker.pk})).content.decode()

    assert reverse("payouts:payment-details", kwargs={"worker_pk": worker.pk}) in body
