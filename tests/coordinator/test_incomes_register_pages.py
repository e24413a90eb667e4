"""The Incomes Register page, its actions and the due-date warning of every coordinator page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.template import engines
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from freezegun import freeze_time

from billing.incomes_register.deliveries import ir_delivery_create, ir_delivery_send
from billing.incomes_register.reports import ir_report_cancel_for_payout, ir_reports_for_run
from billing.models import (
    IncomesRegisterDelivery,
    IncomesRegisterReport,
    IncomesRegisterReportKind,
    IncomesRegisterReportStatus,
    PaymentRun,
    PaymentRunStatus,
    Payout,
    PayoutStatus,
)
from jobcenter.access_log import ACTION_DOWNLOAD, ACTION_VIEW, DATA_IR_REPORT
from tests.factories import CoordinatorFactory, PayerFactory, UnitStaffFactory, UserFactory, WorkerFactory
from tests.factories.payments import payment_details
from tests.support.pages import visible
from workers.models import AccessLogEntry

pytestmark = pytest.mark.django_db

Status = IncomesRegisterReportStatus
PAYMENT_DATE = dt.date(2027, 1, 15)
TODAY = "2027-01-18 10:00:00"  # the reports of 15.1. are due 20.1., within two days


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def outbox(tmp_path, settings):
    settings.JOBCENTER_IR_OUTBOX_DIR = tmp_path / "outbox"
    settings.JOBCENTER_IR_TRANSPORT = "billing.incomes_register.transports.FolderTransport"
    return tmp_path / "outbox"


def approved_run(payment_date=PAYMENT_DATE) -> PaymentRun:
    return PaymentRun.objects.create(
        payment_date=payment_date,
        cutoff_date=payment_date,
        created_by=CoordinatorFactory(),
        status=PaymentRunStatus.APPROVED,
        approved_by=PayerFactory(),
        approved_at=timezone.now(),
    )


def reports(count=2, payment_date=PAYMENT_DATE) -> tuple[PaymentRun, list[Payout]]:
    run = approved_run(payment_date)
    payouts = []
    for n in range(count):
        worker = WorkerFactory()
        payment_details(worker)
        gross, tax = Decimal("100.00") + n, Decimal("25.00")
        payouts.append(
            Payout.objects.create(
                worker=worker,
                worker_name=worker.display_name,
                period_start=payment_date - dt.timedelta(days=10),
                period_end=payment_date - dt.timedelta(days=1),
                hours=Decimal("3.00"),
                gross=gross,
                withholding_percent=Decimal("25.00"),
                tax_withheld=tax,
                net=gross - tax,
                created_by=run.created_by,
                run=run,
                status=PayoutStatus.IN_PAYMENT,
                payment_date=payment_date,
            )
        )
    ir_reports_for_run(run=run, by=run.approved_by)
    return run, payouts


def url(name: str, *args) -> str:
    return reverse(f"incomes_register:{name}", args=args)


def logged_in(client, user):
    client.force_login(user)
    return user


# --- Who gets in ------------------------------------------------------------------------------


def test_list__anonymous_to_login_others_refused_coordinator_and_payer_admitted(client):
    assert client.get(url("list")).status_code == 302
    for outsider in (UserFactory(), UnitStaffFactory(), WorkerFactory().user):
        client.force_login(outsider)
        assert client.get(url("list")).status_code == 403
    for insider in (CoordinatorFactory(), PayerFactory()):
        client.force_login(insider)
        assert client.get(url("list")).status_code == 200


# --- The list -----------------------------------------------------------------------------------


@freeze_time(TODAY)
def test_list__shows_each_report_masked_with_its_due_warning_and_logs_each_worker(client):
    _run, payouts = reports(2)
    logged_in(client, CoordinatorFactory())

    response = client.get(url("list"))

    text = visible(response)
    for payout in payouts:
        code = payout.worker.payment_details.personal_identity_code
        assert payout.worker_name in text
        assert code not in response.content.decode()  # never in full
        assert f"{code[:7]}••••" in text
    assert "100.00 €" in text and "101.00 €" in text and "25.00 €" in text
    assert "15.1.2027" in text and "20.1.2027" in text and "Due soon" in text
    assert "2 Incomes Register reports are due by 20.1.2027 and not sent." in text
    assert "Send the reports of 15.1.2027 now" in text
    logged = AccessLogEntry.objects.filter(data=DATA_IR_REPORT, action=ACTION_VIEW)
    assert sorted(logged.values_list("worker_id", flat=True)) == sorted(p.worker_id for p in payouts)


def test_list__filters_by_state_and_payment_date_and_a_bad_date_is_a_form_error(client):
    reports(1)
    reports(1, payment_date=PAYMENT_DATE + dt.timedelta(days=7))
    IncomesRegisterReport.objects.filter(payment_date=PAYMENT_DATE).update(status=Status.SENT)
    logged_in(client, CoordinatorFactory())

    assert visible(client.get(url("list"), {"status": "sent"})).count("JC-") == 1
    text = visible(client.get(url("list"), {"payment_date": "2027-01-22"}))
    assert "22.1.2027" in text and "1 report" in text
    bad = client.get(url("list"), {"payment_date": "2027-13-45", "status": "nonsense"})
    assert bad.status_code == 200
    assert "Enter a valid date." in visible(bad) and "Select a valid choice." in visible(bad)


def test_list__pages_of_fifty(client):
    reports(51)
    logged_in(client, CoordinatorFactory())

    first = visible(client.get(url("list")))
    second = visible(client.get(url("list"), {"page": "2"}))

    assert "51 reports" in first and "Page 1 of 2" in first
    assert "Page 2 of 2" in second
    assert AccessLogEntry.objects.filter(data=DATA_IR_REPORT).count() == 51


# --- Send now and resend ------------------------------------------------------------------------


def test_send_now__sends_the_waiting_reports_of_the_payment_date(client, outbox):
    reports(2)
    logged_in(client, PayerFactory())

    response = client.post(url("send"), {"payment_date": "2027-01-15"}, follow=True)

    delivery = IncomesRegisterDelivery.objects.get()
    assert "The reports were sent" in visible(response)
    assert (outbox / f"{delivery.delivery_id}.xml").exists()
    assert set(IncomesRegisterReport.objects.values_list("status", flat=True)) == {Status.SENT}


@pytest.mark.parametrize("posted", [{}, {"payment_date": "yesterday"}, {"payment_date": "2027-02-01"}])
def test_send_now__bad_or_empty_input_is_a_message_and_no_delivery(client, posted):
    reports(1)
    logged_in(client, CoordinatorFactory())

    response = client.post(url("send"), posted, follow=True)

    assert response.status_code == 200
    assert "waiting" in visible(response)
    assert not IncomesRegisterDelivery.objects.exists()


def test_resend__a_failed_delivery_is_sent_by_the_button(client, settings, outbox):
    reports(1)
    delivery = ir_delivery_create(payment_date=PAYMENT_DATE)
    outbox.write_text("a file where the folder should be")  # the folder cannot be made
    ir_delivery_send(delivery.pk)
    outbox.unlink()
    logged_in(client, CoordinatorFactory())
    assert f"Send {delivery.delivery_id} again" in visible(client.get(url("list")))

    response = client.post(url("resend", delivery.pk), follow=True)

    assert "The reports were sent" in visible(response)
    delivery.refresh_from_db()
    assert delivery.sent_at is not None and delivery.last_error == ""
    assert client.post(url("resend", 999999)).status_code == 404


# --- Correct a report ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("posted", "error"),
    [
        ({"amount": "abc", "tax_withheld": "25", "reason": "x"}, "Enter a number."),
        ({"amount": "100", "tax_withheld": "150", "reason": "x"}, "The tax withheld cannot be more than the fee."),
        ({"amount": "0", "tax_withheld": "0", "reason": "x"}, "greater than or equal to 0.01"),
        ({"amount": "120", "tax_withheld": "30", "reason": ""}, "This field is required."),
        ({"amount": "100.00", "tax_withheld": "25.00", "reason": "same"}, "nothing to correct"),
    ],
)
def test_correct__bad_input_is_a_form_error_and_makes_nothing(client, posted, error):
    reports(1)
    report = IncomesRegisterReport.objects.get()
    logged_in(client, CoordinatorFactory())

    response = client.post(url("correct", report.pk), {**posted, "confirm": "1"})

    assert response.status_code == 400
    assert error in visible(response)
    assert IncomesRegisterReport.objects.count() == 1


def test_correct__previews_then_makes_the_replacement(client):
    reports(1)
    report = IncomesRegisterReport.objects.get()
    logged_in(client, CoordinatorFactory())
    assert "Correct an Incomes Register report" in visible(client.get(url("correct", report.pk)))

    preview = client.post(url("correct", report.pk), {"amount": "120.50", "tax_withheld": "30.00", "reason": "Hours"})

    text = visible(preview)
    assert preview.status_code == 200 and "Confirm the correction" in text
    assert "100.00 €" in text and "120.50 €" in text and "30.00 €" in text
    assert IncomesRegisterReport.objects.count() == 1

    done = client.post(
        url("correct", report.pk), {"amount": "120.50", "tax_withheld": "30.00", "reason": "Hours", "confirm": "1"}
    )

    assert done.status_code == 302
    replacement = IncomesRegisterReport.objects.get(kind=IncomesRegisterReportKind.REPLACEMENT)
    assert (replacement.amount, replacement.tax_withheld, replacement.version) == (Decimal("120.50"), Decimal("30"), 2)
    assert client.get(url("correct", 999999)).status_code == 404


# --- Download (the paying role only) and cancellations -------------------------------------------


def test_download__the_payer_gets_the_file_and_each_worker_in_it_is_logged(client):
    _run, payouts = reports(2)
    delivery = ir_delivery_create(payment_date=PAYMENT_DATE)
    logged_in(client, CoordinatorFactory())
    assert client.get(url("download", delivery.pk)).status_code == 403

    logged_in(client, PayerFactory())
    response = client.get(url("download", delivery.pk))

    assert response.status_code == 200 and response["Content-Type"] == "application/xml"
    assert "no-store" in response["Cache-Control"]
    assert b"WageReportsRequestToIR" in response.content
    logged = AccessLogEntry.objects.filter(data=DATA_IR_REPORT, action=ACTION_DOWNLOAD)
    assert sorted(logged.values_list("worker_id", flat=True)) == sorted(p.worker_id for p in payouts)
    assert client.get(url("download", 999999)).status_code == 404


def test_cancellation__shown_with_its_reference_and_marked_done(client):
    run, payouts = reports(1)
    ir_delivery_send(ir_delivery_create(payment_date=PAYMENT_DATE).pk)
    [cancellation] = ir_report_cancel_for_payout(payout=payouts[0], reason="Account closed", by=run.approved_by)
    logged_in(client, CoordinatorFactory())

    text = visible(client.get(url("list")))
    assert "Correct the report of" not in text  # a cancelled report is not corrected
    assert "Cancellations to make in the Incomes Register's e-service" in text
    assert f"JC-{payouts[0].pk} (version 1)" in text and "Account closed" in text

    response = client.post(url("cancellation-done", cancellation.pk), follow=True)

    assert "The cancellation is marked done." in visible(response)
    cancellation.refresh_from_db()
    assert cancellation.status == Status.SENT
    again = client.post(url("cancellation-done", cancellation.pk), follow=True)
    assert "marked done already" in visible(again)


# --- The warning on every coordinator page -------------------------------------------------------


def _render_warning(user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    template = engines["django"].from_string("{% load incomes_register %}{% ir_due_warning %}")
    return template.render({}, request)


@freeze_time(TODAY)
def test_warning__three_reports_due_in_one_query_with_a_link():
    reports(3)
    user = CoordinatorFactory()
    user.has_perm("jobcenter.coordinate")  # the role's permissions cached, as on a page

    with CaptureQueriesContext(connection) as queries:
        html = _render_warning(user)

    assert "3 Incomes Register reports are due by 20.1.2027 and not sent." in " ".join(html.split())
    assert f'href="{url("list")}"' in html
    assert len(queries) == 1


@freeze_time("2027-01-16 10:00:00")
def test_warning__not_yet_due_sent_or_for_another_role_shows_nothing():
    reports(1)  # due 20.1., more than two days away on 16.1.
    assert "Incomes Register" not in _render_warning(CoordinatorFactory())
    with freeze_time("2027-01-21 10:00:00"):
        assert "due by 20.1.2027" in _render_warning(PayerFactory())  # overdue is a warning too
        assert _render_warning(UnitStaffFactory()).strip() == ""
        IncomesRegisterReport.objects.update(status=Status.SENT)
        assert "Incomes Register" not in _render_warning(CoordinatorFactory())


@freeze_time(TODAY)
@pytest.mark.parametrize("page", ["coordinator:dashboard", "billing:invoice-list", "payment_runs:list"])
def test_warning__is_on_the_coordinators_pages(client, page):
    reports(2)
    client.force_login(CoordinatorFactory())

    with translation.override("en"):
        text = visible(client.get(reverse(page)))

    assert "2 Incomes Register reports are due by 20.1.2027 and not sent." in text
