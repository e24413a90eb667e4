"""The benefit foresight counts delivered product compensation as earned commission income on the
delivery date; an agreement with nothing delivered yet counts for nothing, not even as planned."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from benefits.selectors.foresight import foresight_for_workers
from orders.models import ContractType
from tests.factories import GigFactory, OrderFactory, UnitStaffFactory, WorkerFactory
from tests.support.product_sales import agreement_for, product_of, sold_product

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 11, 20)


@pytest.fixture
def worker():
    return WorkerFactory()


@pytest.fixture
def staff(worker):
    return UnitStaffFactory(unit=worker.home_unit)


def test_foresight__a_delivery_counts_as_earned_in_its_month(worker, staff):
    sold_product(worker, by=staff, delivered=[(dt.date(2026, 11, 10), 10)], compensation="4.50")  # 45.00
    sold_product(worker, by=staff, name="Kassi", delivered=[(dt.date(2026, 10, 10), 2)], compensation="8.00")

    foresight = foresight_for_workers(worker_ids=[worker.pk], day=DAY)[worker.pk]

    assert foresight.monthly == {"approved": Decimal("45.00"), "planned": Decimal("0")}
    assert foresight.yel.commission_total == Decimal("61.00")  # the year's commission income, both deliveries


def test_foresight__an_agreement_without_a_delivery_is_not_counted(worker, staff):
    agreement_for(product_of(worker, by=staff), by=staff, compensation="4.50", valid_from=dt.date(2026, 11, 1))

    foresight = foresight_for_workers(worker_ids=[worker.pk], day=DAY)[worker.pk]

    assert foresight.monthly == {"approved": Decimal("0"), "planned": Decimal("0")}


def test_foresight__counted_also_on_the_proposal_pages_sum(worker, staff):
    """One gig and one date for everyone: the earnings are summed in the database, the deliveries
    are added the same way."""
    sold_product(worker, by=staff, delivered=[(dt.date(2026, 11, 10), 10)], compensation="4.50")
    gig = GigFactory(order=OrderFactory(staffing=True, contract_type=ContractType.COMMISSION), date=DAY)

    foresight = foresight_for_workers(worker_ids=[worker.pk], day=DAY, gig=gig)[worker.pk]

    assert foresight.monthly["approved"] == Decimal("45.00")
