"""The Incomes Register reports of payments: made at approval, corrected, cancelled (billing.incomes_register)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from billing.incomes_register.reports import (
    due_date_for,
    ir_report_cancel_for_payout,
    ir_report_reissue,
    ir_report_replace,
    ir_reports_for_run,
)
from billing.models import (
    IncomesRegisterReport,
    IncomesRegisterReportKind,
    IncomesRegisterReportStatus,
    PaymentRun,
    PaymentRunStatus,
    Payout,
    PayoutStatus,
    WorkerTaxInfo,
)
from billing.services.payment_runs import payment_run_approve, payment_run_create
from jobcenter.errors import ActionNotPermitted, DomainError
from tests.factories import CoordinatorFactory, PayerFactory, UserFactory, WorkerFactory
from tests.factories.payments import approved_commission_work, payment_details, valid_identity_code

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The messages are asserted in English (Finnish is the site's default language)."""
    with translation.override("en"):
        yield


Kind = IncomesRegisterReportKind
Status = IncomesRegisterReportStatus
PAYMENT_DATE = dt.date(2027, 1, 15)


def approved_run(payment_date=PAYMENT_DATE) -> PaymentRun:
    return PaymentRun.objects.create(
        payment_date=payment_date,
        cutoff_date=payment_date,
        created_by=CoordinatorFactory(),
        status=PaymentRunStatus.APPROVED,
        approved_by=PayerFactory(),
        approved_at=timezone.now(),
    )


def payout(run, *, gross="100.00", tax="25.00", worker=None, code=None, prepayment=False) -> Payout:
    worker = worker or WorkerFactory()
    payment_details(worker, code=code)
    if prepayment:
        WorkerTaxInfo.objects.create(worker=worker, in_prepayment_register=True)
    gross, tax = Decimal(gross), Decimal(tax)
    return Payout.objects.create(
        worker=worker,
        worker_name=worker.display_name,
        period_start=run.payment_date - dt.timedelta(days=14),
        period_end=run.payment_date - dt.timedelta(days=1),
        hours=Decimal("3.00"),
        gross=gross,
        withholding_percent=Decimal("25.00"),
        tax_withheld=tax,
        net=gross - tax,
        created_by=run.created_by,
        run=run,
        status=PayoutStatus.IN_PAYMENT,
        payment_date=run.payment_date,
    )


def sent(report: IncomesRegisterReport) -> IncomesRegisterReport:
    IncomesRegisterReport.objects.filter(pk=report.pk).update(status=Status.SENT)
    report.refresh_from_db()
    return report


# --- New reports at approval ------------------------------------------------------------------


def test_ir_reports_for_run__one_waiting_report_per_payout_with_income_type_336_and_frozen_earner():
    run = approved_run()
    first = payout(run, gross="240.00", tax="60.00")
    code = first.worker.payment_details.personal_identity_code

    reports = ir_reports_for_run(run=run, by=run.approved_by)

    assert len(reports) == 1
    report = IncomesRegisterReport.objects.get()
    assert report.kind == Kind.NEW and report.status == Status.WAITING
    assert (report.income_type, report.amount, report.tax_withheld) == (336, Decimal("240.00"), Decimal("60.00"))
    assert (report.report_id, report.version) == (f"JC-{first.pk}", 1)
    assert report.payment_date == PAYMENT_DATE and report.due_date == dt.date(2027, 1, 20)
    assert report.earner_identity_code == code and report.earner_name == first.worker_name
    # Frozen: a later change of the worker's details does not change the report.
    first.worker.payment_details.personal_identity_code = valid_identity_code(999)
    first.worker.payment_details.save()
    report.refresh_from_db()
    assert report.earner_identity_code == code


def test_ir_reports_for_run__a_worker_in_the_prepayment_register_gets_no_report():
    run = approved_run()
    payout(run, prepayment=True)
    reported = payout(run)

    ir_reports_for_run(run=run, by=run.approved_by)

    assert list(IncomesRegisterReport.objects.values_list("payout_id", flat=True)) == [reported.pk]


def test_ir_reports_for_run__twice_makes_no_second_report():
    run = approved_run()
    payout(run)
    ir_reports_for_run(run=run, by=run.approved_by)
    assert ir_reports_for_run(run=run, by=run.approved_by) == []
    assert IncomesRegisterReport.objects.count() == 1


def test_ir_reports_for_run__refuses_a_worker_without_an_identity_code_and_makes_nothing():
    run = approved_run()
    payout(run)
    missing = payout(run, code="")

    with pytest.raises(DomainError) as refused:
        ir_reports_for_run(run=run, by=run.approved_by)

    assert missing.worker_name in str(refused.value.message)
    assert "identity code" in str(refused.value.message)
    assert not IncomesRegisterReport.objects.exists()


