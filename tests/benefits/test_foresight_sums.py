"""The proposal page sums earnings in the database; the result must be what the gig-by-gig path gives."""

import datetime as dt
from decimal import Decimal

import pytest

from benefits.foresight import earnings_window, foresee
from benefits.models import BenefitRule
from benefits.selectors.foresight import _earnings_by_worker, _earnings_by_worker_summed
from billing.pricing import RateBook
from orders.models import AssignmentStatus, ContractType
from tests.factories.orders import AssignmentFactory, GigFactory, OrderFactory
from tests.factories.workers import WorkerFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("day", [dt.date(2024, 3, 27), dt.date(2022, 6, 20), dt.date(2025, 12, 30)])
def test_summed_earnings_give_the_same_checks_as_gig_by_gig(day):
    worker = WorkerFactory()
    commission = OrderFactory(staffing=True, contract_type=ContractType.COMMISSION)
    employment = OrderFactory(staffing=True, contract_type=ContractType.EMPLOYMENT)
    # Gigs before, around and after every period boundary near `day`, in each state that counts.
    offsets = [-400, -40, -29, -28, -27, -15, -3, -1, 0, 1, 2, 5, 27, 28, 40]
    states = [AssignmentStatus.APPROVED, AssignmentStatus.DONE, AssignmentStatus.ACCEPTED, AssignmentStatus.OFFERED]
    for i, offset in enumerate(offsets):
        order = commission if i % 2 else employment
        gig = GigFactory(order=order, date=day + dt.timedelta(days=offset), planned_hours=Decimal("2.75"))
        status = states[i % len(states)]
        AssignmentFactory(
            gig=gig,
            worker=worker,
            status=status,
            reported_hours=Decimal("3.33") if status in {AssignmentStatus.DONE, AssignmentStatus.APPROVED} else None,
            approved_hours=Decimal("3.17") if status == AssignmentStatus.APPROVED else None,
        )
    rules = list(BenefitRule.objects.all())
    pay = RateBook()
    start, end = earnings_window(day)
    by_gig = _earnings_by_worker([worker.pk], start, end, pay)[worker.pk]
    summed = _earnings_by_worker_summed([worker.pk], day, pay, exclude_gig_id=None)[worker.pk]
    received = [("unemployment_benefit", ""), ("disability_pension", ""), ("pensioners_housing_allowance", "")]
    from benefits.foresight import BenefitReceived

    kwargs = {"day": day, "received": [BenefitReceived(*r) for r in received], "rules": rules}
    one, other = foresee(earnings=by_gig, **kwargs), foresee(earnings=summed, **kwargs)
    assert [(c.kind, c.period, c.approved, c.planned) for c in one.checks] == [
        (c.kind, c.period, c.approved, c.planned) for c in other.checks
    ]
    assert one.yel.commission_total == other.yel.commission_total
    assert one.monthly == other.monthly
    assert any(c.approved for c in one.checks) and any(c.planned for c in one.checks)
