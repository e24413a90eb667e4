"""The month-end run at city scale: split into parts, and prices read once per date.

A city has thousands of monthly clients; one task for all of them would reach
CELERY_TASK_SOFT_TIME_LIMIT on a slow day. The run is a chain of parts (`MONTH_END_CHUNK` clients
each) whose progress adds up on the month-end page, and each part looks up a date's price and VAT
rate once (`billing.services.RateBook`), not once per invoice line. Tasks run eagerly here; the real
worker runs them in bench/run.py (docs/performance.md).
"""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from billing import services
from billing.models import Invoice
from billing.tasks import run_monthly_invoices_task
from orders.models import InvoicingMode, OrderStatus
from tests.factories import ClientOrganisationFactory, CoordinatorFactory
from tests.support.billing import approved_order

pytestmark = pytest.mark.django_db

OCTOBER = [dt.date(2025, 10, 2), dt.date(2025, 10, 9)]


def monthly_clients(n: int) -> list:
    clients = [ClientOrganisationFactory(invoicing_mode=InvoicingMode.MONTHLY) for _ in range(n)]
    for client in clients:
        approved_order({day: ["2"] for day in OCTOBER}, client=client)
    return clients


def test_month_end_run__in_parts_invoices_every_client_and_the_progress_adds_up():
    coordinator = CoordinatorFactory()
    clients = monthly_clients(5)

    started = run_monthly_invoices_task(2025, 10, coordinator.pk, "parts", chunk_size=2)

    assert started == {"clients": 5, "parts": 3}
    assert sorted(Invoice.objects.values_list("client_id", flat=True)) == sorted(c.pk for c in clients)
    progress = services.month_end_progress("parts")
    assert (progress["total"], progress["done"], progress["failed"], progress["finished"]) == (5, 5, 0, True)
    assert sorted(progress["issued"]) == sorted(Invoice.objects.values_list("pk", flat=True))
    assert set(Invoice.objects.values_list("orders__status", flat=True)) == {OrderStatus.INVOICED}


def test_month_end_run__in_parts_started_again_issues_nothing_twice():
    coordinator = CoordinatorFactory()
    monthly_clients(3)
    run_monthly_invoices_task(2025, 10, coordinator.pk, "first", chunk_size=2)

    run_monthly_invoices_task(2025, 10, coordinator.pk, "again", chunk_size=2)

    assert Invoice.objects.count() == 3
    progress = services.month_end_progress("again")
    assert (progress["done"], progress["issued"], progress["finished"]) == (3, [], True)


def test_month_end_run__reads_a_dates_price_and_vat_once_per_part():
    coordinator = CoordinatorFactory()
    first, second = monthly_clients(2)
    rates = services.RateBook()
    services.invoice_issue_monthly(client_id=first.pk, year=2025, month=10, by=coordinator, rates=rates)

    with CaptureQueriesContext(connection) as ctx:
        invoice = services.invoice_issue_monthly(client_id=second.pk, year=2025, month=10, by=coordinator, rates=rates)

    assert [line.date for line in invoice.lines.order_by("position")] == OCTOBER
    lookups = [
        q["sql"] for q in ctx.captured_queries if "billing_pricelist" in q["sql"] or "billing_vatrate" in q["sql"]
    ]
    assert lookups == []


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_month_end_run__in_parts_with_a_real_worker(real_celery):
    coordinator = CoordinatorFactory()
    clients = monthly_clients(3)

    started = run_monthly_invoices_task.delay(2025, 10, coordinator.pk, "worker-parts", chunk_size=2)

    assert started.get(timeout=30) == {"clients": 3, "parts": 2}
    deadline = time.monotonic() + 60
    while not (services.month_end_progress("worker-parts") or {}).get("finished") and time.monotonic() < deadline:
        time.sleep(0.2)
    progress = services.month_end_progress("worker-parts")
    assert (progress["done"], len(progress["issued"]), progress["finished"]) == (3, 3, True)
    assert sorted(Invoice.objects.values_list("client_id", flat=True)) == sorted(c.pk for c in clients)
