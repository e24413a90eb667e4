"""Invoice numbers stay gapless and unique when invoices are issued at the same moment
(PostgreSQL, real threads and row locks; each race starts from a barrier)."""

import datetime as dt
import importlib
import threading

import pytest
from django.apps import apps
from django.db import connection
from django.utils import translation

from billing import services
from billing.models import Invoice, InvoiceSeries
from tests.factories import CoordinatorFactory
from tests.support.billing import approved_order

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _series():
    """A transactional test starts from flushed tables: seed the series as the migration does."""
    importlib.import_module("billing.migrations.0003_invoices").seed(apps, None)


def run_at_once(functions):
    barrier = threading.Barrier(len(functions))
    results = [None] * len(functions)

    def runner(index, function):
        translation.activate("en")
        try:
            barrier.wait()
            results[index] = function()
        except Exception as exc:  # the outcome is what we assert on
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_invoice_issue__twelve_orders_at_once_get_gapless_unique_numbers():
    by = CoordinatorFactory()
    orders = [approved_order({dt.date(2025, 1, 15): ["1"]}) for _ in range(12)]
    results = run_at_once([lambda o=o: services.invoice_issue_for_order(order_id=o.pk, by=by).number for o in orders])
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sorted(results) == list(range(1001, 1013))
    assert sorted(Invoice.objects.values_list("number", flat=True)) == list(range(1001, 1013))
    assert InvoiceSeries.objects.get(code="JC").next_number == 1013


def test_invoice_issue__the_same_order_twice_at_once_is_invoiced_once():
    order = approved_order({dt.date(2025, 1, 15): ["1"]})
    first, second = CoordinatorFactory(), CoordinatorFactory()
    results = run_at_once(
        [
            lambda: services.invoice_issue_for_order(order_id=order.pk, by=first).pk,
            lambda: services.invoice_issue_for_order(order_id=order.pk, by=second).pk,
        ]
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    assert results[0] == results[1]
    assert Invoice.objects.count() == 1
    assert InvoiceSeries.objects.get(code="JC").next_number == 1002


def test_issue_and_credit_at_once__numbers_stay_gapless():
    by = CoordinatorFactory()
    to_credit = services.invoice_issue_for_order(order_id=approved_order({dt.date(2025, 1, 15): ["1"]}).pk, by=by)
    orders = [approved_order({dt.date(2025, 1, 15): ["1"]}) for _ in range(5)]
    results = run_at_once(
        [lambda o=o: services.invoice_issue_for_order(order_id=o.pk, by=by).number for o in orders]
        + [lambda: services.credit_note_issue(invoice_id=to_credit.pk, by=by, reason="x").number]
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sorted(Invoice.objects.values_list("number", flat=True)) == list(range(1001, 1008))
