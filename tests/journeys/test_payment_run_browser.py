"""Paying workers in Chromium, from the draft to the bank and the Incomes Register (the English pages):

the coordinator makes a payment run (a worker without a bank account is held out, with the reason);
a second person, of the paying role, approves it and downloads the bank file (valid pain.001); the
bank's status report, rejecting one payment, is uploaded back (valid pain.002); the Incomes Register
reports went out at approval (the delivery valid against the register's schema), and the rejected
payment's report waits as a cancellation to make in the register's e-service; the worker sees what
she was paid on her phone. axe-core finds no serious problems on any of the pages.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from lxml import etree

from billing.bank_files.schemas import pain001_schema, pain002_schema
from billing.bank_files.simulated import status_report_for
from billing.incomes_register.xml import wage_reports_schema
from billing.models import (
    IncomesRegisterReport,
    IncomesRegisterReportKind,
    IncomesRegisterReportStatus,
    PaymentRun,
    PaymentRunStatus,
    PayoutStatus,
)
from tests.factories import CoordinatorFactory, PayerFactory, WorkerFactory
from tests.factories.payments import approved_commission_work, payment_details
from tests.support.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _goto(page, live_server, name, *args):
    with translation.override("en"):
        page.goto(live_server.url + reverse(name, args=args))


def test_payment_run_browser__draft_approved_bank_file_status_report_and_incomes_register(
    page, mobile_page, live_server, axe, client, tmp_path, settings
):
    settings.JOBCENTER_IR_OUTBOX_DIR = tmp_path / "ir-outbox"
    work_day = timezone.localdate() - dt.timedelta(days=7)
    aino = WorkerFactory(user__first_name="Aino", user__last_name="Virtanen")
    payment_details(aino)
    bo = WorkerFactory(user__first_name="Bo", user__last_name="Berg")
    payment_details(bo)
    mikko = WorkerFactory(user__first_name="Mikko", user__last_name="Tilitön")
    payment_details(mikko, iban="")
    for worker, hours in ((aino, "10"), (bo, "4"), (mikko, "3")):
        approved_commission_work(worker, work_day, hours)

    # The coordinator makes the run: two payments, Mikko held out with the reason.
    log_in(page, client, live_server, CoordinatorFactory(first_name="Kaisa", last_name="Koordinaattori"))
    _goto(page, live_server, "payment_runs:list")
    assert page.locator("#no-runs").is_visible()
    axe.assert_clean(page)
    page.get_by_label("Work done up to").fill(work_day.isoformat())
    page.get_by_role("button", name="Make the payment run").click()
    page.wait_for_load_state()
    run = PaymentRun.objects.get()
    assert run.status == PaymentRunStatus.DRAFT and run.payment_count == 2
    holds = page.get_by_role("region", name="Held out of the run").first.inner_text()
    assert "Mikko Tilitön" in holds and "No bank account (IBAN) on file" in holds
    assert "A person with the paying role approves the run next." in page.content()
    axe.assert_clean(page)

    # Another person, of the paying role, approves it (with the totals before the button).
    log_in(page, Client(), live_server, PayerFactory(first_name="Pirjo", last_name="Maksaja"))
    _goto(page, live_server, "payment_runs:detail", run.pk)
    page.get_by_role("link", name="Approve the run").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Approve the payment run").is_visible()
    axe.assert_clean(page)
    page.get_by_role("button", name="Approve and make the bank file").click()
    page.wait_for_load_state()
    run.refresh_from_db()
    assert run.status == PaymentRunStatus.APPROVED and run.approved_by.first_name == "Pirjo"

    # The bank file, as the payer downloads it: valid, one transfer per paid worker, net amounts.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the bank file").click()
    bank_file = tmp_path / "pain001.xml"
    download_info.value.save_as(bank_file)
    content = bank_file.read_bytes()
    assert pain001_schema().validate(etree.fromstring(content))
    assert content == run.bank_file.open("rb").read()
    nets = {p.worker_id: p.net for p in run.payouts.all()}
    assert f"<CtrlSum>{sum(nets.values(), Decimal(0)):.2f}</CtrlSum>".encode() in content
    assert b"<NbOfTxs>2</NbOfTxs>" in content and b"Mikko" not in content

    # The reports left for the register when the approval committed.
    reports = IncomesRegisterReport.objects.order_by("earner_name")
    assert [(r.earner_name, r.status) for r in reports] == [
        ("Aino Virtanen", IncomesRegisterReportStatus.SENT),
        ("Bo Berg", IncomesRegisterReportStatus.SENT),
    ]
    (delivery_file,) = settings.JOBCENTER_IR_OUTBOX_DIR.glob("*.xml")
    assert wage_reports_schema().validate(etree.parse(str(delivery_file)))
    assert delivery_file.read_bytes().count(b"<TransactionCode>336</TransactionCode>") == 2

    # The bank rejects Bo's payment (closed account); its status report goes back in.
    bo_payout = run.payouts.get(worker=bo)
    status_report = status_report_for(content, rejected={bo_payout.end_to_end_id: "AC04"})
    assert pain002_schema().validate(etree.fromstring(status_report))
    (tmp_path / "pain002.xml").write_bytes(status_report)
    page.get_by_role("link", name="Upload the bank's status report").click()
    page.wait_for_load_state()
    axe.assert_clean(page)
    page.get_by_label("The bank's status report (XML file)").set_input_files(str(tmp_path / "pain002.xml"))
    page.get_by_role("button", name="Read the status report").click()
    page.wait_for_load_state()
    payments = page.get_by_role("region", name="Payments").first.inner_text()
    assert "Paid" in payments and "Rejected by the bank" in payments and "The account has been closed." in payments
    assert dict(run.payouts.values_list("worker_id", "status")) == {
        aino.pk: PayoutStatus.PAID,
        bo.pk: PayoutStatus.REJECTED,
    }
    axe.assert_clean(page)

    # The same file again: a clear message, and nothing changes.
    page.get_by_role("link", name="Upload the bank's status report").click()
    page.wait_for_load_state()
    page.get_by_label("The bank's status report (XML file)").set_input_files(str(tmp_path / "pain002.xml"))
    page.get_by_role("button", name="Read the status report").click()
    page.wait_for_load_state()
    assert "was uploaded already" in page.content()

    # Bo's sent report waits as a cancellation to make in the register's e-service.
    _goto(page, live_server, "payment_runs:detail", run.pk)
    page.get_by_role("link", name="The Incomes Register reports of this payment date").click()
    page.wait_for_load_state()
    cancellations = page.get_by_role("region", name="Cancellations to make in the Incomes Register's e-service").first
    assert "Bo Berg" in cancellations.inner_text()
    axe.assert_clean(page)
    cancellation = IncomesRegisterReport.objects.get(kind=IncomesRegisterReportKind.CANCELLATION)
    page.get_by_role("button", name=f"Cancelled {cancellation.report_id} in the e-service").click()
    page.wait_for_load_state()
    cancellation.refresh_from_db()
    assert cancellation.status == IncomesRegisterReportStatus.SENT

    # Aino sees on her phone what she was paid, and what the tax office got.
    log_in(mobile_page, Client(), live_server, aino.user)
    with translation.override("en"):
        mobile_page.goto(live_server.url + reverse("workers:money"))
    aino_payout = run.payouts.get(worker=aino)
    text = mobile_page.locator("main").inner_text()
    assert "You got" in text and f"{aino_payout.net:.2f}".replace(".", ",") in text.replace(".", ",")
    axe.assert_clean(mobile_page)
