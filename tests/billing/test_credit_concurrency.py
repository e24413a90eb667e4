"""Two credit notes of the same line at the same moment cannot credit more than the line has
(PostgreSQL, real threads and row locks; each race starts from a barrier)."""

import datetime as dt
import importlib
import threading
from decimal import Decimal as D

import pytest
from django.apps import apps
from django.db import connection
from django.utils import translation

from billing import services
from billing.models import Invoice, InvoiceKind, InvoiceLine, InvoiceStatus
from jobcenter.errors import DomainError
from orders.models import OrderStatus
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


def test_two_credit_notes_of_one_line_at_once_cannot_over_credit():
    by = CoordinatorFactory()
    order = approved_order({dt.date(2025, 1, 15): ["3"]})
    invoice = services.invoice_issue_for_order(order_id=order.pk, by=by)
    line = invoice.lines.get()
    results = run_at_once(
        [
            lambda: services.credit_note_issue(invoice_id=invoice.pk, by=by, reason="a", lines={line.pk: "2"}).pk,
            lambda: services.credit_note_issue(invoice_id=invoice.pk, by=by, reason="b", lines={line.pk: "2"}).pk,
        ]
    )
    refused = [r for r in results if isinstance(r, DomainError)]
    assert len(refused) == 1 and "left to credit" in refused[0].message, results
    assert Invoice.objects.filter(kind=InvoiceKind.CREDIT_NOTE).count() == 1
    assert sum(ln.hours for ln in InvoiceLine.objects.filter(credits_line=line)) == D("-2.00")
    invoice.refresh_from_db()
    order.refresh_from_db()
    assert invoice.status == InvoiceStatus.PARTLY_CREDITED and order.status == OrderStatus.APPROVED
    # The numbers stay gapless: the refused one gave its number back.
    assert sorted(Invoice.objects.values_list("number", flat=True)) == [1001, 1002]


def test_credit_and_re_invoice_at_once__the_hours_are_invoiced_once():
    """A full credit note and an issue of the same order at the same moment: the issue either sees
    the credit (and invoices the hours again) or returns the standing invoice; never both twice."""
    by = CoordinatorFactory()
    order = approved_order({dt.date(2025, 1, 15): ["3"]})
    invoice = services.invoice_issue_for_order(order_id=order.pk, by=by)
    results = run_at_once(
        [
            lambda: services.credit_note_issue(invoice_id=invoice.pk, by=by, reason="a").pk,
            lambda: services.invoice_issue_for_order(order_id=order.pk, by=by).pk,
        ]
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    net = sum((ln.hours for ln in InvoiceLine.objects.filter(order=order)), D("0"))
    order.refresh_from_db()
    # Either order: the hours stand invoiced once (and the order says invoiced) or not at all
    # (and the order is approved, to be invoiced).
    assert (net, order.status) in {(D("3.00"), OrderStatus.INVOICED), (D("0.00"), OrderStatus.APPROVED)}
