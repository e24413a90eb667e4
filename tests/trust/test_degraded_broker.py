"""The Celery broker down: every request that committed answers its normal page, and what waits
is picked up once the broker is back (issue 12, item 4).

`broker_unreachable()` makes the app publish for real (not eagerly) to a broker and result store on
a closed port. The order is saved, its confirmation email waits in the outbox (queued), the client
sees the thanks page; an invoice's PDF is rendered by its sweep or at the first download; the
month-end run says it did not start. With the real worker (`worker`, run by .ci/run) the outbox
sweep sends the waiting email once the broker is back.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
import uuid

import pytest
from django.utils import timezone

from billing import services as billing
from billing.models import Invoice
from billing.tasks import render_missing_invoice_pdfs_task
from jobcenter.models import OutboundEmail, OutboundEmailStatus
from jobcenter.tasks import requeue_stuck_email_task
from orders.models import Order
from tests.factories import CoordinatorFactory
from tests.support.billing import approved_order
from tests.support.faults import broker_unreachable
from tests.support.order_form import VALID
from tests.support.pages import visible

# Publishing on a closed port: one quick retry, then the page goes on (CELERY_TASK_PUBLISH_RETRY_POLICY).
MAX_SECONDS = 2.0


def _order(client):
    return client.post("/order/", {**VALID, "submission_key": str(uuid.uuid4())})


def _age(queryset, minutes: int = 11) -> None:
    """Make rows look queued `minutes` ago (the sweeps leave what is younger than 10 minutes)."""
    queryset.update(created_at=timezone.now() - dt.timedelta(minutes=minutes))


@pytest.mark.django_db(transaction=True)
def test_broker_down__the_order_form_answers_its_thanks_page_and_the_email_waits(client, caplog):
    with caplog.at_level(logging.ERROR, logger="jobcenter.tasks"), broker_unreachable():
        started = time.monotonic()
        response = _order(client)
        took = time.monotonic() - started
        order = Order.objects.get()
        assert response.status_code == 302 and response["Location"] == f"/order/sent/{order.pk}/"
        thanks = client.get(response["Location"])

    assert thanks.status_code == 200
    assert "Kiitos! Tilauksesi on lähetetty." in visible(thanks)
    email = OutboundEmail.objects.get(to=VALID["contact_email"])
    assert email.status == OutboundEmailStatus.QUEUED and email.attempts == 0
    assert any("not queued" in r.getMessage() for r in caplog.records)
    assert took < MAX_SECONDS, f"the order form took {took:.2f} s with the broker down"


@pytest.mark.django_db(transaction=True)
def test_broker_down__the_month_end_run_says_it_did_not_start_and_can_be_tried_again(client):
    coordinator = CoordinatorFactory()
    approved_order({dt.date(2025, 10, 2): ["1"]}, client=None)
    client.force_login(coordinator)
    with broker_unreachable():
        response = client.post("/billing/month-end/", {"year": "2025", "month": "10"})

    assert response.status_code == 503
    text = visible(response)
    assert "Kuukauden laskutusajo ei voinut alkaa" in text and "Yritä uudelleen" in text
    assert "Edistyminen" not in text  # no progress of a run that never started
    assert Invoice.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_broker_down__an_issued_invoice_gets_its_pdf_from_the_sweep(client):
    coordinator = CoordinatorFactory()
    order = approved_order({dt.date(2025, 10, 2): ["1"]})
    with broker_unreachable():
        invoice = billing.invoice_issue_for_order(order_id=order.pk, by=coordinator)
    invoice.refresh_from_db()
    assert not invoice.pdf  # its task was never queued

    _age(Invoice.objects.filter(pk=invoice.pk))
    assert render_missing_invoice_pdfs_task() == 1  # eager here: the PDF task runs inline

    invoice.refresh_from_db()
    assert invoice.pdf
    if invoice.buyer_email:
        assert invoice.emailed_at is not None
    assert render_missing_invoice_pdfs_task() == 0  # done: nothing left for the next sweep


@pytest.mark.django_db(transaction=True)
def test_broker_back__the_outbox_sweep_sends_the_waiting_email_with_the_real_worker(client, real_celery):
    with broker_unreachable():
        assert _order(client).status_code == 302
    email = OutboundEmail.objects.get(to=VALID["contact_email"])
    assert email.status == OutboundEmailStatus.QUEUED

    # The broker is back (the context above restored the real one). The periodic sweep picks up
    # the row whose task was never queued, once it is 10 minutes overdue.
    _age(OutboundEmail.objects.filter(pk=email.pk))
    assert requeue_stuck_email_task() == 1

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        email.refresh_from_db()
        if email.status != OutboundEmailStatus.QUEUED:
            break
        time.sleep(0.2)
    assert email.status == OutboundEmailStatus.SENT, (email.status, email.last_error)
    assert email.attempts == 1
