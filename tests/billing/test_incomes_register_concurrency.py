"""A delivery leaves once, also when the after-approval task and the page's "Send now" / "Send
again" send it at the same moment (PostgreSQL, real threads and row locks).

The CONTROL first runs the same race with the delivery and its reports read without their locks:
both threads see "not sent" and both hand the file to the transport, so the harness really produces the race. The
guarded service, started from a barrier, hands it over once.
"""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.utils import timezone

from billing.incomes_register import deliveries
from billing.incomes_register.deliveries import SENT, SKIPPED, ir_delivery_create, ir_delivery_send
from billing.incomes_register.reports import ir_reports_for_run
from billing.models import IncomesRegisterDelivery, PaymentRun, PaymentRunStatus, Payout, PayoutStatus
from tests.factories import CoordinatorFactory, PayerFactory, WorkerFactory
from tests.factories.payments import payment_details
from tests.support.races import run_at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PAYMENT_DATE = dt.date(2027, 1, 15)
HANDED_OVER: list[str] = []


class CountingTransport:
    """Records each hand-over."""

    def send(self, delivery) -> str:
        HANDED_OVER.append(delivery.delivery_id)
        return "counted"


@pytest.fixture(autouse=True)
def _counting_transport(settings):
    HANDED_OVER.clear()
    settings.JOBCENTER_IR_TRANSPORT = "tests.billing.test_incomes_register_concurrency.CountingTransport"


class RaceWindow:
    """Each caller, once the wrapped read returned, waits until every caller has read too."""

    def __init__(self, function, parties: int, timeout: float = 15):
        self.function = function
        self.barrier = threading.Barrier(parties, timeout=timeout)

    def __call__(self, *args, **kwargs):
        result = self.function(*args, **kwargs)
        self.barrier.wait()
        return result


def _delivery() -> IncomesRegisterDelivery:
    run = PaymentRun.objects.create(
        payment_date=PAYMENT_DATE,
        cutoff_date=PAYMENT_DATE,
        created_by=CoordinatorFactory(),
        status=PaymentRunStatus.APPROVED,
        approved_by=PayerFactory(),
        approved_at=timezone.now(),
    )
    worker = WorkerFactory()
    payment_details(worker)
    Payout.objects.create(
        worker=worker,
        worker_name=worker.display_name,
        period_start=dt.date(2027, 1, 1),
        period_end=dt.date(2027, 1, 10),
        hours=Decimal("3.00"),
        gross=Decimal("100.00"),
        withholding_percent=Decimal("25.00"),
        tax_withheld=Decimal("25.00"),
        net=Decimal("75.00"),
        created_by=run.created_by,
        run=run,
        status=PayoutStatus.IN_PAYMENT,
        payment_date=PAYMENT_DATE,
    )
    ir_reports_for_run(run=run, by=run.approved_by)
    return ir_delivery_create(payment_date=PAYMENT_DATE)


def _read_without_lock(delivery_id: int):
    return IncomesRegisterDelivery.objects.filter(pk=delivery_id).first()


def _reports_without_lock(delivery):
    return list(delivery.reports.filter(status__in=deliveries.UNSENT).order_by("pk"))


def test_control__without_the_locks_the_file_is_handed_over_twice(monkeypatch):
    delivery = _delivery()
    monkeypatch.setattr(deliveries, "_lock_delivery", RaceWindow(_read_without_lock, parties=2))
    monkeypatch.setattr(deliveries, "_lock_unsent_reports", _reports_without_lock)

    results = run_at_once([lambda: ir_delivery_send(delivery.pk), lambda: ir_delivery_send(delivery.pk)])

    assert results == [SENT, SENT], results
    assert HANDED_OVER == [delivery.delivery_id, delivery.delivery_id]


def test_send__two_senders_at_once_hand_the_file_over_once():
    delivery = _delivery()

    results = run_at_once([lambda: ir_delivery_send(delivery.pk), lambda: ir_delivery_send(delivery.pk)])

    assert sorted(results) == sorted([SENT, SKIPPED]), results
    assert HANDED_OVER == [delivery.delivery_id]
    delivery.refresh_from_db()
    assert delivery.sent_at is not None and delivery.location == "counted"
