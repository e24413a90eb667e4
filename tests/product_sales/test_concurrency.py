"""Product sales under races (PostgreSQL, real threads and row locks; each race starts from a barrier).

Each race first runs as a CONTROL with the application's check passed in every thread before any
thread writes: the control shows the check alone does not keep the invariant, so the harness really
produces the race. Then the guarded service must keep it: every delivery on exactly one live payout
line however many coordinators make a run at once; never more delivered than was made.
"""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db.models import Count, Sum
from django.utils import timezone

from billing.models import PaymentRun, PaymentRunStatus, PayoutLine, Product, ProductDelivery
from billing.services import payment_runs
from billing.services import product_sales as product_services
from jobcenter.errors import DomainError
from tests.factories import CoordinatorFactory, UnitStaffFactory, WorkerFactory
from tests.factories.payments import approved_commission_work, payment_details
from tests.support.product_sales import agreement_for, product_of, sold_product
from tests.support.races import run_at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


class RaceWindow:
    """Wraps a function: each caller, once the function returned, waits until `parties` callers got
    there too (everyone has read, nobody has written yet)."""

    def __init__(self, function, parties: int, timeout: float = 15):
        self.function = function
        self.barrier = threading.Barrier(parties, timeout=timeout)
        self.reached = 0
        self._lock = threading.Lock()

    def __call__(self, *args, **kwargs):
        result = self.function(*args, **kwargs)
        with self._lock:
            self.reached += 1
        self.barrier.wait()
        return result


def _sales(makers: int = 3) -> list[ProductDelivery]:
    """Makers with a delivery each, and (for some) commission work too."""
    today = timezone.localdate()
    deliveries = []
    for n in range(makers):
        worker = WorkerFactory()
        payment_details(worker)
        if n % 2:
            approved_commission_work(worker, today - dt.timedelta(days=4), "2")
        staff = UnitStaffFactory(unit=worker.home_unit)
        _product, _agreement, made = sold_product(worker, by=staff, delivered=[(today - dt.timedelta(days=3), 5)])
        deliveries += made
    return deliveries


def _create(by):
    today = timezone.localdate()
    return lambda: payment_runs.payment_run_create(payment_date=today, cutoff_date=today, by=by)


def _assert_each_delivery_on_one_live_line(deliveries: list[ProductDelivery]) -> None:
    live = dict(
        PayoutLine.objects.filter(released=False, delivery__isnull=False)
        .values_list("delivery_id")
        .annotate(n=Count("pk"))
        .values_list("delivery_id", "n")
    )
    assert live == {delivery.pk: 1 for delivery in deliveries}


# --- Two coordinators make a run at the same moment ----------------------------------------------
def test_control__the_draft_check_alone_lets_both_coordinators_through(monkeypatch):
    deliveries = _sales()
    window = RaceWindow(payment_runs._draft_in_progress, parties=2)
    monkeypatch.setattr(payment_runs, "_draft_in_progress", window)

    results = run_at_once([_create(CoordinatorFactory()), _create(CoordinatorFactory())])

    assert window.reached == 2  # the application-level check let both through
    made = [r for r in results if isinstance(r, PaymentRun)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert (len(made), len(refused)) == (1, 1), results
    assert PaymentRun.objects.filter(status=PaymentRunStatus.DRAFT).count() == 1
    _assert_each_delivery_on_one_live_line(deliveries)


def test_create__eight_coordinators_at_once_pay_each_delivery_once():
    deliveries = _sales()

    results = run_at_once([_create(CoordinatorFactory()) for _ in range(8)])

    made = [r for r in results if isinstance(r, PaymentRun)]
    assert len(made) == 1 and all(isinstance(r, DomainError) for r in results if r is not made[0]), results
    assert made[0].payment_count == 3
    _assert_each_delivery_on_one_live_line(deliveries)


# --- Two staff members record deliveries of the same product at the same moment -------------------
def _product_with_ten_made():
    worker = WorkerFactory()
    staff = UnitStaffFactory(unit=worker.home_unit)
    product = product_of(worker, by=staff, quantity_made=10)
    agreement_for(product, by=staff)
    return product, staff, UnitStaffFactory(unit=worker.home_unit)


def _deliver(product, by, quantity=6):
    return lambda: product_services.delivery_record(
        product_id=product.pk, date=timezone.localdate(), quantity=quantity, by=by
    )


def _lock_product_without_lock(product_id: int) -> Product:
    """`product_sales._lock_product` with the guard off: the same row, read without a lock."""
    return Product.objects.get(pk=product_id)


def _delivered(product) -> int:
    return ProductDelivery.objects.filter(product=product).aggregate(n=Sum("quantity"))["n"] or 0


def test_control__deliveries_without_the_lock_deliver_more_than_was_made(monkeypatch):
    product, first, second = _product_with_ten_made()
    window = RaceWindow(_lock_product_without_lock, parties=2)
    monkeypatch.setattr(product_services, "_lock_product", window)

    results = run_at_once([_deliver(product, first), _deliver(product, second)])

    assert window.reached == 2
    assert all(isinstance(r, ProductDelivery) for r in results), results
    assert _delivered(product) == 12  # two deliveries of 6 of the 10 made: the check alone let both through


def test_delivery__two_at_once_never_deliver_more_than_was_made():
    product, first, second = _product_with_ten_made()

    results = run_at_once([_deliver(product, first), _deliver(product, second)])

    refused = [r for r in results if isinstance(r, DomainError)]
    assert len(refused) == 1 and "Only 4 of 10" in str(refused[0].message), results
    assert _delivered(product) == 6
