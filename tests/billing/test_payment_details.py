"""A worker's bank account and identity code: the checks (python-stdnum, in plain words), the service
that enters them (who may, what is recorded), the form, and the pages of the coordinator and the unit.

How they are protected (masked, in full only to the payer, never in emails, logs, exports or
after retention) is in tests/trust/test_payment_details_protection.py."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st
from stdnum import iban as stdnum_iban

from billing.forms_payment_details import PaymentDetailsForm
from billing.models import WorkerPaymentDetails
from billing.services import payment_details as rules
from billing.services.payment_details import (
    SEPA_COUNTRIES,
    normalize_bic,
    normalize_iban,
    normalize_identity_code,
    worker_payment_details_set,
)
from jobcenter.errors import ActionNotPermitted, DomainError
from tests.factories import CoordinatorFactory, PayerFactory, UnitFactory, UnitStaffFactory, WorkerFactory
from tests.factories.payments import payment_details
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


# --- The IBAN -------------------------------------------------------------------------------------
def test_normalize_iban__compact_upper_case_and_empty_stays_empty():
    assert normalize_iban(FI_IBAN_TYPED) == FI_IBAN
    assert normalize_iban(" FI21-1234-5600-0007-85\t") == FI_IBAN
    assert normalize_iban("") == "" and normalize_iban(None) == "" and normalize_iban("   ") == ""


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("FI2112345600000786", "iban_checksum"),  # one digit wrong
        ("FI2112345600000758", "iban_checksum"),  # two digits swapped
        ("FI211234560000078", "iban_length"),  # one digit missing
        ("FI21123456000007851", "iban_length"),
        (SA_IBAN, "iban_not_sepa"),
        ("XX2112345600000785", "iban_country"),
        ("1234560000785", "iban_shape"),
        ("FI21 1234 5600 0007 8€", "iban_shape"),
        ("DE0537040044053201300A", "iban_invalid"),  # the check digits match, but a German account is all digits
    ],
)
def test_normalize_iban__refusals(value, code):
    assert _code(normalize_iban, value) == code


def test_normalize_iban__messages_in_plain_words(english):
    with pytest.raises(ValidationError) as caught:
        normalize_iban("FI2112345600000786")
    assert caught.value.messages == ["The check digits of the account number do not match. Check the number."]
    with pytest.raises(ValidationError) as caught:
        normalize_iban(SA_IBAN)
    assert "Only accounts in the SEPA area can be paid." in caught.value.messages[0]


def test_sepa_countries__are_iban_countries_and_include_finland_and_its_neighbours():
    assert {"FI", "SE", "EE", "NO", "DE", "GB", "CH"} <= SEPA_COUNTRIES
    assert not {"US", "SA", "TR", "RU"} & SEPA_COUNTRIES
    assert all(rules._bban_length(country) for country in SEPA_COUNTRIES)


# --- The BIC --------------------------------------------------------------------------------------
def test_normalize_bic():
    assert normalize_bic(" ndeafihh ") == "NDEAFIHH"
    assert normalize_bic("ESSESESS XXX") == "ESSESESSXXX"
    assert normalize_bic("") == ""
    assert _code(normalize_bic, "NDEA") == "bic_invalid"
    assert _code(normalize_bic, "NDEA12HH") == "bic_invalid"  # the country part must be letters


def test_bic_problem__a_foreign_account_needs_one_a_finnish_one_does_not():
    assert rules.bic_problem(FI_IBAN, "") is None
    assert rules.bic_problem(FI_IBAN, "NDEAFIHH") is None
    assert rules.bic_problem(SE_IBAN, "") == rules.BIC_NEEDED
    assert rules.bic_problem(SE_IBAN, "ESSESESS") is None
    assert rules.bic_problem("", "ESSESESS") == rules.BIC_WITHOUT_IBAN
    assert rules.bic_problem("", "") is None


# --- The identity code ----------------------------------------------------------------------------
def test_normalize_identity_code__valid_codes_of_every_century_compact():
    assert normalize_identity_code(" 131052-308t ") == HETU
    assert normalize_identity_code(_hetu(dt.date(1899, 12, 31), 123)) == _hetu(dt.date(1899, 12, 31), 123)
    assert normalize_identity_code(_hetu(dt.date(2005, 1, 1), 2)) == _hetu(dt.date(2005, 1, 1), 2)
    assert normalize_identity_code(_hetu(dt.date(1990, 6, 1), 45, sign="Y")) == _hetu(dt.date(1990, 6, 1), 45, "Y")
    assert normalize_identity_code("") == ""


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("131052-308U", "hetu_checksum"),
        ("131052-309T", "hetu_checksum"),
        ("310252-308T", "hetu_date"),  # 31 February
        ("131052308T", "hetu_shape"),
        ("131052/308T", "hetu_shape"),
        (_hetu(dt.date(1952, 10, 13), 900), "hetu_temporary"),
        (_hetu(dt.date(1952, 10, 13), 1), "hetu_invalid"),
    ],
)
def test_normalize_identity_code__refusals(value, code):
    assert _code(normalize_identity_code, value) == code


def test_normalize_identity_code__a_birth_date_in_the_future_is_refused():
    tomorrow = dt.date(2026, 3, 4)
    with pytest.raises(ValidationError) as caught:
        normalize_identity_code(_hetu(tomorrow, 123), today=dt.date(2026, 3, 3))
    assert caught.value.code == "hetu_future"
    assert normalize_identity_code(_hetu(tomorrow, 123), today=tomorrow)


# --- Property tests (IN-1): valid ones pass, any one-character change fails ------------------------
_SEPA_WITHOUT_NATIONAL_CHECKS = sorted(SEPA_COUNTRIES - {"BE", "ES", "NO"})  # stdnum checks these further


@st.composite
def valid_ibans(draw) -> str:
    country = draw(st.sampled_from(_SEPA_WITHOUT_NATIONAL_CHECKS))
    structure = rules._IBAN_REGISTRY.info(country)[0][1]["bban"]
    alphabet = {"n": "0123456789", "a": "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "c": "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
    bban = "".join(
        draw(st.text(alphabet=alphabet[kind], min_size=int(count), max_size=int(count)))
        for count, kind in re.findall(r"(\d+)!([nac])", structure)
    )
    return country + stdnum_iban.calc_check_digits(country + "00" + bban) + bban


@given(valid_ibans(), st.booleans())
def test_property__valid_ibans_pass_as_typed_in_groups(value, grouped):
    typed = " ".join(value[i : i + 4] for i in range(0, len(value), 4)).lower() if grouped else value
    assert normalize_iban(typed) == value


@given(valid_ibans(), st.integers(min_value=2), st.integers(min_value=1, max_value=9))
def test_property__an_iban_with_one_digit_changed_fails(value, position, shift):
    digits = [i for i, char in enumerate(value) if char.isdigit() and i >= 2]
    i = digits[position % len(digits)]
    changed = value[:i] + str((int(value[i]) + shift) % 10) + value[i + 1 :]
    with pytest.raises(ValidationError):
        normalize_iban(changed)


@given(valid_ibans(), st.integers(min_value=2))
def test_property__an_iban_with_two_neighbours_swapped_fails(value, position):
    pairs = [i for i in range(2, len(value) - 1) if value[i] != value[i + 1]]
    if not pairs:
        return
    i = pairs[position % len(pairs)]
    swapped = value[:i] + value[i + 1] + value[i] + value[i + 2 :]
    with pytest.raises(ValidationError):
        normalize_iban(swapped)


valid_codes = st.builds(
    _hetu, st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2025, 12, 31)), st.integers(2, 899)
)


@given(valid_codes)
def test_property__valid_identity_codes_pass(code):
    assert normalize_identity_code(code.lower()) == code


@given(valid_codes, st.integers(min_value=0), st.integers(min_value=1, max_value=30))
def test_property__an_identity_code_with_one_digit_or_the_check_character_changed_fails(code, position, shift):
    positions = [0, 1, 2, 3, 4, 5, 7, 8, 9, 10]  # not the century sign: it is outside the check
    i = positions[position % len(positions)]
    if i == 10:
        replacement = HETU_CHECK[(HETU_CHECK.index(code[10]) + shift) % 31]
    else:
        replacement = str((int(code[i]) + shift % 9 + 1) % 10)
    changed = code[:i] + replacement + code[i + 1 :]
    with pytest.raises(ValidationError):
        normalize_identity_code(changed)


# --- The service ----------------------------------------------------------------------------------


@pytest.fixture
def worker():
    return WorkerFactory(home_unit=UnitFactory(name="Yksikkö X"))


def _rows(worker, **filters):
    return list(AccessLogEntry.objects.filter(worker=worker, **filters).values_list("data", "action", "outcome"))


@pytest.mark.django_db
def test_set__the_coordinator_enters_them_compact_recorded_and_logged_once_per_kind(worker):
    coordinator = CoordinatorFactory()

    details = worker_payment_details_set(
        worker_id=worker.pk, iban=FI_IBAN_TYPED, bic="", personal_identity_code="131052-308t", by=coordinator
    )

    details = WorkerPaymentDetails.objects.get(pk=details.pk)
    assert (details.iban, details.bic, details.personal_identity_code) == (FI_IBAN, "", HETU)
    assert details.updated_by == coordinator
    assert sorted(_rows(worker)) == [
        ("bank_details", "change", "allowed"),
        ("identity_code", "change", "allowed"),
    ]
    assert AccessLogEntry.objects.filter(worker=worker, user=coordinator, actor_role="coordinator").count() == 2


@pytest.mark.django_db
def test_set__the_staff_of_the_home_unit_may(worker):
    staff = UnitStaffFactory(unit=worker.home_unit)

    worker_payment_details_set(worker_id=worker.pk, iban=SE_IBAN, bic="ESSESESS", personal_identity_code="", by=staff)

    details = WorkerPaymentDetails.objects.get(worker=worker)
    assert (details.iban, details.bic, details.updated_by) == (SE_IBAN, "ESSESESS", staff)
    assert _rows(worker) == [("bank_details", "change", "allowed")]  # no code given: only the account changed


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["other_unit_staff", "the_worker", "payer", "nobody"])
def test_set__nobody_else_and_never_the_worker_themself(worker, who):
    user = {
        "other_unit_staff": lambda: UnitStaffFactory(unit=UnitFactory()),
        "the_worker": lambda: worker.user,
        "payer": PayerFactory,
        "nobody": lambda: WorkerFactory().user,
    }[who]()

    with pytest.raises(ActionNotPermitted):
        worker_payment_details_set(worker_id=worker.pk, iban=FI_IBAN, bic="", personal_identity_code=HETU, by=user)

    assert not WorkerPaymentDetails.objects.exists()
    assert not AccessLogEntry.objects.filter(worker=worker).exists()


@pytest.mark.django_db
def test_set__the_worker_cannot_set_their_own_even_as_staff_of_their_unit(worker):
    """A staff member who is also a worker of their own unit: the account a fee goes to is checked by
    someone else."""
    from units.models import UnitMembership

    UnitMembership.objects.create(user=worker.user, unit=worker.home_unit)

    with pytest.raises(ActionNotPermitted):
        worker_payment_details_set(worker_id=worker.pk, iban=FI_IBAN, bic="", personal_identity_code="", by=worker.user)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"iban": "FI2112345600000786"}, rules.IBAN_CHECKSUM),
        ({"iban": SA_IBAN}, rules.IBAN_NOT_SEPA),
        ({"iban": SE_IBAN}, rules.BIC_NEEDED),
        ({"iban": "", "bic": "NDEAFIHH"}, rules.BIC_WITHOUT_IBAN),
        ({"personal_identity_code": "131052-308U"}, rules.HETU_CHECKSUM),
        ({"personal_identity_code": _hetu(dt.date(1952, 10, 13), 950)}, rules.HETU_TEMPORARY),
    ],
)
def test_set__bad_values_are_refused_with_a_message_and_nothing_changes(worker, english, values, message):
    payment_details(worker, iban=FI_IBAN, code=HETU)
    before = list(WorkerPaymentDetails.objects.values())
    arguments = {"iban": None, "bic": None, "personal_identity_code": None} | values

    with pytest.raises(DomainError) as caught:
        worker_payment_details_set(worker_id=worker.pk, by=CoordinatorFactory(), **arguments)

    assert str(caught.value.message) == str(message)
    assert list(WorkerPaymentDetails.objects.values()) == before
    assert not AccessLogEntry.objects.filter(worker=worker).exists()


@pytest.mark.django_db
def test_set__none_keeps_a_value_empty_clears_it_and_clearing_is_a_logged_change(worker):
    coordinator = CoordinatorFactory()
    payment_details(worker, iban=FI_IBAN, code=HETU)

    worker_payment_details_set(worker_id=worker.pk, iban=None, bic=None, personal_identity_code="", by=coordinator)

    details = WorkerPaymentDetails.objects.get(worker=worker)
    assert (details.iban, details.personal_identity_code, details.updated_by) == (FI_IBAN, "", coordinator)
    assert _rows(worker) == [("identity_code", "change", "allowed")]


@pytest.mark.django_db
def test_set__saving_the_same_values_again_changes_and_logs_nothing(worker):
    coordinator = CoordinatorFactory()
    first = worker_payment_details_set(
        worker_id=worker.pk, iban=FI_IBAN, bic="", personal_identity_code=HETU, by=coordinator
    )
    other = CoordinatorFactory()

    again = worker_payment_details_set(
        worker_id=worker.pk, iban=FI_IBAN_TYPED, bic="", personal_identity_code=HETU.lower(), by=other
    )

    assert again.pk == first.pk and WorkerPaymentDetails.objects.get().updated_by == coordinator
    assert AccessLogEntry.objects.filter(worker=worker).count() == 2


@pytest.mark.django_db
def test_set__empty_values_for_a_worker_without_details_make_no_row(worker):
    worker_payment_details_set(worker_id=worker.pk, iban="", bic="", personal_identity_code="", by=CoordinatorFactory())

    assert not WorkerPaymentDetails.objects.exists()


@pytest.mark.django_db
def test_set__an_anonymised_worker_gets_nothing(worker):
    from django.utils import timezone

    type(worker).objects.filter(pk=worker.pk).update(anonymised_at=timezone.now())

    with pytest.raises(DomainError):
        worker_payment_details_set(
            worker_id=worker.pk, iban=FI_IBAN, bic="", personal_identity_code="", by=CoordinatorFactory()
        )
    assert not WorkerPaymentDetails.objects.exists()


# --- The form -------------------------------------------------------------------------------------
def test_form__the_same_checks_in_plain_words(english):
    form = PaymentDetailsForm(
        {"iban": "FI2112345600000786", "bic": "", "personal_identity_code": "131052-308U"}, current_iban_country=""
    )

    assert not form.is_valid()
    assert form.errors["iban"] == ["The check digits of the account number do not match. Check the number."]
    assert form.errors["personal_identity_code"] == [
        "The check character of the identity code does not match. Check the code."
    ]


def test_form__empty_keeps_remove_clears_and_the_values_are_compact():
    form = PaymentDetailsForm({"iban": FI_IBAN_TYPED, "bic": "", "remove_identity_code": "on"})

    assert form.is_valid(), form.errors
    assert form.service_values() == {"iban": FI_IBAN, "bic": "", "personal_identity_code": ""}

    kept = PaymentDetailsForm({"iban": "", "bic": "", "personal_identity_code": ""}, current_iban_country="FI")
    assert kept.is_valid() and kept.service_values() == {"iban": None, "bic": "", "personal_identity_code": None}


def test_form__a_foreign_account_that_stays_needs_its_bic(english):
    form = PaymentDetailsForm({"iban": "", "bic": ""}, current_iban_country="SE")

    assert not form.is_valid()
    assert form.errors["bic"] == [str(rules.BIC_NEEDED)]
    assert PaymentDetailsForm({"iban": "", "bic": "", "remove_iban": "on"}, current_iban_country="SE").is_valid()


def test_form__a_new_value_and_its_removal_at_once_is_refused():
    form = PaymentDetailsForm({"iban": FI_IBAN, "remove_iban": "on", "personal_identity_code": HETU})

    assert not form.is_valid() and "remove_iban" in form.errors


def test_form__fields_do_not_autocomplete():
    form = PaymentDetailsForm()
    for name in ("iban", "bic", "personal_identity_code"):
        assert form.fields[name].widget.attrs["autocomplete"] == "off"
        assert form.fields[name].widget.attrs["class"] == "hds-text-input__input"


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
def _at_once(functions, *, timeout: float = 30) -> list:
    """Run the callables in threads that start together; each one's result or exception."""
    import threading

    from django.db import connection

    barrier = threading.Barrier(len(functions))
    results: list = [None] * len(functions)

    def runner(index, function):
        try:
            barrier.wait(timeout=timeout)
            results[index] = function()
        except Exception as exc:  # noqa: BLE001 - the outcome is what the tests assert
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout + 30)
    assert not any(t.is_alive() for t in threads), "a thread hung"
    return results


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

    results = _at_once(_first_saves(worker, users))

    assert sum(isinstance(r, IntegrityError) for r in results) == 1, results


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_race__two_first_saves_at_once_make_one_row_and_the_second_wins():
    worker = WorkerFactory()
    users = [CoordinatorFactory(), UnitStaffFactory(unit=worker.home_unit)]

    results = _at_once(_first_saves(worker, users))

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
