"""The bank's status report read (pain.002, the DK SEPA profile), through the payment run's own
services, the demo's bank, and two payers uploading the same report at once."""

import datetime as dt
import io
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone, translation
from lxml import etree

from billing.bank_files.pain001 import credit_transfer_xml, validate_credit_transfer
from billing.bank_files.pain002 import parse_status_report
from billing.bank_files.reasons import reason_meaning
from billing.bank_files.schemas import PAIN002_NS
from billing.models import BankStatusReport, PaymentRun, PaymentRunStatus, Payout, PayoutLine, PayoutStatus
from billing.models import IncomesRegisterReportKind as IRKind
from billing.models import IncomesRegisterReportStatus as IRStatus
from billing.services import bank_status
from billing.services.bank_status import bank_status_report_apply
from billing.services.payment_runs import payment_run_approve, payment_run_create
from jobcenter.errors import DomainError
from tests.factories import CoordinatorFactory, WorkerFactory
from tests.factories.payments import approved_commission_work, payer_user, payment_details
from tests.support.bank import status_report_for
from tests.support.bank_status import payouts

pytestmark = pytest.mark.django_db
NS = {"p": PAIN002_NS}


@pytest.fixture(autouse=True)
def _english():
    """The messages asserted below, in English."""
    with translation.override("en"):
        yield


# --- Reading the report ---------------------------------------------------------------------------
def test_parse_status_report__what_it_reads(run):
    aino, bea, _ = payouts(run)
    pain001 = credit_transfer_xml(run)
    report = parse_status_report(
        status_report_for(pain001, rejected={aino.end_to_end_id: "AC01"}, pending=[bea.end_to_end_id], message_id="B-1")
    )
    assert (report.message_id, report.original_message_id) == ("B-1", run.message_id)
    assert (report.original_message_name, report.original_count, report.original_total) == (
        "pain.001.001.03",
        "3",
        "127.55",
    )
    assert report.group_status == "" and report.created_at.tzinfo is not None
    assert [(b.original_payment_information_id, b.status) for b in report.batches] == [(run.message_id, "")]
    assert [(t.original_end_to_end_id, t.status, t.reason_code, t.additional_info) for t in report.transactions] == [
        (aino.end_to_end_id, "RJCT", "AC01", ""),
        (bea.end_to_end_id, "", "", ""),
    ]


def test_parse_status_report__a_group_rejection_applies_to_the_payments_it_names(run):
    aino = payouts(run)[0]
    report = parse_status_report(
        status_report_for(credit_transfer_xml(run), pending=[aino.end_to_end_id], group_rejected="FF01")
    )
    assert (report.group_status, report.group_reason_code) == ("RJCT", "FF01")
    assert [(t.status, t.reason_code) for t in report.transactions] == [("RJCT", "FF01")]


def test_reason_meaning__known_unknown_and_none():
    assert reason_meaning("AC04") == "The account has been closed."
    assert reason_meaning(" am04 ") == "There was not enough money on the payer's account."
    assert reason_meaning("ZZ99") == "The bank gave the reason code ZZ99."
    assert reason_meaning("") == "The bank gave no reason."


def test_created_at_without_offset_is_helsinki_time(run):
    root = etree.fromstring(status_report_for(credit_transfer_xml(run)))
    root.find(".//p:GrpHdr/p:CreDtTm", NS).text = "2026-12-03T09:30:00"
    created = parse_status_report(etree.tostring(root)).created_at
    assert created == timezone.make_aware(dt.datetime(2026, 12, 3, 9, 30))


