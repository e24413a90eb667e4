"""A worker's bank account and identity code are protected data (LOG-1, LOG-4, AUTHZ-3, DATA-1,
GDPR-1/2): masked for every role, in full only to the paying role (one value per deliberate POST,
one access-log row each; anyone else a 403 and a "denied" row), never cached, never in an email, a
URL, a technical log or an error report, masked in the worker's data export, and gone when the
worker's retention runs (the payment's own frozen account later, after the accounting period).

The pages that read them are registered (`billing.privacy_payments.SENSITIVE_VIEWS`); no other page
of the URL matrix may show them, whoever asks."""

from __future__ import annotations

import io
import logging
import sys

import pytest
from django.test import Client
from django.urls import resolve, reverse
from django.views.debug import get_exception_reporter_class

from billing.privacy_payments import SENSITIVE_VIEWS
from billing.selectors_payment_details import payment_detail_reveal
from jobcenter.access_log import DATA_BANK_DETAILS, DATA_IDENTITY_CODE
from jobcenter.logging import IBAN_MARK, IBAN_RE, RedactPersonalDataFilter, redact
from tests.factories import CoordinatorFactory, PayerFactory, UnitStaffFactory, WorkerFactory
from tests.factories.payments import payment_details
from tests.support.payment_details import (
    HETU,
    IBAN,
    IBAN_GROUPED,
    access_rows,
    coordinator_page,
    leaked_values,
    response_body,
    unit_page,
)
from tests.support.url_matrix import MATRIX, STAFF_ROLES, world  # noqa: F401 - `world` is the fixture
from workers.models import AccessLogEntry


@pytest.fixture
def worker():
    return WorkerFactory()


@pytest.fixture
def details(worker):
    return payment_details(worker, iban=IBAN, code=HETU)


# --- In full: only the payer, one look one row ------------------------------------------------------
@pytest.mark.django_db
def test_show_in_full__the_payer_sees_the_account_once_and_one_row_is_written(client, worker, details):
    payer = PayerFactory()
    client.force_login(payer)

    response = client.post(coordinator_page(worker), {"show": "iban"})

    body = response_body(response)
    assert response.status_code == 200
    assert IBAN_GROUPED in body and HETU not in body  # the one value asked for, not the other
    assert "no-store" in response["Cache-Control"]
    assert access_rows(worker) == [(DATA_BANK_DETAILS, "view", "allowed", coordinator_page(worker))]
    entry = AccessLogEntry.objects.get(worker=worker)
    assert entry.user == payer and entry.actor_role == "payer" and entry.request_id == response["X-Request-ID"]
    # The value is in no URL: the page posts to itself and the value is not put in the form's action.
    assert IBAN not in response.request["PATH_INFO"] and "?" not in coordinator_page(worker)


@pytest.mark.django_db
def test_show_in_full__the_identity_code_is_its_own_look(client, worker, details):
    client.force_login(PayerFactory())

    response = client.post(coordinator_page(worker), {"show": "identity_code"})

    assert HETU in response_body(response) and IBAN_GROUPED not in response_body(response)
    assert [row[:3] for row in access_rows(worker)] == [(DATA_IDENTITY_CODE, "view", "allowed")]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["coordinator", "home_unit_staff"])
@pytest.mark.parametrize("what", ["iban", "identity_code"])
def test_show_in_full__anyone_else_gets_403_and_a_denied_row(client, worker, details, who, what):
    user = CoordinatorFactory() if who == "coordinator" else UnitStaffFactory(unit=worker.home_unit)
    client.force_login(user)
    url = coordinator_page(worker) if who == "coordinator" else unit_page(worker)

    response = client.post(url, {"show": what})

    assert response.status_code == 403
    assert not leaked_values(response_body(response))
    data = DATA_BANK_DETAILS if what == "iban" else DATA_IDENTITY_CODE
    assert access_rows(worker) == [(data, "view", "denied", url)]


@pytest.mark.django_db
def test_show_in_full__a_payer_who_is_also_the_home_units_staff_gets_it_on_the_units_page(client, worker, details):
    payer = PayerFactory()
    from units.models import UnitMembership

    UnitMembership.objects.create(user=payer, unit=worker.home_unit)
    client.force_login(payer)

    page = client.get(unit_page(worker))
    shown = client.post(unit_page(worker), {"show": "iban"})

    assert 'name="show" value="iban"' in response_body(page)
    assert IBAN_GROUPED in response_body(shown) and [row[2] for row in access_rows(worker)] == ["allowed"]


@pytest.mark.django_db
def test_show_in_full__not_in_a_session_that_is_not_strong(worker, details):
    """The payer logs in with a second factor (staff), so this is the selector's own guard."""
    from jobcenter.errors import ActionNotPermitted

    with pytest.raises(ActionNotPermitted):
        payment_detail_reveal(user=PayerFactory(), worker=worker, what="iban", strong=False)
    assert [row[2] for row in access_rows(worker)] == ["denied"]


