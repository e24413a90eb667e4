"""Approving a payment run: accounts frozen, the bank file and the Incomes Register reports made in
the same transaction, the statements after commit; a rejected payment's work returns to the next run."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from lxml import etree

from billing.bank_files.pain001 import BankFileInvalid
from billing.bank_files.schemas import pain001_schema
from billing.models import (
    IncomesRegisterReport,
    PaymentRunStatus,
    PayoutLine,
    PayoutStatus,
    WorkerPaymentDetails,
    WorkerTaxInfo,
)
from billing.services import payment_runs
from billing.services.bank_status import bank_status_report_apply
from billing.services.payment_runs import payment_run_approve, payment_run_create
from jobcenter.errors import DomainError
from tests.factories import CoordinatorFactory, WorkerFactory
from tests.factories.payments import approved_commission_work, payer_user, payment_details
from tests.support.bank import status_report_for

pytestmark = pytest.mark.django_db

JAN = dt.date(2025, 1, 15)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def draft():
    """A draft run paying two workers: Aino (no tax card) and Bo (in the prepayment register)."""
    aino = WorkerFactory(user__first_name="Aino", user__last_name="Virtanen")
    payment_details(aino, bic="NDEAFIHH")
    bo = WorkerFactory(user__first_name="Bo", user__last_name="Berg")
    payment_details(bo, code="")
    WorkerTaxInfo.objects.create(worker=bo, in_prepayment_register=True)
    approved_commission_work(aino, JAN, "10")
    approved_commission_work(bo, JAN, "4")
    today = timezone.localdate()
    return payment_run_create(payment_date=today, cutoff_date=today, by=CoordinatorFactory())


def test_approve__freezes_accounts_makes_the_bank_file_and_the_reports(draft, django_capture_on_commit_callbacks):
    payer = payer_user()
    with django_capture_on_commit_callbacks(execute=True):
        run = payment_run_approve(run_id=draft.pk, by=payer)

    run.refresh_from_db()
    assert (run.status, run.approved_by, run.approved_at is not None) == (PaymentRunStatus.APPROVED, payer, True)
    assert run.message_id.startswith(f"JC{run.pk}-") and len(run.message_id) <= 35
    assert run.payer_iban and run.payer_business_id and run.payer_name
    content = run.bank_file.read()
    assert hashlib.sha256(content).hexdigest() == run.bank_file_sha256
    assert pain001_schema().validate(etree.fromstring(content))
    for payout in run.payouts.select_related("worker__payment_details"):
        details = payout.worker.payment_details
        assert (payout.status, payout.iban, payout.bic) == (PayoutStatus.IN_PAYMENT, details.iban, details.bic)
        assert payout.end_to_end_id == f"JC{run.pk}-{payout.pk}"
        assert payout.end_to_end_id.encode() in content and payout.iban.encode() in content
        assert payout.pdf  # the statement, rendered after commit
    # The Incomes Register: Aino's fee is reported; Bo, in the prepayment register, is not.
    (report,) = IncomesRegisterReport.objects.all()
    assert (report.payout.worker_name, report.amount, report.tax_withheld) == (
        "Aino Virtanen",
        Decimal("100.00"),
        Decimal("60.00"),
    )
    assert report.payment_date == run.payment_date


def test_approve__twice_is_refused_and_changes_nothing(draft):
    payment_run_approve(run_id=draft.pk, by=payer_user())
    with pytest.raises(DomainError, match="only a draft"):
        payment_run_approve(run_id=draft.pk, by=payer_user())
    assert IncomesRegisterReport.objects.count() == 1


def test_approve__an_invalid_bank_file_rolls_everything_back(draft, monkeypatch):
    def refuse(run):
        raise BankFileInvalid("The bank file cannot be made: test.")

    monkeypatch.setattr(payment_runs, "credit_transfer_xml", refuse)
    with pytest.raises(BankFileInvalid):
        payment_run_approve(run_id=draft.pk, by=payer_user())

    draft.refresh_from_db()
    assert (draft.status, draft.approved_by, draft.message_id, draft.bank_file.name) == (
        PaymentRunStatus.DRAFT,
        None,
        None,
        "",
    )
    assert set(draft.payouts.values_list("status", "iban", "end_to_end_id")) == {(PayoutStatus.DRAFT, "", None)}
    assert not IncomesRegisterReport.objects.exists()


def test_approve__the_account_paid_is_the_one_at_approval(draft):
    aino = draft.payouts.get(worker_name="Aino Virtanen")
    WorkerPaymentDetails.objects.filter(worker_id=aino.worker_id).update(iban="FI4950009420028730", bic="")
    payment_run_approve(run_id=draft.pk, by=payer_user())
    aino.refresh_from_db()
    assert (aino.iban, aino.bic) == ("FI4950009420028730", "")


def test_a_rejected_payment_returns_to_the_next_run(draft):
    run = payment_run_approve(run_id=draft.pk, by=payer_user())
    aino = run.payouts.get(worker_name="Aino Virtanen")
    bo = run.payouts.get(worker_name="Bo Berg")
    report = status_report_for(run.bank_file.read(), rejected={aino.end_to_end_id: "AC04"})
    bank_status_report_apply(content=report, by=payer_user(), filename="status.xml")
    assert PayoutLine.objects.filter(payout=aino, released=True).count() == 1

    today = timezone.localdate()
    again = payment_run_create(payment_date=today, cutoff_date=today, by=CoordinatorFactory())

    (payout,) = again.payouts.all()
    assert payout.worker_id == aino.worker_id and payout.gross == aino.gross
    assert not again.payouts.filter(worker_id=bo.worker_id).exists()  # Bo was paid


def test_approve__the_reports_leave_for_the_register_after_commit(
    draft, django_capture_on_commit_callbacks, settings, tmp_path
):
    """The approval queues the delivery: the register's file is in the outbound folder and the
    report sent, and nothing is sent before the approval has committed."""
    from billing.models import IncomesRegisterReportStatus

    settings.JOBCENTER_IR_OUTBOX_DIR = tmp_path / "ir-outbox"

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        payment_run_approve(run_id=draft.pk, by=payer_user())
    report = IncomesRegisterReport.objects.get()  # Aino's; Bo is in the prepayment register
    assert report.status == IncomesRegisterReportStatus.WAITING

    for callback in callbacks:
        callback()

    report.refresh_from_db()
    assert report.status == IncomesRegisterReportStatus.SENT
    written = list(settings.JOBCENTER_IR_OUTBOX_DIR.glob("**/*.xml"))
    assert [path.read_bytes() for path in written] == [report.delivery.file.open("rb").read()]


def test_approve__a_payment_all_withheld_is_paid_without_a_transfer(django_capture_on_commit_callbacks):
    """Without a tax card 60 % is withheld; at 100 % nothing is left to transfer: the payment is done
    at approval, it is not in the bank file (SEPA has no 0 € transfer), and its report still goes."""
    worker = WorkerFactory(user__first_name="Cecilia", user__last_name="Nolla")
    payment_details(worker)
    WorkerTaxInfo.objects.create(worker=worker, withholding_percent=Decimal("100"))
    other = WorkerFactory(user__first_name="Dani", user__last_name="Muu")
    payment_details(other)
    approved_commission_work(worker, JAN, "2")
    approved_commission_work(other, JAN, "2")
    today = timezone.localdate()
    draft = payment_run_create(payment_date=today, cutoff_date=today, by=CoordinatorFactory())

    run = payment_run_approve(run_id=draft.pk, by=payer_user())

    zero = run.payouts.get(worker=worker)
    assert (zero.net, zero.status, zero.settled_at is not None) == (Decimal("0.00"), PayoutStatus.PAID, True)
    assert run.payouts.get(worker=other).status == PayoutStatus.IN_PAYMENT
    content = run.bank_file.read()
    assert zero.end_to_end_id.encode() not in content and b"<NbOfTxs>1</NbOfTxs>" in content
    assert IncomesRegisterReport.objects.filter(payout=zero).exists()