def test_ir_reports_for_run__refuses_a_user_without_the_role():
    run = approved_run()
    payout(run)
    with pytest.raises(ActionNotPermitted):
        ir_reports_for_run(run=run, by=UserFactory())


def test_ir_reports_for_run__the_same_number_of_queries_for_3_and_30_workers():
    counts = []
    for size in (3, 30):
        run = approved_run(PAYMENT_DATE + dt.timedelta(days=size))
        for _ in range(size):
            payout(run)
        by = run.approved_by
        by.has_perm("jobcenter.pay_workers")  # the role's permissions cached before counting
        by.has_perm("jobcenter.coordinate")
        with CaptureQueriesContext(connection) as queries:
            ir_reports_for_run(run=run, by=by)
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert IncomesRegisterReport.objects.count() == 33


@pytest.mark.parametrize(
    ("payment_date", "due"),
    [
        (dt.date(2027, 1, 26), dt.date(2027, 1, 31)),  # within the month
        (dt.date(2027, 1, 27), dt.date(2027, 2, 1)),  # over the month's end
        (dt.date(2027, 2, 24), dt.date(2027, 3, 1)),  # February of a common year
        (dt.date(2028, 2, 24), dt.date(2028, 2, 29)),  # a leap year
        (dt.date(2026, 12, 28), dt.date(2027, 1, 2)),  # over the year's end
        (dt.date(2026, 12, 31), dt.date(2027, 1, 5)),
    ],
)
def test_due_date_for__the_fifth_calendar_day_after_the_payment_date(payment_date, due):
    assert due_date_for(payment_date) == due


def test_approval_of_a_real_run__makes_the_reports_in_its_transaction():
    today = timezone.localdate()
    reported, in_register = WorkerFactory(), WorkerFactory()
    for worker in (reported, in_register):
        payment_details(worker)
        approved_commission_work(worker, today - dt.timedelta(days=3))
    WorkerTaxInfo.objects.create(worker=in_register, in_prepayment_register=True)
    run = payment_run_create(payment_date=today, cutoff_date=today, by=CoordinatorFactory())

    payment_run_approve(run_id=run.pk, by=PayerFactory())

    report = IncomesRegisterReport.objects.get()
    assert report.payout.worker == reported and report.payment_date == today
    assert report.amount == report.payout.gross and report.tax_withheld == report.payout.tax_withheld


# --- Cancellation when the bank rejected the payment --------------------------------------------


def test_cancel_for_payout__a_report_never_sent_is_withdrawn():
    run = approved_run()
    rejected = payout(run)
    ir_reports_for_run(run=run, by=run.approved_by)

    made = ir_report_cancel_for_payout(payout=rejected, reason="AC04 closed account", by=run.approved_by)

    assert made == []
    assert IncomesRegisterReport.objects.get().status == Status.WITHDRAWN


def test_cancel_for_payout__a_sent_report_gets_a_cancellation_naming_it_and_twice_changes_nothing():
    run = approved_run()
    rejected = payout(run)
    [report] = ir_reports_for_run(run=run, by=run.approved_by)
    sent(report)

    [cancellation] = ir_report_cancel_for_payout(payout=rejected, reason="AC04 closed account", by=run.approved_by)

    assert cancellation.kind == Kind.CANCELLATION and cancellation.corrects_id == report.pk
    assert (cancellation.report_id, cancellation.version) == (report.report_id, 2)
    assert cancellation.status == Status.WAITING and cancellation.reason == "AC04 closed account"
    assert cancellation.due_date == timezone.localdate()
    assert ir_report_cancel_for_payout(payout=rejected, reason="again", by=run.approved_by) == []
    assert IncomesRegisterReport.objects.filter(kind=Kind.CANCELLATION).count() == 1


def test_cancel_for_payout__a_waiting_replacement_of_a_sent_report_is_withdrawn_and_the_sent_one_cancelled():
    run = approved_run()
    rejected = payout(run)
    [report] = ir_reports_for_run(run=run, by=run.approved_by)
    sent(report)
    replacement = ir_report_replace(
        report_id=report.pk, amount="90.00", tax_withheld="20.00", reason="typo", by=run.approved_by
    )

    [cancellation] = ir_report_cancel_for_payout(payout=rejected, reason="rejected", by=run.approved_by)

    replacement.refresh_from_db()
    assert replacement.status == Status.WITHDRAWN
    assert cancellation.corrects_id == report.pk and cancellation.version == 3


def test_cancel_for_payout__a_prepayment_register_worker_has_nothing_to_cancel():
    run = approved_run()
    rejected = payout(run, prepayment=True)
    ir_reports_for_run(run=run, by=run.approved_by)
    assert ir_report_cancel_for_payout(payout=rejected, reason="x", by=run.approved_by) == []
    assert not IncomesRegisterReport.objects.exists()


# --- Replacement ------------------------------------------------------------------------------


def test_replace__of_a_sent_report_is_the_same_report_id_next_version_same_payment_date():
    run = approved_run()
    payout(run, gross="100.00", tax="25.00")
    [report] = ir_reports_for_run(run=run, by=run.approved_by)
    sent(report)

    replacement = ir_report_replace(
        report_id=report.pk, amount="110.00", tax_withheld="27.50", reason="Hours corrected", by=CoordinatorFactory()
    )

    report.refresh_from_db()
    assert report.status == Status.SENT
    assert replacement.kind == Kind.REPLACEMENT and replacement.corrects_id == report.pk
    assert (replacement.report_id, replacement.version) == (report.report_id, 2)
    assert replacement.payment_date == report.payment_date
    assert (replacement.amount, replacement.tax_withheld) == (Decimal("110.00"), Decimal("27.50"))
    assert replacement.status == Status.WAITING and replacement.due_date == timezone.localdate()


def test_replace__of_a_report_never_sent_withdraws_it_and_keeps_its_due_date():
    run = approved_run()
    payout(run)
    [report] = ir_reports_for_run(run=run, by=run.approved_by)

    replacement = ir_report_replace(
        report_id=report.pk, amount="80.00", tax_withheld="20.00", reason="Wrong hours", by=run.approved_by
    )

    report.refresh_from_db()
    assert report.status == Status.WITHDRAWN
    assert replacement.due_date == report.due_date and replacement.version == 2


@pytest.mark.parametrize(
    ("amount", "tax", "reason", "words"),
    [
        ("0", "0", "x", "more than zero"),
        ("100.00", "120.00", "x", "between zero and the fee"),
        ("100.00", "-1", "x", "between zero and the fee"),
        ("100.00", "25.00", "x", "nothing to correct"),
        ("110.00", "25.00", "   ", "reason"),
        ("abc", "25.00", "x", "euros"),
    ],
)
def test_replace__refuses_bad_amounts_and_a_missing_reason(amount, tax, reason, words):
    run = approved_run()
    payout(run, gross="100.00", tax="25.00")
    [report] = ir_reports_for_run(run=run, by=run.approved_by)

    with pytest.raises(DomainError) as refused:
        ir_report_replace(report_id=report.pk, amount=amount, tax_withheld=tax, reason=reason, by=run.approved_by)

    assert words in str(refused.value.message)
    assert IncomesRegisterReport.objects.count() == 1


def test_replace__only_the_newest_version_and_never_a_cancelled_report():
    run = approved_run()
    rejected = payout(run)
    [report] = ir_reports_for_run(run=run, by=run.approved_by)
    sent(report)
    ir_report_replace(report_id=report.pk, amount="90.00", tax_withheld="20.00", reason="a", by=run.approved_by)
    with pytest.raises(DomainError, match="newer version"):
        ir_report_replace(report_id=report.pk, amount="95.00", tax_withheld="20.00", reason="b", by=run.approved_by)
    ir_report_cancel_for_payout(payout=rejected, reason="rejected", by=run.approved_by)
    with pytest.raises(DomainError, match="cancelled"):
        ir_report_replace(report_id=report.pk, amount="95.00", tax_withheld="20.00", reason="b", by=run.approved_by)


def test_replace__refuses_a_user_without_the_role():
    run = approved_run()
    payout(run)
    [report] = ir_reports_for_run(run=run, by=run.approved_by)
    with pytest.raises(ActionNotPermitted):
        ir_report_replace(report_id=report.pk, amount="90.00", tax_withheld="20.00", reason="a", by=UserFactory())


# --- Reissue: identity code or payment date ---------------------------------------------------


def test_reissue__a_new_identity_code_cancels_the_sent_report_and_makes_a_new_one():
    run = approved_run()
    payout(run)
    [report] = ir_reports_for_run(run=run, by=run.approved_by)
    sent(report)
    corrected = valid_identity_code(4242)

    new = ir_report_reissue(report_id=report.pk, identity_code=corrected, reason="Wrong code", by=run.approved_by)

    cancellation = IncomesRegisterReport.objects.get(kind=Kind.CANCELLATION)
    assert cancellation.corrects_id == report.pk
    assert new.kind == Kind.NEW and new.report_id == f"{report.report_id}-2" and new.version == 1
    assert new.earner_identity_code == corrected and new.payment_date == report.payment_date


def test_reissue__refuses_an_invalid_identity_code_and_nothing_changed():
    run = approved_run()
    payout(run)
    [report] = ir_reports_for_run(run=run, by=run.approved_by)
    with pytest.raises(DomainError, match="not valid"):
        ir_report_reissue(report_id=report.pk, identity_code="010190-123X", reason="x", by=run.approved_by)
    with pytest.raises(DomainError, match="nothing would change"):
        ir_report_reissue(report_id=report.pk, payment_date=report.payment_date, reason="x", by=run.approved_by)
    assert IncomesRegisterReport.objects.count() == 1