@pytest.mark.django_db
def test_show_in_full__nothing_stored_shows_nothing_and_logs_nothing(client, worker):
    client.force_login(PayerFactory())

    response = client.post(coordinator_page(worker), {"show": "iban"})

    assert response.status_code == 200 and not access_rows(worker)


@pytest.mark.django_db
def test_show_in_full__an_unknown_choice_is_a_message_not_a_500(client, worker, details):
    client.force_login(PayerFactory())

    response = client.post(coordinator_page(worker), {"show": "everything"})

    assert response.status_code == 302 and not access_rows(worker)


# --- Masked everywhere else -------------------------------------------------------------------------
@pytest.mark.django_db
@pytest.mark.parametrize("page", ["coordinator", "unit"])
def test_masked_pages__never_the_values_never_cached(client, worker, details, page):
    user = CoordinatorFactory() if page == "coordinator" else UnitStaffFactory(unit=worker.home_unit)
    client.force_login(user)
    url = coordinator_page(worker) if page == "coordinator" else unit_page(worker)

    shown = client.get(url)
    # A refused form shows what was typed (to be corrected), never what is stored.
    refused = client.post(url, {"iban": "FI30 4055 3622 2334 76", "personal_identity_code": ""})

    assert shown.status_code == 200 and refused.status_code == 400
    for response in (shown, refused):
        assert not leaked_values(response_body(response))
        assert "no-store" in response["Cache-Control"]
    assert "FI•• •••• •••• •••• 75" in response_body(shown) and "240387-••••" in response_body(shown)


def test_sensitive_views__are_the_urls_of_the_two_pages():
    for name in SENSITIVE_VIEWS:
        route = "/billing/payouts/workers/1/payment-details/" if name.startswith("payouts:") else None
        url = route or reverse(name, kwargs={"pk": 1})
        assert resolve(url).view_name == name
    assert reverse("payouts:payment-details", kwargs={"worker_pk": 1}) == "/billing/payouts/workers/1/payment-details/"


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["coordinator", "unit"])
def test_sensitive_views__a_failure_while_saving_leaves_no_value_in_the_log_or_the_error_report(
    worker, page, monkeypatch
):
    """LOG-4: a careless exception with both values in its message; the log and Django's error report
    (the admins' email) must carry neither."""
    from billing.services import payment_details as service

    def failing(**values):
        raise ValueError(f"could not save {values['iban']} and {values['personal_identity_code']}")

    monkeypatch.setattr(
        f"web.{'coordinator' if page == 'coordinator' else 'unit'}.payment_details.worker_payment_details_set", failing
    )
    assert service.worker_payment_details_set is not failing
    stream = io.StringIO()
    handlers = [
        h
        for h in logging.getLogger().handlers
        if isinstance(h, logging.StreamHandler) and any(isinstance(f, RedactPersonalDataFilter) for f in h.filters)
    ]
    assert handlers
    old = [h.setStream(stream) for h in handlers]
    client = Client(raise_request_exception=False)
    client.force_login(CoordinatorFactory() if page == "coordinator" else UnitStaffFactory(unit=worker.home_unit))
    url = coordinator_page(worker) if page == "coordinator" else unit_page(worker)
    try:
        response = client.post(url, {"iban": IBAN_GROUPED, "bic": "", "personal_identity_code": HETU})
    finally:
        for handler, stream_before in zip(handlers, old, strict=True):
            handler.setStream(stream_before)

    assert response.status_code == 500
    log = stream.getvalue()
    assert "ValueError" in log and not leaked_values(log) and IBAN_MARK in log
    # The error report: the posted values are hidden (sensitive_post_parameters), the message redacted.
    request = response.wsgi_request
    try:
        failing(iban=IBAN, personal_identity_code=HETU)
    except ValueError:
        exc_info = sys.exc_info()
    reporter = get_exception_reporter_class(request)(request, *exc_info)
    for report in (reporter.get_traceback_text(), reporter.get_traceback_html()):
        assert not leaked_values(str(report))


# --- The log filter knows IBANs --------------------------------------------------------------------
@pytest.mark.parametrize(
    "text", [IBAN, IBAN_GROUPED, IBAN_GROUPED.lower(), "SE4550000000058398257466", "NO9386011117947"]
)
def test_redact__ibans_compact_or_in_groups(text):
    assert redact(f"tili {text}, muuta") == f"tili {IBAN_MARK}, muuta"


@pytest.mark.parametrize(
    "text",
    [
        "reference RF18539007547034",
        "RF18 5390 0754 7034",
        "request id de12a1b2c3d4e5f6a7b8c9d0e1f2a3b4",  # a hexadecimal id that begins like a German IBAN
        "VAT FI02012566",
        "message JC12-20260303101500",
    ],
)
def test_redact__leaves_references_and_ids_alone(text):
    assert redact(text) == text and not IBAN_RE.search(text)
