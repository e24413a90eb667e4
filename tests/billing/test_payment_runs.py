"""Payment runs: what a draft pays and holds, one draft at a time, discard, four-eyes approval."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from billing.models import (
    HoldReason,
    PaymentRun,
    PaymentRunHold,
    PaymentRunStatus,
    Payout,
    PayoutLine,
    PayoutStatus,
    PriceList,
    WorkerPaymentDetails,
    WorkerTaxInfo,
)
from billing.services.payment_runs import payment_run_approve, payment_run_create, payment_run_discard
from jobcenter.errors import ActionNotPermitted, DomainError
from orders.models import AssignmentStatus, ContractType, OrderStatus
from tests.factories import AssignmentFactory, CoordinatorFactory, GigFactory, OrderFactory, WorkerFactory
from tests.factories.payments import approved_commission_work, payer_user, payment_details

pytestmark = pytest.mark.django_db

JAN = dt.date(2025, 1, 15)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def coordinator():
    return CoordinatorFactory()


def paid_worker(**user):
    worker = WorkerFactory(**{f"user__{k}": v for k, v in user.items()})
    payment_details(worker)
    return worker


def make(by, today, *, cutoff=None, payment_date=None):
    return payment_run_create(payment_date=payment_date or today, cutoff_date=cutoff or today, by=by)


# --- What a draft pays ----------------------------------------------------------------------------
def test_create__one_payout_per_worker_with_lines_totals_and_withholding(coordinator, today):
    aino = paid_worker(first_name="Aino", last_name="Virtanen", email="aino@example.org")
    WorkerTaxInfo.objects.create(worker=aino, withholding_percent=Decimal("25"), valid_for_year=today.year)
    approved_commission_work(aino, dt.date(2025, 1, 2), "0.25")
    approved_commission_work(aino, JAN, "10")
    bo = paid_worker()
    approved_commission_work(bo, JAN, "3")

    run = make(coordinator, today)

    payout = run.payouts.get(worker=aino)
    assert payout.status == PayoutStatus.DRAFT and payout.payment_date == today
    assert (payout.period_start, payout.period_end) == (dt.date(2025, 1, 2), JAN)
    assert (payout.worker_name, payout.worker_email, payout.language) == ("Aino Virtanen", "aino@example.org", "fi")
    # 0.25 h × 10.00 and 10 h × 10.00; 25 % of 102.50 is 25.625 → 25.63 (half up)
    assert [line.amount for line in payout.lines.order_by("date")] == [Decimal("2.50"), Decimal("100.00")]
    assert (payout.hours, payout.gross, payout.withholding_percent) == (Decimal("10.25"), Decimal("102.50"), 25)
    assert (payout.tax_withheld, payout.net) == (Decimal("25.63"), Decimal("76.87"))
    other = run.payouts.get(worker=bo)
    assert (other.gross, other.withholding_percent, other.tax_withheld) == (Decimal("30.00"), 60, Decimal("18.00"))
    assert (run.status, run.payment_count) == (PaymentRunStatus.DRAFT, 2)
    assert (run.gross, run.tax_withheld, run.net) == (Decimal("132.50"), Decimal("43.63"), Decimal("88.87"))


def test_create__each_line_at_the_pay_of_its_gig_date(coordinator, today):
    PriceList.objects.filter(contract_type=ContractType.COMMISSION).update(valid_to=dt.date(2025, 1, 31))
    PriceList.objects.create(
        contract_type=ContractType.COMMISSION,
        client_hourly_price=Decimal("16.00"),
        worker_hourly_pay=Decimal("11.00"),
        side_costs_hourly=0,
        service_fee_hourly=Decimal("5.00"),
        valid_from=dt.date(2025, 2, 1),
    )
    worker = paid_worker()
    approved_commission_work(worker, dt.date(2025, 1, 31), "2")
    approved_commission_work(worker, dt.date(2025, 2, 1), "2")

    payout = make(coordinator, today).payouts.get()

    assert [(line.rate, line.amount) for line in payout.lines.order_by("date")] == [
        (Decimal("10.00"), Decimal("20.00")),
        (Decimal("11.00"), Decimal("22.00")),
    ]


def test_create__withholding_follows_the_tax_card_of_the_payment_year(coordinator, today):
    last_years = paid_worker()
    WorkerTaxInfo.objects.create(worker=last_years, withholding_percent=Decimal("10"), valid_for_year=today.year - 1)
    registered = WorkerFactory()
    payment_details(registered, code="")  # in the prepayment register: not reported, no code needed
    WorkerTaxInfo.objects.create(worker=registered, in_prepayment_register=True)
    for worker in (last_years, registered):
        approved_commission_work(worker, JAN, "10")

    run = make(coordinator, today)

    assert run.payouts.get(worker=last_years).withholding_percent == 60  # the 2025 card does not count in 2026
    paid = run.payouts.get(worker=registered)
    assert (paid.withholding_percent, paid.tax_withheld, paid.net) == (0, Decimal("0.00"), Decimal("100.00"))


def test_create__all_unpaid_work_up_to_the_cutoff_only(coordinator, today):
    worker = paid_worker()
    old = approved_commission_work(worker, dt.date(2023, 6, 1), "1")  # no lower bound: old work is paid
    on_cutoff = approved_commission_work(worker, JAN, "2")
    approved_commission_work(worker, JAN + dt.timedelta(days=1), "4")  # after the cut-off
    employment = OrderFactory(terms_accepted=True, status=OrderStatus.APPROVED, contract_type=ContractType.EMPLOYMENT)
    AssignmentFactory(
        gig=GigFactory(order=employment, date=JAN),
        worker=worker,
        status=AssignmentStatus.APPROVED,
        reported_hours=5,
        approved_hours=5,
    )
    AssignmentFactory(gig=GigFactory(date=JAN), worker=worker, done=True, reported_hours=Decimal("6"))

    payout = make(coordinator, today, cutoff=JAN).payouts.get()

    assert set(payout.lines.values_list("assignment_id", flat=True)) == {old.pk, on_cutoff.pk}
    assert payout.hours == Decimal("3")


def test_create__work_on_a_live_line_is_not_paid_again_released_work_is(coordinator, today):
    worker = paid_worker()
    first = approved_commission_work(worker, JAN, "1")
    run = make(coordinator, today)
    PaymentRun.objects.filter(pk=run.pk).update(status=PaymentRunStatus.DISCARDED)  # as if it went on
    second = approved_commission_work(worker, JAN, "2")
    PayoutLine.objects.filter(assignment=first).update(released=True)  # the bank rejected that payment

    again = make(coordinator, today).payouts.get()

    assert set(again.lines.values_list("assignment_id", flat=True)) == {first.pk, second.pk}
    assert PayoutLine.objects.filter(assignment=first, released=False).count() == 1


# --- Who is held out ------------------------------------------------------------------------------
def test_create__workers_without_an_account_or_identity_code_are_held_with_their_work(coordinator, today):
    paid = paid_worker()
    no_details = WorkerFactory()
    empty_iban = WorkerFactory()
    payment_details(empty_iban, iban="")
    no_code = WorkerFactory()
    payment_details(no_code, code="")
    for worker in (paid, no_details, empty_iban, no_code):
        approved_commission_work(worker, JAN, "2")
    approved_commission_work(no_code, JAN, "1.5")

    run = make(coordinator, today)

    assert list(run.payouts.values_list("worker_id", flat=True)) == [paid.pk]
    holds = {hold.worker_id: hold for hold in run.holds.all()}
    assert {k: h.reason for k, h in holds.items()} == {
        no_details.pk: HoldReason.NO_IBAN,
        empty_iban.pk: HoldReason.NO_IBAN,
        no_code.pk: HoldReason.NO_IDENTITY_CODE,
    }
    assert (holds[no_code.pk].assignments, holds[no_code.pk].hours, holds[no_code.pk].gross) == (
        2,
        Decimal("3.5"),
        Decimal("35.00"),
    )
    assert not PayoutLine.objects.filter(assignment__worker=no_code).exists()  # the work waits


# --- Refusals -------------------------------------------------------------------------------------
def test_create__nothing_to_pay_is_refused_and_nothing_saved(coordinator, today):
    with pytest.raises(DomainError, match="no approved, unpaid commission work"):
        make(coordinator, today)
    assert not PaymentRun.objects.exists()


def test_create__everyone_held_out_is_refused_saying_how_many_and_why(coordinator, today):
    for _ in range(2):
        approved_commission_work(WorkerFactory(), JAN, "1")
    with pytest.raises(DomainError) as err:
        make(coordinator, today)
    assert "all 2 workers with unpaid work are held out" in str(err.value.message)
    assert "No bank account (IBAN) on file: 2" in str(err.value.message)
    assert not PaymentRun.objects.exists() and not PaymentRunHold.objects.exists() and not Payout.objects.exists()


def test_create__one_draft_at_a_time_names_the_open_draft(coordinator, today):
    approved_commission_work(paid_worker(), JAN, "1")
    CoordinatorFactory(first_name="Kaisa", last_name="Koordinaattori")
    first = make(coordinator, today)
    approved_commission_work(paid_worker(), JAN, "1")

    with pytest.raises(DomainError) as err:
        make(CoordinatorFactory(), today)

    name = coordinator.get_full_name()
    assert f"A draft payment run for {today:%d.%m.%Y}, made by {name}, is open" in str(err.value.message)
    assert list(PaymentRun.objects.values_list("pk", flat=True)) == [first.pk]


def test_create__dates_and_role_are_checked(coordinator, today):
    approved_commission_work(paid_worker(), JAN, "1")
    with pytest.raises(DomainError, match="today or later"):
        make(coordinator, today, payment_date=today - dt.timedelta(days=1), cutoff=JAN)
    with pytest.raises(DomainError, match="cut-off date cannot be after it"):
        make(coordinator, today, cutoff=today + dt.timedelta(days=1))
    with pytest.raises(ActionNotPermitted):
        make(payer_user(), today)
    assert not PaymentRun.objects.exists()


# --- Scale ----------------------------------------------------------------------------------------
def _queries_to_create(workers: int, by) -> int:
    for _ in range(workers):
        worker = paid_worker()
        approved_commission_work(worker, JAN, "1")
        approved_commission_work(worker, dt.date(2025, 1, 16), "2")
        WorkerTaxInfo.objects.create(worker=worker, withholding_percent=Decimal("20"))
    approved_commission_work(WorkerFactory(), JAN, "1")  # and one held out
    by = type(by).objects.get(pk=by.pk)  # its permissions read afresh each time
    with CaptureQueriesContext(connection) as queries:
        run = payment_run_create(payment_date=timezone.localdate(), cutoff_date=JAN + dt.timedelta(days=1), by=by)
    assert run.payment_count == workers
    return len(queries)


def test_create__the_same_number_of_queries_for_3_or_30_workers(coordinator):
    few = _queries_to_create(3, coordinator)
    PaymentRun.objects.update(status=PaymentRunStatus.DISCARDED)  # its payouts stay: that work is paid
    assert _queries_to_create(30, coordinator) == few


# --- Discard --------------------------------------------------------------------------------------
def test_discard__removes_the_payments_and_frees_the_work(coordinator, today):
    approved_commission_work(paid_worker(), JAN, "1")
    approved_commission_work(WorkerFactory(), JAN, "1")
    run = make(coordinator, today)
    payer = payer_user()

    payment_run_discard(run_id=run.pk, by=payer)

    run.refresh_from_db()
    assert (run.status, run.discarded_by, run.discarded_at is not None) == (PaymentRunStatus.DISCARDED, payer, True)
    assert not Payout.objects.exists() and not PayoutLine.objects.exists() and not PaymentRunHold.objects.exists()
    assert make(coordinator, today).payment_count == 1  # the work is paid by the next run


def test_discard__only_a_draft_and_only_the_paying_roles(coordinator, today):
    approved_commission_work(paid_worker(), JAN, "1")
    run = make(coordinator, today)
    with pytest.raises(ActionNotPermitted):
        payment_run_discard(run_id=run.pk, by=WorkerFactory().user)
    payment_run_discard(run_id=run.pk, by=coordinator)
    with pytest.raises(DomainError, match="only a draft can be changed"):
        payment_run_discard(run_id=run.pk, by=coordinator)


# --- Approve: refusals (they come before the bank file is made) ----------------------------------
def test_approve__not_by_its_maker_nor_by_a_coordinator(coordinator, today):
    approved_commission_work(paid_worker(), JAN, "1")
    maker = payer_user()
    maker.user_permissions.add(*coordinator.user_permissions.all())
    maker = type(maker).objects.get(pk=maker.pk)  # permissions read afresh
    run = make(maker, today)

    with pytest.raises(ActionNotPermitted, match="You made this payment run"):
        payment_run_approve(run_id=run.pk, by=maker)
    with pytest.raises(ActionNotPermitted, match="paying role approves"):
        payment_run_approve(run_id=run.pk, by=coordinator)
    run.refresh_from_db()
    assert run.status == PaymentRunStatus.DRAFT and run.approved_by is None


def test_approve__refused_naming_the_workers_whose_account_is_gone(coordinator, today):
    kept = paid_worker()
    gone = paid_worker(first_name="Eero", last_name="Esimerkki")
    for worker in (kept, gone):
        approved_commission_work(worker, JAN, "1")
    run = make(coordinator, today)
    WorkerPaymentDetails.objects.filter(worker=gone).update(iban="")

    with pytest.raises(DomainError, match="missing now: Eero Esimerkki"):
        payment_run_approve(run_id=run.pk, by=payer_user())
    run.refresh_from_db()
    assert run.status == PaymentRunStatus.DRAFT
    assert set(run.payouts.values_list("status", flat=True)) == {PayoutStatus.DRAFT}


def test_approve__only_a_draft(coordinator, today):
    approved_commission_work(paid_worker(), JAN, "1")
    run = make(coordinator, today)
    payment_run_discard(run_id=run.pk, by=coordinator)
    with pytest.raises(DomainError, match="only a draft"):
        payment_run_approve(run_id=run.pk, by=payer_user())