# --- Through the payment run's own services -----------------------------------------------------
def test_journey__approve_bank_file_status_report_and_the_next_run(payer, ir_cancellations):
    """The run approved by its service, its stored bank file answered by the bank: the rejected
    payment's Incomes Register report is withdrawn (never sent) or cancelled (sent), its work is in
    the next run; the paid ones' are not."""
    today = timezone.localdate()
    workers = {}
    for first, last in [("Aino", "Virtanen"), ("Bea", "Korhonen"), ("Cecilia", "Nieminen")]:
        workers[first] = WorkerFactory(user__first_name=first, user__last_name=last)
        payment_details(workers[first])
        approved_commission_work(workers[first], today, "2.00")
    coordinator = CoordinatorFactory()
    run = payment_run_create(payment_date=today, cutoff_date=today, by=coordinator)
    run = payment_run_approve(run_id=run.pk, by=payer)
    bank_file = run.bank_file.read()
    validate_credit_transfer(bank_file)
    payout_of = {first: run.payouts.get(worker=worker) for first, worker in workers.items()}
    # Bea's report has reached the register already; Cecilia's has not.
    payout_of["Bea"].ir_reports.update(status=IRStatus.SENT)

    rejected = {payout_of[first].end_to_end_id: "AC04" for first in ("Bea", "Cecilia")}
    bank_status_report_apply(content=status_report_for(bank_file, rejected=rejected), by=payer)
    statuses = dict(run.payouts.values_list("worker__user__first_name", "status"))
    assert statuses == {"Aino": PayoutStatus.PAID, "Bea": PayoutStatus.REJECTED, "Cecilia": PayoutStatus.REJECTED}
    assert sorted(call[0] for call in ir_cancellations) == sorted(rejected)
    reports = {
        first: list(payout.ir_reports.order_by("version").values_list("kind", "status", "reason"))
        for first, payout in payout_of.items()
    }
    bea_reason = Payout.objects.get(pk=payout_of["Bea"].pk).bank_reason
    assert reports == {
        "Aino": [(IRKind.NEW, IRStatus.WAITING, "")],
        "Bea": [(IRKind.NEW, IRStatus.SENT, ""), (IRKind.CANCELLATION, IRStatus.WAITING, bea_reason)],
        "Cecilia": [(IRKind.NEW, IRStatus.WITHDRAWN, "")],
    }

    payment_details(workers["Bea"])  # the workers' new accounts
    payment_details(workers["Cecilia"])
    next_run = payment_run_create(payment_date=today, cutoff_date=today, by=coordinator)
    again = {payout.worker_id: payout for payout in next_run.payouts.all()}
    assert set(again) == {workers["Bea"].pk, workers["Cecilia"].pk}
    for first in ("Bea", "Cecilia"):
        old, new = payout_of[first], again[workers[first].pk]
        assert new.gross == old.gross
        assert list(new.lines.values_list("assignment", flat=True)) == list(
            old.lines.values_list("assignment", flat=True)
        )


# --- The demo's bank ------------------------------------------------------------------------------
def test_bank_status_example__writes_a_report_the_upload_applies(run, payer, tmp_path):
    out = io.StringIO()
    call_command("bank_status_example", str(run.pk), "--reject", "2", "--reason", "ac01", stdout=out)
    report = bank_status_report_apply(content=out.getvalue().encode(), by=payer)
    assert (report.paid, report.rejected) == (1, 2)
    assert [p.bank_reason_code for p in payouts(run)] == ["AC01", "AC01", ""]

    call_command("bank_status_example", str(run.pk), "--reject-all", "--output", str(tmp_path / "r.xml"))
    assert parse_status_report((tmp_path / "r.xml").read_bytes()).group_status == "RJCT"


def test_bank_status_example__refuses_what_it_cannot_answer(run):
    with pytest.raises(CommandError, match="--reject takes 0 to 3"):
        call_command("bank_status_example", str(run.pk), "--reject", "4")
    with pytest.raises(CommandError, match="no payment run 0"):
        call_command("bank_status_example", "0")
    run.status = PaymentRunStatus.DISCARDED
    run.save(update_fields=["status"])
    with pytest.raises(CommandError, match="only an approved run has a bank file"):
        call_command("bank_status_example", str(run.pk))


# --- Two payers upload the same report at the same moment (PostgreSQL) ----------------------------
def _upload_twice_at_once(content: bytes) -> list:
    payers = [payer_user(), payer_user()]
    barrier = threading.Barrier(2)
    results: list = [None, None]

    def upload(index):
        translation.activate("en")
        try:
            barrier.wait(timeout=30)
            results[index] = bank_status_report_apply(content=content, by=payers[index])
        except Exception as exc:  # noqa: BLE001 - the outcome is what the tests assert
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=upload, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    return results


def _race_window(function):
    """Each caller, once `function` returned, waits for the other: both have read, neither written."""
    barrier = threading.Barrier(2, timeout=15)

    def wrapped(*args, **kwargs):
        result = function(*args, **kwargs)
        barrier.wait()
        return result

    return wrapped


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_control__without_the_runs_lock_the_second_upload_fails_on_the_database(run, monkeypatch):
    """Both uploads pass "seen before?" before either has stored its report: the second meets the
    unique message id as a database error, which a person would see as a server error."""

    def find_run_without_lock(report):
        return PaymentRun.objects.get(message_id=report.original_message_id)

    monkeypatch.setattr(bank_status, "_find_run", find_run_without_lock)
    monkeypatch.setattr(bank_status, "_refuse_if_seen", _race_window(bank_status._refuse_if_seen))
    results = _upload_twice_at_once(status_report_for(credit_transfer_xml(run)))
    assert sorted(type(r).__name__ for r in results) == ["BankStatusReport", "IntegrityError"], results


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_apply__the_same_report_twice_at_once_is_applied_once(run):
    results = _upload_twice_at_once(
        status_report_for(credit_transfer_xml(run), rejected={payouts(run)[0].end_to_end_id: "AC04"})
    )
    applied = [r for r in results if isinstance(r, BankStatusReport)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert (len(applied), len(refused)) == (1, 1), results
    assert "was uploaded already" in refused[0].message
    assert BankStatusReport.objects.count() == 1
    assert [p.status for p in payouts(run)] == [PayoutStatus.REJECTED, PayoutStatus.PAID, PayoutStatus.PAID]
    assert PayoutLine.objects.filter(released=True).count() == 1
