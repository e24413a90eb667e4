"""Query counts of the payment pages stay constant as the runs, payments and reports grow.

The run's own page (payments and holds) and the Incomes Register list are counted in their page
tests (tests/coordinator/test_payment_run_pages.py, test_incomes_register_pages.py); the worker's
money page in tests/workers/test_money_page.py."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from billing.services.payment_runs import payment_run_approve, payment_run_create, payment_run_discard
from tests.factories import PayerFactory, UnitStaffFactory, WorkerFactory
from tests.factories.payments import approved_commission_work, payment_details
from tests.support.queries import assert_constant

pytestmark = pytest.mark.django_db


def _runs(coordinator, n: int) -> None:
    """`n` more runs: approved ones, each of a worker's new work, and one discarded."""
    payer = PayerFactory()
    today = timezone.localdate()
    for _ in range(n):
        worker = WorkerFactory()
        payment_details(worker)
        approved_commission_work(worker, today - dt.timedelta(days=3), "2")
        run = payment_run_create(payment_date=today, cutoff_date=today, by=coordinator)
        payment_run_approve(run_id=run.pk, by=payer)
    worker = WorkerFactory()
    payment_details(worker)
    approved_commission_work(worker, today - dt.timedelta(days=3), "2")
    payment_run_discard(run_id=payment_run_create(payment_date=today, cutoff_date=today, by=coordinator).pk, by=payer)


def test_payment_run_list__is_constant(coordinator_client, coordinator, django_assert_max_num_queries):
    _runs(coordinator, 1)
    assert_constant(
        coordinator_client,
        "/billing/payment-runs/",
        lambda: _runs(coordinator, 6),
        ceiling=12,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )


def test_payment_details_pages__are_constant(client, coordinator_client, django_assert_max_num_queries):
    """The worker's account and identity code: the coordinator's page and the unit's; they grow with
    nothing but the record's history, which they do not show."""
    worker = WorkerFactory()
    payment_details(worker)
    assert_constant(
        coordinator_client,
        f"/billing/payouts/workers/{worker.pk}/payment-details/",
        lambda: [payment_details(worker, iban=iban) for iban in ("FI2112345600000785", "FI5810171000000122")],
        ceiling=12,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )
    client.force_login(UnitStaffFactory(unit=worker.home_unit))
    assert_constant(
        client,
        f"/unit/workers/{worker.pk}/payment-details/",
        lambda: payment_details(worker, iban="FI2112345600000785"),
        ceiling=16,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )
