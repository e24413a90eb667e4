"""A worker's bank account and identity code: the service that enters them (who may, what is
recorded) and its form. The checks are in test_payment_details_validation.py, the pages in
test_payment_details_pages.py; how they are protected (masked, in full only to the payer, never in
emails, logs, exports or after retention) in tests/trust/test_payment_details_protection.py."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from billing.forms_payment_details import PaymentDetailsForm
from billing.models import WorkerPaymentDetails
from billing.services import payment_details as rules
from billing.services.payment_details import (
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
