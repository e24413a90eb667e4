"""Earnings count in the period of the day they are paid (most benefits) or of the day of the work
(rules that say so): the payment schedule, the payment runs, and the foresight built on them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from freezegun import freeze_time

from benefits.foresight import Earning, check_rule, period_bounds
from benefits.models import BenefitRule, IncomeCounting, RuleKind, RulePeriod
from benefits.selectors.earnings import earnings_by_worker as _earnings_by_worker
from benefits.selectors.foresight import foresight_calendar, foresight_for_workers
from billing.models import PaymentSchedule, PayoutLine
from billing.payment_schedule import expected_payment_date, scheduled_payment_dates
from billing.pricing import RateBook
from orders.models import AssignmentStatus, ContractType
from tests.factories import AssignmentFactory, GigFactory, OrderFactory, WorkerFactory
from tests.factories.benefits import ReceivedBenefitFactory
from tests.factories.payments import approved_commission_work, payout_in_run

pytestmark = pytest.mark.django_db

D = Decimal
# The seeded schedule: the 15th and the last working day, for work done at least five days before.
SEEDED = [
    SimpleNamespace(
        valid_from=dt.date(2020, 1, 1), valid_to=None, days=(15,), last_working_day=True, approval_lag_days=5
    )
]


def _row(*days, last=False, lag=5):
    return SimpleNamespace(
        valid_from=dt.date(2020, 1, 1), valid_to=None, days=days, last_working_day=last, approval_lag_days=lag
    )


# --- The schedule ---------------------------------------------------------------------------------
def test_schedule__is_seeded_from_2020_with_the_15th_and_the_last_working_day():
    row = PaymentSchedule.objects.get()
    assert (row.valid_from, row.valid_to, row.days, row.last_working_day, row.approval_lag_days) == (
        dt.date(2020, 1, 1),
        None,
        (15,),
        True,
        5,
    )
    assert row.source


def test_schedule__dates_move_from_a_weekend_to_the_friday_before():
    # 15.2.2026 is a Sunday, 28.2.2026 a Saturday; 31.1.2027 a Sunday, 30.1.2027 a Saturday.
    assert scheduled_payment_dates(dt.date(2026, 2, 1), dt.date(2026, 2, 28), schedule=SEEDED) == [
        dt.date(2026, 2, 13),
        dt.date(2026, 2, 27),
    ]
    assert scheduled_payment_dates(dt.date(2027, 1, 1), dt.date(2027, 2, 28), schedule=SEEDED) == [
        dt.date(2027, 1, 15),
        dt.date(2027, 1, 29),
        dt.date(2027, 2, 15),
        dt.date(2027, 2, 26),
    ]


def test_schedule__dates_move_from_a_public_holiday_to_the_working_day_before():
    # 31.3.2029 is a Saturday and 30.3.2029 Good Friday: the run pays on Thursday 29.3.
    assert dt.date(2029, 3, 29) in scheduled_payment_dates(dt.date(2029, 3, 1), dt.date(2029, 3, 31), schedule=SEEDED)
    # Midsummer Eve (Friday 19.6.2026) and Christmas Eve (Friday 24.12.2027) are not banking days.
    assert scheduled_payment_dates(dt.date(2026, 6, 1), dt.date(2026, 6, 30), schedule=[_row(19)]) == [
        dt.date(2026, 6, 18)
    ]
    assert scheduled_payment_dates(dt.date(2027, 12, 1), dt.date(2027, 12, 31), schedule=[_row(24)]) == [
        dt.date(2027, 12, 23)
    ]
    # New Year's Eve is a working day: the last run of 2026 pays on Thursday 31.12.2026.
    assert scheduled_payment_dates(dt.date(2026, 12, 16), dt.date(2026, 12, 31), schedule=SEEDED) == [
        dt.date(2026, 12, 31)
    ]


def test_expected_payment_date__the_first_run_whose_cutoff_takes_the_work():
    today = dt.date(2027, 1, 10)
    # The run of Friday 29.1.2027 takes work up to 24.1.; later work goes to 15.2.
    assert expected_payment_date(dt.date(2027, 1, 24), today=today, schedule=SEEDED) == dt.date(2027, 1, 29)
    assert expected_payment_date(dt.date(2027, 1, 25), today=today, schedule=SEEDED) == dt.date(2027, 2, 15)
    assert expected_payment_date(dt.date(2027, 1, 30), today=today, schedule=SEEDED) == dt.date(2027, 2, 15)
    # Year end: work on 29.12.2026 misses the run of 31.12. (cut-off 26.12.) and is paid in January.
    assert expected_payment_date(dt.date(2026, 12, 29), today=dt.date(2026, 12, 1), schedule=SEEDED) == dt.date(
        2027, 1, 15
    )


def test_expected_payment_date__work_done_long_ago_waits_for_the_next_run_not_the_past():
    today = dt.date(2026, 12, 3)
    assert expected_payment_date(dt.date(2026, 9, 1), today=today, schedule=SEEDED) == dt.date(2026, 12, 15)
    # On a payment day, the next run is today's.
    assert expected_payment_date(dt.date(2026, 9, 1), today=dt.date(2026, 12, 15), schedule=SEEDED) == dt.date(
        2026, 12, 15
    )


def test_expected_payment_date__without_a_schedule_in_force_is_the_day_of_the_work():
    old = SimpleNamespace(
        valid_from=dt.date(2020, 1, 1),
        valid_to=dt.date(2020, 12, 31),
        days=(15,),
        last_working_day=True,
        approval_lag_days=5,
    )
    assert expected_payment_date(dt.date(2027, 1, 30), today=dt.date(2027, 1, 1), schedule=[old]) == dt.date(
        2027, 1, 30
    )


def test_schedule__a_later_schedule_row_takes_over_on_its_date():
    rows = [
        SimpleNamespace(
            valid_from=dt.date(2020, 1, 1),
            valid_to=dt.date(2026, 6, 30),
            days=(15,),
            last_working_day=True,
            approval_lag_days=5,
        ),
        SimpleNamespace(
            valid_from=dt.date(2026, 7, 1), valid_to=None, days=(10, 25), last_working_day=False, approval_lag_days=7
        ),
    ]
    assert scheduled_payment_dates(dt.date(2026, 6, 1), dt.date(2026, 7, 31), schedule=rows) == [
        dt.date(2026, 6, 15),
        dt.date(2026, 6, 30),
        dt.date(2026, 7, 10),
        dt.date(2026, 7, 24),  # 25.7.2026 is a Saturday
    ]


def test_schedule__clean_refuses_bad_days_and_no_day_at_all():
    from django.core.exceptions import ValidationError

    bad = PaymentSchedule(valid_from=dt.date(2030, 1, 1), days_of_month="15, 32", source="test")
    with pytest.raises(ValidationError):
        bad.clean()
    none = PaymentSchedule(valid_from=dt.date(2030, 1, 1), days_of_month="", last_working_day=False, source="t")
    with pytest.raises(ValidationError):
        none.clean()


# --- The foresight --------------------------------------------------------------------------------
def _worker_on(benefit: str = "unemployment_benefit"):
    worker = WorkerFactory()
    ReceivedBenefitFactory(worker=worker, benefit=benefit)
    return worker


def _gig_of(worker, day: dt.date, *, contract=ContractType.COMMISSION, status=AssignmentStatus.ACCEPTED):
    gig = GigFactory(order=OrderFactory(staffing=True, contract_type=contract), date=day, planned_hours=D("4.00"))
    hours = D("4.00") if status in {AssignmentStatus.DONE, AssignmentStatus.APPROVED} else None
    AssignmentFactory(gig=gig, worker=worker, status=status, reported_hours=hours)
    return gig


def _decided_gig(day: dt.date):
    """The gig the foresight is asked about (4 hours of commission work, no assignment yet)."""
    return GigFactory(
        order=OrderFactory(staffing=True, contract_type=ContractType.COMMISSION), date=day, planned_hours=D("4.00")
    )


def _check(foresight, benefit: str, period: str):
    return next(c for c in foresight.checks if c.benefit == benefit and c.period == period)


@freeze_time("2027-01-20 10:00:00")
def test_foresight__a_gig_on_30_january_paid_on_15_february_counts_in_february():
    worker = _worker_on()
    _gig_of(worker, dt.date(2027, 1, 20))  # paid 29.1.: January's income
    _gig_of(worker, dt.date(2027, 1, 27))  # paid 15.2.: February's income
    gig = _decided_gig(dt.date(2027, 1, 30))

    foresight = foresight_for_workers(worker_ids=[worker.pk], day=gig.date, gig=gig)[worker.pk]

    assert foresight.gig_paid_on == dt.date(2027, 2, 15)
    month = _check(foresight, "unemployment_benefit", RulePeriod.MONTH)
    assert (month.counts_by, month.counted_on) == (IncomeCounting.PAYMENT_DATE, dt.date(2027, 2, 15))
    assert (month.period_start, month.period_end) == (dt.date(2027, 2, 1), dt.date(2027, 2, 28))
    pay = month.this_gig  # every gig here is 4 hours of commission work
    assert month.planned == pay  # the gig of 27.1., not the one of 20.1.


@freeze_time("2027-01-20 10:00:00")
def test_foresight__a_rule_counting_by_the_work_day_counts_it_in_january():
    BenefitRule.objects.filter(benefit="unemployment_benefit").update(counts_income_by=IncomeCounting.WORK_DATE)
    worker = _worker_on()
    _gig_of(worker, dt.date(2027, 1, 20))
    _gig_of(worker, dt.date(2027, 1, 27))
    gig = _decided_gig(dt.date(2027, 1, 30))

    foresight = foresight_for_workers(worker_ids=[worker.pk], day=gig.date, gig=gig)[worker.pk]

    month = _check(foresight, "unemployment_benefit", RulePeriod.MONTH)
    assert (month.counts_by, month.counted_on) == (IncomeCounting.WORK_DATE, dt.date(2027, 1, 30))
    assert (month.period_start, month.period_end) == (dt.date(2027, 1, 1), dt.date(2027, 1, 31))
    assert month.planned == 2 * month.this_gig  # both January gigs
    assert foresight.gig_paid_on == dt.date(2027, 2, 15)  # still said to the worker


@freeze_time("2026-12-20 10:00:00")
def test_foresight__work_on_29_december_paid_in_january_meets_the_yearly_rule_of_2027():
    worker = _worker_on("pensioners_housing_allowance")
    _gig_of(worker, dt.date(2026, 12, 27))  # after the cut-off of 31.12. (26.12.): paid 15.1.2027 too
    _gig_of(worker, dt.date(2026, 12, 22))  # paid 31.12.2026: 2026's income
    gig = _decided_gig(dt.date(2026, 12, 29))

    foresight = foresight_for_workers(worker_ids=[worker.pk], day=gig.date, gig=gig)[worker.pk]

    assert foresight.gig_paid_on == dt.date(2027, 1, 15)
    year = _check(foresight, "pensioners_housing_allowance", RulePeriod.YEAR)
    assert (year.period_start, year.period_end) == (dt.date(2027, 1, 1), dt.date(2027, 12, 31))
    assert year.rule.valid_from <= dt.date(2027, 1, 15)
    assert year.planned == year.this_gig  # the gig of 27.12., not the one of 22.12.


def test_check_rule__the_four_week_period_is_the_one_holding_the_payment_date():
    rule = BenefitRule(
        benefit="unemployment_benefit",
        kind=RuleKind.PROTECTED_EARNINGS,
        period=RulePeriod.FOUR_WEEKS,
        amount=D("300.00"),
        reduction_rate=D("0.50"),
        valid_from=dt.date(2020, 1, 1),
        counts_income_by=IncomeCounting.PAYMENT_DATE,
    )
    boundary, _end = period_bounds(RulePeriod.FOUR_WEEKS, dt.date(2027, 1, 10))  # 28.12.2026
    before, after = boundary - dt.timedelta(days=1), boundary
    earnings = [
        Earning(1, dt.date(2026, 12, 20), D("100.00"), True, "commission", paid_on=before),
        Earning(2, dt.date(2026, 12, 21), D("40.00"), True, "commission", paid_on=after),
    ]
    gig_day = dt.date(2026, 12, 20)

    paid_after = check_rule(rule, day=gig_day, earnings=earnings, this_gig=D("10.00"), hourly_pay=None, paid_on=after)
    paid_before = check_rule(rule, day=gig_day, earnings=earnings, this_gig=D("10.00"), hourly_pay=None, paid_on=before)

    assert paid_after.period_start == boundary and paid_after.approved == D("40.00")
    assert paid_before.period_end == before and paid_before.approved == D("100.00")


@freeze_time("2026-12-03 10:00:00")
def test_foresight__work_approved_long_ago_but_unpaid_is_paid_at_the_next_run():
    worker = _worker_on()
    approved_commission_work(worker, dt.date(2026, 9, 1))

    foresight = foresight_for_workers(worker_ids=[worker.pk], day=dt.date(2026, 12, 3))[worker.pk]

    month = _check(foresight, "unemployment_benefit", RulePeriod.MONTH)
    # Paid on 15.12.2026 (the next run), so December's income, not September's.
    assert month.period_start == dt.date(2026, 12, 1) and month.approved > 0


@freeze_time("2026-12-03 10:00:00")
def test_foresight__a_paid_assignment_uses_its_runs_date_and_a_rejected_one_waits_again():
    worker = _worker_on()
    assignment = approved_commission_work(worker, dt.date(2026, 11, 20))
    payout_in_run(worker, payment_date=dt.date(2026, 12, 4), cutoff_date=dt.date(2026, 12, 3))
    today = dt.date(2026, 12, 3)
    calendar = foresight_calendar(start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31), today=today)
    window = (dt.date(2026, 1, 1), dt.date(2027, 12, 31))

    def paid_on():
        earnings = _earnings_by_worker(
            [worker.pk], dt.date(2026, 1, 1), dt.date(2026, 12, 31), RateBook(), calendar=calendar, paid_window=window
        )
        return [earning.paid_on for earning in earnings[worker.pk]]

    assert paid_on() == [dt.date(2026, 12, 4)]  # the run's date, not the schedule's
    # The bank rejects the payment: the work is free for the next run.
    PayoutLine.objects.filter(assignment=assignment).update(released=True)
    assert paid_on() == [dt.date(2026, 12, 15)]


@freeze_time("2026-12-03 10:00:00")
def test_foresight__employment_work_is_paid_by_the_partner_on_the_schedule():
    worker = _worker_on()
    _gig_of(worker, dt.date(2026, 11, 20), contract=ContractType.EMPLOYMENT, status=AssignmentStatus.DONE)
    calendar = foresight_calendar(start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31), today=dt.date(2026, 12, 3))
    earnings = _earnings_by_worker(
        [worker.pk],
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
        RateBook(),
        calendar=calendar,
        paid_window=(dt.date(2026, 1, 1), dt.date(2027, 12, 31)),
    )
    # Not waiting for the Jobcenter's run: paid on 30.11.2026 as the schedule says.
    assert [earning.paid_on for earning in earnings[worker.pk]] == [dt.date(2026, 11, 30)]
