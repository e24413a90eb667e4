"""The bank's status report (pain.002.001.03) uploaded back: payments marked paid or rejected with
the bank's reason, a rejected payment's work back for the next run, and every bad upload refused
with a clear message and nothing changed."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from freezegun import freeze_time
from lxml import etree

from billing.bank_files.pain001 import credit_transfer_xml
from billing.bank_files.pain002 import StatusReportUnreadable, parse_status_report
from billing.bank_files.reasons import reason_meaning
from billing.bank_files.schemas import PAIN001_NS, PAIN002_NS
from billing.models import PaymentRunStatus, PayoutLine, PayoutStatus
from billing.payouts import unpaid_commission_work
from billing.services.bank_status import bank_status_report_apply
from jobcenter.errors import ActionNotPermitted
from tests.factories import CoordinatorFactory
from tests.factories.payments import payer_user
from tests.support.bank import WORK_DATE, Payment, approved_run, status_report_for
from tests.support.bank_status import payouts, refused, snapshot

pytestmark = pytest.mark.django_db
NS = {"p": PAIN002_NS}


@pytest.fixture(autouse=True)
def _english():
    """The messages asserted below, in English."""
    with translation.override("en"):
        yield


# --- Paid and rejected ----------------------------------------------------------------------------
def test_apply__a_report_rejecting_nothing_marks_every_payment_paid(run, payer, ir_cancellations):
    content = status_report_for(credit_transfer_xml(run))
    report = bank_status_report_apply(content=content, by=payer, filename="pain002.xml")
    assert (report.run, report.paid, report.rejected, report.uploaded_by) == (run, 3, 0, payer)
    assert report.message_id == parse_status_report(content).message_id and report.created_at_bank is not None
    assert report.file.read() == content and len(report.sha256) == 64
    for payout in payouts(run):
        assert (payout.status, payout.status_report, payout.bank_reason_code) == (PayoutStatus.PAID, report, "")
        assert payout.settled_at is not None
    assert not PayoutLine.objects.filter(released=True).exists()
    assert ir_cancellations == []
    run.refresh_from_db()
    assert run.status == PaymentRunStatus.APPROVED


def test_apply__a_rejected_payment_gets_the_banks_reason_and_its_work_returns(run, payer, ir_cancellations):
    aino, bea, cecilia = payouts(run)
    content = status_report_for(credit_transfer_xml(run), rejected={bea.end_to_end_id: "AC04"})
    report = bank_status_report_apply(content=content, by=payer)
    assert (report.paid, report.rejected) == (2, 1)
    aino.refresh_from_db()
    bea.refresh_from_db()
    assert aino.status == PayoutStatus.PAID
    assert (bea.status, bea.bank_status, bea.bank_reason_code) == (PayoutStatus.REJECTED, "RJCT", "AC04")
    with translation.override("fi"):
        assert bea.bank_reason == reason_meaning("AC04")  # stored in the default language
    assert bea.settled_at is not None and bea.status_report == report
    # Its work is free again; the paid ones' is not.
    assert list(bea.lines.values_list("released", flat=True)) == [True]
    assert not PayoutLine.objects.filter(payout__in=[aino, cecilia], released=True).exists()
    unpaid = unpaid_commission_work(period_start=WORK_DATE, period_end=WORK_DATE)
    assert list(unpaid.values_list("worker_id", flat=True)) == [bea.worker_id]
    assert ir_cancellations == [(bea.end_to_end_id, bea.bank_reason, payer)]


def test_apply__queries_do_not_grow_with_the_payments(payer):
    def queries(count: int) -> int:
        run = approved_run(*(Payment(first_name=f"Työntekijä{i}") for i in range(count)))
        content = status_report_for(credit_transfer_xml(run))
        with CaptureQueriesContext(connection) as captured:
            assert bank_status_report_apply(content=content, by=payer).paid == count
        return len(captured)

    queries(1)  # the payer's permissions are read once, then cached on the user
    assert queries(2) == queries(9)


def test_apply__the_whole_file_rejected(run, payer, ir_cancellations):
    content = status_report_for(credit_transfer_xml(run), group_rejected="AM04")
    report = bank_status_report_apply(content=content, by=payer)
    assert (report.paid, report.rejected) == (0, 3)
    assert {(p.status, p.bank_reason_code) for p in payouts(run)} == {(PayoutStatus.REJECTED, "AM04")}
    assert PayoutLine.objects.filter(released=False).count() == 0
    assert len(ir_cancellations) == 3


def test_apply__a_payment_named_without_a_decision_waits(run, payer):
    aino, bea, _cecilia = payouts(run)
    content = status_report_for(
        credit_transfer_xml(run), rejected={aino.end_to_end_id: "MS03"}, pending=[bea.end_to_end_id]
    )
    report = bank_status_report_apply(content=content, by=payer)
    assert [p.status for p in payouts(run)] == [PayoutStatus.REJECTED, PayoutStatus.IN_PAYMENT, PayoutStatus.PAID]
    assert (report.paid, report.rejected) == (1, 1)
    # The bank's next report settles it; the others stay as the first report left them.
    later = status_report_for(credit_transfer_xml(run), rejected={aino.end_to_end_id: "MS03"})
    assert (bank_status_report_apply(content=later, by=payer).paid, later != content) == (1, True)
    assert [p.status for p in payouts(run)] == [PayoutStatus.REJECTED, PayoutStatus.PAID, PayoutStatus.PAID]


def test_apply__a_zero_payment_outside_the_file_is_left_alone(payer):
    run = approved_run(Payment(first_name="Aino", net="0.00", tax="30.00"), Payment(first_name="Bea", net="10.00"))
    zero, paid = payouts(run)
    content = status_report_for(credit_transfer_xml(run), group_rejected="AM04")
    assert bank_status_report_apply(content=content, by=payer).rejected == 1
    zero.refresh_from_db()
    assert zero.status == PayoutStatus.IN_PAYMENT and zero.status_report is None


def test_apply__the_same_rejection_again_changes_nothing(run, payer, ir_cancellations):
    aino = payouts(run)[0]
    pain001 = credit_transfer_xml(run)
    bank_status_report_apply(content=status_report_for(pain001, rejected={aino.end_to_end_id: "AC01"}), by=payer)
    before = snapshot()[:2]
    again = status_report_for(pain001, rejected={aino.end_to_end_id: "AC01"}, message_id="BANK-SECOND-REPORT")
    report = bank_status_report_apply(content=again, by=payer)
    assert (report.paid, report.rejected) == (0, 0)
    assert snapshot()[:2] == before
    assert len(ir_cancellations) == 1


# --- Refusals: nothing changes ------------------------------------------------------------------
def test_apply__only_the_paying_role(run):
    content = status_report_for(credit_transfer_xml(run))
    before = snapshot()
    with pytest.raises(ActionNotPermitted):
        bank_status_report_apply(content=content, by=CoordinatorFactory())
    assert snapshot() == before


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (b"", "The file is empty"),
        (b"Maksu hyl\xc3\xa4tty, tili suljettu", "it is not XML"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "it is not XML"),
        (b"<Finvoice Version='3.0'><SellerPartyDetails/></Finvoice>", "XML, but not a bank status report"),
        (
            b"<?xml version='1.0'?><!DOCTYPE r [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;'>]><r>&b;</r>",
            "declares a document type",
        ),
    ],
)
def test_apply__not_a_status_report(run, payer, content, match):
    refused(content, payer, match)


def test_apply__the_bank_file_itself_uploaded_by_mistake(run, payer):
    refused(credit_transfer_xml(run), payer, r"This is a payment file \(pain.001\)")


def test_apply__the_file_name_is_in_the_message(run, payer):
    error = refused(b"not xml", payer, "it is not XML", filename="../lataukset/vastaus.txt")
    assert error.message.startswith("“vastaus.txt”: ")
    assert isinstance(error, StatusReportUnreadable)


def test_apply__invalid_under_the_german_banks_profile(run, payer):
    """ACSC is an ISO status, but the profile only reports rejections: the report is refused."""
    root = etree.fromstring(
        status_report_for(credit_transfer_xml(run), rejected={payouts(run)[0].end_to_end_id: "AC04"})
    )
    root.find(".//p:TxSts", NS).text = "ACSC"
    error = refused(etree.tostring(root), payer, r"not a valid bank status report \(pain.002.001.03\)")
    assert "TxSts" in error.message and "line " in error.message


def test_apply__a_report_without_its_original_group_is_invalid(run, payer):
    root = etree.fromstring(status_report_for(credit_transfer_xml(run)))
    group = root.find(".//p:OrgnlGrpInfAndSts", NS)
    group.getparent().remove(group)
    refused(etree.tostring(root), payer, "not a valid bank status report")


def test_apply__a_report_for_another_file(run, payer):
    pain001 = etree.fromstring(credit_transfer_xml(run))
    pain001.find(f".//{{{PAIN001_NS}}}GrpHdr/{{{PAIN001_NS}}}MsgId").text = "JC999-20261201120000"
    refused(
        status_report_for(etree.tostring(pain001)),
        payer,
        r"This status report is for another bank file \(message JC999-20261201120000\), not for any payment run here.",
    )


def test_apply__a_report_uploaded_on_another_runs_page(run, payer):
    other = approved_run(Payment(), payment_date=dt.date(2026, 12, 31))
    content = status_report_for(credit_transfer_xml(run))
    refused(content, payer, "another payment run, the one of 15.12.2026", run_id=other.pk)
    assert bank_status_report_apply(content=content, by=payer, run_id=run.pk).run == run


def test_apply__unknown_payments_listed_and_refused(run, payer):
    known = payouts(run)[0].end_to_end_id
    content = status_report_for(
        credit_transfer_xml(run), rejected={known: "AC04", "JC999-1": "AC04", "JC999-2": "AC01"}
    )
    error = refused(content, payer, "names payments that are not in this run's bank file")
    assert "JC999-1, JC999-2" in error.message and known not in error.message


def test_apply__a_report_counting_other_payments(run, payer):
    root = etree.fromstring(status_report_for(credit_transfer_xml(run)))
    root.find(".//p:OrgnlNbOfTxs", NS).text = "4"
    refused(etree.tostring(root), payer, "the bank file had 4 payments, but this run's file has 3")
    root.find(".//p:OrgnlNbOfTxs", NS).text = "3"
    root.find(".//p:OrgnlCtrlSum", NS).text = "127.56"
    refused(etree.tostring(root), payer, "total was 127.56 €, but this run's file totals 127.55 €")


def test_apply__the_same_report_twice(run, payer):
    content = status_report_for(credit_transfer_xml(run), rejected={payouts(run)[1].end_to_end_id: "AC06"})
    first = bank_status_report_apply(content=content, by=payer)
    when = f"{timezone.localtime(first.uploaded_at):%d.%m.%Y %H:%M}"
    message = f"This status report was uploaded already on {when} by Paula Maksaja; nothing was changed."
    assert refused(content, payer_user(), "uploaded already").message == message
    # The same report made again a minute later (a new creation time, so other bytes) has the same MsgId.
    with freeze_time(timezone.now() + dt.timedelta(minutes=1)):
        remade = status_report_for(credit_transfer_xml(run), rejected={payouts(run)[1].end_to_end_id: "AC06"})
    assert remade != content
    assert refused(remade, payer, "uploaded already").message == message


def test_apply__a_report_contradicting_an_earlier_one(run, payer):
    pain001 = credit_transfer_xml(run)
    bank_status_report_apply(content=status_report_for(pain001), by=payer)
    bea = payouts(run)[1]
    error = refused(status_report_for(pain001, rejected={bea.end_to_end_id: "AC04"}), payer, "contradicts")
    assert f"Bea Korhonen ({bea.end_to_end_id}) is “Paid”, the report says “Rejected by the bank”" in error.message


def test_apply__only_an_approved_run(run, payer):
    content = status_report_for(credit_transfer_xml(run))
    run.status = PaymentRunStatus.DISCARDED
    run.save(update_fields=["status"])
    refused(content, payer, "is “Discarded”: only an approved run's payments are with the bank")
