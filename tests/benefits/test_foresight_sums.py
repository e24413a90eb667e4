"""The proposal page sums earnings in the database; the result must be what the gig-by-gig path gives,
by the day of the work and by the day of payment (the payment runs, the schedule, the next run)."""

import copy
import datetime as dt
from decimal import Decimal

import pytest
from freezegun import freeze_time

from benefits.foresight import BenefitReceived, earnings_window, foresee
from benefits.models import BenefitRule, IncomeCounting
from benefits.selectors.earnings import earnings_by_worker as _earnings_by_worker
from benefits.selectors.earnings import earnings_by_worker_summed as _earnings_by_worker_summed
from benefits.selectors.foresight import foresight_calendar, foresight_for_pairs
from billing.models import PayoutLine
from billing.pricing import RateBook
from orders.models import AssignmentStatus, ContractType
from tests.factories.benefits import ReceivedBenefitFactory
from tests.factories.orders import AssignmentFactory, GigFactory, OrderFactory
from tests.factories.payments import payout_in_run
from tests.factories.workers import WorkerFactory

pytestmark = pytest.mark.django_db

RECEIVED = ["unemployment_benefit", "disability_pension", "pensioners_housing_allowance"]
# Gigs before, around and after every period boundary near the day (and the payment day), and long
# before it (approved long ago: waiting for the next run, or paid).
OFFSETS = [-400, -90, -40, -29, -28, -27, -15, -6, -5, -4, -3, -1, 0, 1, 2, 5, 14, 16, 27, 28, 40]
STATES = [AssignmentStatus.APPROVED, AssignmentStatus.DONE, AssignmentStatus.ACCEPTED, AssignmentStatus.OFFERED]


def _work_around(worker, day: dt.date, *, today: dt.date) -> None:
    commission = OrderFactory(staffing=True, contract_type=ContractType.COMMISSION)
    employment = OrderFactory(staffing=True, contract_type=ContractType.EMPLOYMENT)
    for i, offset in enumerate(OFFSETS):
        order = commission if i % 3 else employment
        gig = GigFactory(order=order, date=day + dt.timedelta(days=offset), planned_hours=Decimal("2.75"))
        status = STATES[i % len(STATES)]
        AssignmentFactory(
            gig=gig,
            worker=worker,
            status=status,
            reported_hours=Decimal("3.33") if status in {AssignmentStatus.DONE, AssignmentStatus.APPROVED} else None,
            approved_hours=Decimal("3.17") if status == AssignmentStatus.APPROVED else None,
        )
    for days_ago in (200, 50, 10):  # approved commission work, before and after the run's cut-off
        AssignmentFactory(
            gig=GigFactory(order=commission, date=today - dt.timedelta(days=days_ago)),
            worker=worker,
            status=AssignmentStatus.APPROVED,
            reported_hours=Decimal("2.50"),
            approved_hours=Decimal("2.50"),
        )
    # A payment run (today) pays the approved commission work up to six weeks ago; the bank rejects
    # one of its lines (as a bank status report does), so that work waits for the next run again.
    payout = payout_in_run(worker, payment_date=today, cutoff_date=today - dt.timedelta(days=42))
    first = PayoutLine.objects.filter(payout=payout).order_by("date").first()
    PayoutLine.objects.filter(pk=first.pk).update(released=True)


def _as(rules, counting: str):
    """The rules, each counting income the given way (copies, not saved)."""
    changed = []
    for rule in rules:
        rule = copy.copy(rule)
        rule.counts_income_by = counting
        changed.append(rule)
    return changed


def _summary(foresight):
    return [(c.kind, c.period, c.period_start, c.approved, c.planned, c.counted_on) for c in foresight.checks]


@pytest.mark.parametrize(
    "day",
    [dt.date(2024, 3, 27), dt.date(2022, 6, 20), dt.date(2025, 12, 30), dt.date(2027, 1, 30), dt.date(2026, 12, 29)],
)
@pytest.mark.parametrize("today_offset", [-60, -2])
def test_summed_earnings_give_the_same_checks_as_gig_by_gig(day, today_offset):
    today = day + dt.timedelta(days=today_offset)
    with freeze_time(f"{today.isoformat()} 10:00:00"):
        worker = WorkerFactory()
        _work_around(worker, day, today=today)
        rules = list(BenefitRule.objects.all())
        pay = RateBook()
        start, end = earnings_window(day)
        calendar = foresight_calendar(start=start, end=end, today=today)
        paid_day = calendar.paid_on(day, waits_for_run=True)
        for paid_on in (paid_day, day):  # a commission gig's payment day; no gig (the day itself)
            by_gig = _earnings_by_worker(
                [worker.pk], start, end, pay, calendar=calendar, paid_window=earnings_window(paid_on)
            )[worker.pk]
            summed = _earnings_by_worker_summed(
                [worker.pk], day, pay, exclude_gig_id=None, calendar=calendar, paid_day=paid_on
            )[worker.pk]
            received = [BenefitReceived(benefit) for benefit in RECEIVED]
            for counting in (IncomeCounting.PAYMENT_DATE, IncomeCounting.WORK_DATE):
                kwargs = {"day": day, "received": received, "rules": _as(rules, counting), "gig_paid_on": paid_on}
                one, other = foresee(earnings=by_gig, **kwargs), foresee(earnings=summed, **kwargs)
                assert _summary(one) == _summary(other)
                assert one.yel.commission_total == other.yel.commission_total
                assert one.monthly == other.monthly
                assert any(c.approved for c in one.checks) and any(c.planned for c in one.checks)
        # The payment day changes what counts: the schedule moves money between periods.
        assert {e.paid_on for e in by_gig} != {e.day for e in by_gig}


@freeze_time("2027-01-20 10:00:00")
def test_the_proposal_pages_sum_and_the_order_pages_gig_by_gig_agree_through_the_selector():
    worker = WorkerFactory()
    for benefit in RECEIVED:
        ReceivedBenefitFactory(worker=worker, benefit=benefit)
    day = dt.date(2027, 1, 30)
    _work_around(worker, day, today=dt.date(2027, 1, 20))
    gig = GigFactory(order=OrderFactory(staffing=True, contract_type=ContractType.COMMISSION), date=day)
    other = GigFactory(
        order=OrderFactory(staffing=True, contract_type=ContractType.EMPLOYMENT), date=dt.date(2027, 3, 2)
    )

    summed = foresight_for_pairs(pairs=[(worker.pk, gig)])[(worker.pk, gig.pk)]  # one gig: summed
    by_gig = foresight_for_pairs(pairs=[(worker.pk, gig), (worker.pk, other)])[(worker.pk, gig.pk)]

    assert summed.gig_paid_on == by_gig.gig_paid_on == dt.date(2027, 2, 15)
    assert _summary(summed) == _summary(by_gig)
    assert summed.monthly == by_gig.monthly
