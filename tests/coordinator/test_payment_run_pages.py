"""The payment-run pages: make a run, see its payments and holds, approve, discard, the bank file,
the bank's status report; who may do what, the accounts masked but to the paying role, the access log."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from billing.models import PaymentRun, PaymentRunStatus, PayoutStatus, mask_iban
from billing.services.payment_runs import payment_run_approve, payment_run_create
from jobcenter.access_log import ACTION_DOWNLOAD, ACTION_VIEW, DATA_BANK_DETAILS, DATA_PAYOUT
from tests.factories import CoordinatorFactory, WorkerFactory
from tests.factories.payments import approved_commission_work, payer_user, payment_details
from tests.support.bank import status_report_for
from tests.support.pages import visible
from web.coordinator.payment_run_forms import default_cutoff_date, default_payment_date
from workers.models import AccessLogEntry

pytestmark = pytest.mark.django_db

JAN = dt.date(2025, 1, 15)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def as_user(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def en(url: str) -> str:
    """The English page (reversed under English, the address has its /en/ prefix)."""
    assert url.startswith("/en/"), url
    return url


def paid_worker(first_name: str, last_name: str = "Virtanen"):
    worker = WorkerFactory(user__first_name=first_name, user__last_name=last_name)
    payment_details(worker)
    approved_commission_work(worker, JAN, "10")
    return worker


def draft(by=None) -> PaymentRun:
    today = timezone.localdate()
    return payment_run_create(payment_date=today, cutoff_date=today, by=by or CoordinatorFactory())


# --- The list and a new run -----------------------------------------------------------------------
def test_default_dates__the_next_15th_or_month_end_and_work_up_to_yesterday():
    assert default_payment_date(dt.date(2026, 12, 3)) == dt.date(2026, 12, 15)
    assert default_payment_date(dt.date(2026, 12, 15)) == dt.date(2026, 12, 31)
    assert default_payment_date(dt.date(2026, 12, 31)) == dt.date(2027, 1, 15)
    assert default_payment_date(dt.date(2027, 2, 20)) == dt.date(2027, 2, 28)
    assert default_cutoff_date(dt.date(2026, 12, 3)) == dt.date(2026, 12, 2)


def test_list__empty_with_the_new_run_form_for_the_coordinator_only():
    response = as_user(CoordinatorFactory()).get(en(reverse("payment_runs:list")))
    text = visible(response)
    assert response.status_code == 200
    assert "No payment runs yet." in text and "New payment run" in text
    assert f'value="{default_payment_date(timezone.localdate()):%Y-%m-%d}"' in response.content.decode()

    response = as_user(payer_user()).get(en(reverse("payment_runs:list")))
    assert response.status_code == 200 and "New payment run" not in visible(response)


def test_list__refused_to_other_roles():
    assert as_user(WorkerFactory().user).get(en(reverse("payment_runs:list"))).status_code == 403
    assert Client().get(en(reverse("payment_runs:list"))).status_code == 302


def test_create__makes_the_run_and_shows_it():
    paid_worker("Aino")
    today = timezone.localdate()
    client = as_user(CoordinatorFactory())
    response = client.post(
        en(reverse("payment_runs:create")), {"payment_date": today.isoformat(), "cutoff_date": today.isoformat()}
    )
    run = PaymentRun.objects.get()
    assert response.status_code == 302 and response["Location"] == en(reverse("payment_runs:detail", args=[run.pk]))
    text = visible(client.get(response["Location"]))
    assert "The payment run is made: 1 payments." in text and "Aino Virtanen" in text


def test_create__nothing_to_pay_and_bad_dates_are_form_errors():
    client = as_user(CoordinatorFactory())
    today = timezone.localdate()
    response = client.post(
        en(reverse("payment_runs:create")), {"payment_date": today.isoformat(), "cutoff_date": today.isoformat()}
    )
    assert response.status_code == 400 and "the run would pay nobody" in visible(response)
    response = client.post(
        en(reverse("payment_runs:create")),
        {"payment_date": today.isoformat(), "cutoff_date": (today + dt.timedelta(days=1)).isoformat()},
    )
    assert response.status_code == 400 and "must be done by the payment date" in visible(response)
    response = client.post(en(reverse("payment_runs:create")), {"payment_date": "31.31.2026", "cutoff_date": ""})
    assert response.status_code == 400
    assert not PaymentRun.objects.exists()


def test_create__a_payer_alone_is_refused():
    paid_worker("Aino")
    today = timezone.localdate()
    response = as_user(payer_user()).post(
        en(reverse("payment_runs:create")), {"payment_date": today.isoformat(), "cutoff_date": today.isoformat()}
    )
    assert response.status_code == 403 and not PaymentRun.objects.exists()


# --- A run's page ---------------------------------------------------------------------------------
def test_detail__masked_to_the_coordinator_in_full_to_the_payer_each_view_logged():
    aino = paid_worker("Aino")
    held = WorkerFactory(user__first_name="Eero", user__last_name="Esimerkki")
    approved_commission_work(held, JAN, "2")
    run = draft()
    iban = aino.payment_details.iban
    url = en(reverse("payment_runs:detail", args=[run.pk]))

    text = visible(as_user(CoordinatorFactory()).get(url))
    assert mask_iban(iban) in text and iban not in text
    assert "Eero Esimerkki No bank account (IBAN) on file" in text
    assert not AccessLogEntry.objects.filter(data=DATA_BANK_DETAILS).exists()
    assert AccessLogEntry.objects.filter(data=DATA_PAYOUT, action=ACTION_VIEW).count() == 2  # Aino and Eero

    payer = payer_user()
    response = as_user(payer).get(url)
    assert iban in visible(response)
    assert reverse("payouts:payment-details", kwargs={"worker_pk": held.pk}) in response.content.decode()
    (row,) = AccessLogEntry.objects.filter(data=DATA_BANK_DETAILS, user=payer)
    assert (row.worker_id, row.action) == (aino.pk, ACTION_VIEW)


def test_detail__a_page_of_100_payments_and_a_search_by_name():
    for n in range(101):
        paid_worker(f"Worker{n:03d}")
    paid_worker("Ulla", "Uniikki")
    run = draft()
    client = as_user(CoordinatorFactory())
    url = en(reverse("payment_runs:detail", args=[run.pk]))

    text = visible(client.get(url))
    # By name: Ulla Uniikki and the first 99 of the Virtanens are on the first page of 100.
    assert "Page 1 of 2" in text and "Ulla Uniikki" in text and text.count(" Virtanen ") == 99

    text = visible(client.get(url, {"q": "uniik"}))
    assert "Ulla Uniikki" in text and "Worker000" not in text
    assert "No payment to a worker named" in visible(client.get(url, {"q": "nobody"}))


def _queries_of_detail(workers: int) -> int:
    PaymentRun.objects.update(status=PaymentRunStatus.DISCARDED)
    for n in range(workers):
        paid_worker(f"W{workers}-{n}")
        approved_commission_work(WorkerFactory(), JAN, "1")  # and as many held out
    run = draft()
    client = as_user(payer_user())
    url = en(reverse("payment_runs:detail", args=[run.pk]))
    client.get(url)  # the session and the permission caches warmed
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_detail__the_same_number_of_queries_for_2_or_20_payments():
    assert _queries_of_detail(2) == _queries_of_detail(20)


def test_detail__states_after_approval_and_the_bank_file_link_for_the_payer():
    paid_worker("Aino")
    paid_worker("Bo", "Berg")
    run = payment_run_approve(run_id=draft().pk, by=payer_user())
    run.payouts.filter(worker_name="Bo Berg").update(
        status=PayoutStatus.REJECTED, bank_reason_code="AC04", bank_reason="Tili on suljettu."
    )
    payer = payer_user()
    text = visible(as_user(payer).get(en(reverse("payment_runs:detail", args=[run.pk]))))
    assert "Download the bank file" in text and "Upload the bank's status report" in text
    # The reason in the reader's language:
    assert "Sent to the bank" in text and "Rejected by the bank The account has been closed." in text
    assert "The Incomes Register reports of this payment date" in text
    coordinator_text = visible(as_user(CoordinatorFactory()).get(en(reverse("payment_runs:detail", args=[run.pk]))))
    assert "Download the bank file" not in coordinator_text


# --- Approve and discard --------------------------------------------------------------------------
def test_approve__a_confirmation_with_the_totals_then_approved():
    paid_worker("Aino")
    run = draft()
    client = as_user(payer_user())
    url = en(reverse("payment_runs:approve", args=[run.pk]))

    text = visible(client.get(url))
    assert "Approve and make the bank file" in text and "100.00 €" in text and "40.00 €" in text
    response = client.post(url)

    run.refresh_from_db()
    assert response.status_code == 302 and run.status == PaymentRunStatus.APPROVED
    assert "The payment run is approved: 1 payments." in visible(client.get(response["Location"]))


def test_approve__not_by_its_maker_and_not_by_the_coordinator():
    paid_worker("Aino")
    maker = payer_user()
    maker.user_permissions.add(*CoordinatorFactory().user_permissions.all())
    run = draft(by=type(maker).objects.get(pk=maker.pk))
    client = as_user(maker)
    url = en(reverse("payment_runs:approve", args=[run.pk]))

    text = visible(client.get(url))
    assert "You made this run, so another person with the paying role approves it." in text
    assert "Approve and make the bank file" not in text
    response = client.post(url, follow=True)
    assert "You made this payment run" in visible(response)
    assert as_user(CoordinatorFactory()).post(url).status_code == 403
    run.refresh_from_db()
    assert run.status == PaymentRunStatus.DRAFT


def test_discard__confirmed_then_discarded():
    paid_worker("Aino")
    run = draft()
    client = as_user(CoordinatorFactory())
    url = en(reverse("payment_runs:discard", args=[run.pk]))
    assert "Nothing is paid." in visible(client.get(url))
    response = client.post(url)
    run.refresh_from_db()
    assert response["Location"] == en(reverse("payment_runs:list")) and run.status == PaymentRunStatus.DISCARDED
    response = client.post(url, follow=True)
    assert "only a draft can be changed" in visible(response)


# --- The bank file and the status report ----------------------------------------------------------
def test_bank_file__the_payer_downloads_it_each_worker_logged():
    aino, bo = paid_worker("Aino"), paid_worker("Bo", "Berg")
    run = draft()
    url = en(reverse("payment_runs:bank-file", args=[run.pk]))
    payer = payer_user()
    assert as_user(payer).get(url).status_code == 404  # a draft has no bank file
    run = payment_run_approve(run_id=run.pk, by=payer_user())

    response = as_user(payer).get(url)

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="maksuaineisto-{run.payment_date:%Y-%m-%d}-{run.pk}.xml"'
    )
    assert response.content == run.bank_file.open("rb").read()
    logged = AccessLogEntry.objects.filter(data=DATA_BANK_DETAILS, action=ACTION_DOWNLOAD, user=payer)
    assert sorted(logged.values_list("worker_id", flat=True)) == sorted([aino.pk, bo.pk])
    assert as_user(CoordinatorFactory()).get(url).status_code == 403


def test_status_report__read_with_counts_bad_files_are_form_errors(settings):
    paid_worker("Aino")
    paid_worker("Bo", "Berg")
    run = payment_run_approve(run_id=draft().pk, by=payer_user())
    bo = run.payouts.get(worker_name="Bo Berg")
    client = as_user(payer_user())
    url = en(reverse("payment_runs:status-report", args=[run.pk]))

    response = client.post(url, {"report": SimpleUploadedFile("x.xml", b"not xml", content_type="text/xml")})
    assert response.status_code == 400 and "hds-text-input__error-text" in response.content.decode()
    settings.JOBCENTER_UPLOAD_MAX_BYTES = 10
    response = client.post(url, {"report": SimpleUploadedFile("x.xml", b"<x>" * 10, content_type="text/xml")})
    assert response.status_code == 400 and "The file is too large" in visible(response)
    settings.JOBCENTER_UPLOAD_MAX_BYTES = 10 * 1024 * 1024

    content = status_report_for(run.bank_file.open("rb").read(), rejected={bo.end_to_end_id: "AC04"})
    response = client.post(url, {"report": SimpleUploadedFile("status.xml", content, content_type="text/xml")})
    assert response.status_code == 302
    assert "1 paid, 1 rejected" in visible(client.get(response["Location"]))
    assert as_user(CoordinatorFactory()).get(url).status_code == 403


# --- The payout page ------------------------------------------------------------------------------
def test_payout_page__no_payouts_without_a_run_a_link_to_the_runs():
    aino = WorkerFactory()
    approved_commission_work(aino, timezone.localdate().replace(day=1) - dt.timedelta(days=3), "2")
    response = as_user(CoordinatorFactory()).get(en(reverse("payouts:list")))
    content = response.content.decode()
    assert "Create payouts" not in visible(response) and "payouts/create/" not in content
    assert reverse("payment_runs:list") in content
