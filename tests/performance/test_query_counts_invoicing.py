"""Queries of the coordinator's invoicing pages do not grow with the lines: the invoice preview, the
credit note page (with its preview) and an invoice with its credit notes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from billing import services as billing_services
from tests.support.billing import approved_order
from tests.support.queries import queries_of, text

pytestmark = pytest.mark.django_db


def _order(gigs: int):
    return approved_order({timezone.localdate() - dt.timedelta(days=20 + i): ["3.00", "2.50"] for i in range(gigs)})


def test_invoice_preview__does_not_grow_with_lines(coordinator_client, django_assert_max_num_queries):
    small, large = _order(1), _order(12)
    coordinator_client.get(f"/billing/orders/{small.pk}/preview/")
    with django_assert_max_num_queries(14):
        few = queries_of(coordinator_client, f"/billing/orders/{small.pk}/preview/")
    assert few == queries_of(coordinator_client, f"/billing/orders/{large.pk}/preview/")
    assert large.number in text(coordinator_client.get(f"/billing/orders/{large.pk}/preview/"))


def test_credit_note_page_and_credited_invoice__do_not_grow_with_lines(
    coordinator_client, coordinator, django_assert_max_num_queries
):
    invoices = []
    for gigs in (1, 12):
        invoice = billing_services.invoice_issue_for_order(order_id=_order(gigs).pk, by=coordinator)
        billing_services.credit_note_issue(
            invoice_id=invoice.pk, by=coordinator, reason="x", lines={ln.pk: "1" for ln in invoice.lines.all()}
        )
        invoices.append(invoice)
    small, large = invoices

    def post(invoice):
        data = {"reason": "x", "preview": "1"}
        for line in invoice.lines.all():
            data |= {f"line_{line.pk}": "on", f"hours_{line.pk}": "1"}
        return data

    for path in ("/billing/invoices/{}/credit-note/", "/billing/invoices/{}/"):
        coordinator_client.get(path.format(small.pk))
        with django_assert_max_num_queries(16):
            few = queries_of(coordinator_client, path.format(small.pk))
        assert few == queries_of(coordinator_client, path.format(large.pk)), path
    url = "/billing/invoices/{}/credit-note/"
    few = queries_of(coordinator_client, url.format(small.pk), method="post", data=post(small))
    assert few == queries_of(coordinator_client, url.format(large.pk), method="post", data=post(large))
