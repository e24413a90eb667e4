"""The e-invoice dispatch through a real Celery worker process: issuing a City unit's invoice renders
its PDF in the worker, which queues the dispatch and writes the file once; the task sent again finds
nothing to send."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest

from billing import services
from billing.models import DispatchStatus, EInvoiceDispatch
from billing.tasks import send_einvoice_task
from jobcenter.models import OutboundEmail
from orders.models import ClientType
from tests.factories import ClientOrganisationFactory, CoordinatorFactory
from tests.support.billing import approved_order


@pytest.mark.worker
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_real_worker__dispatches_the_city_invoice_once(real_celery):
    client = ClientOrganisationFactory(
        name="Kasvatuksen toimiala",
        business_id="0201256-6",
        client_type=ClientType.CITY_UNIT,
        einvoice_address="003702012566100",
        einvoice_operator="003721291126",
    )
    order = approved_order({dt.date(2025, 1, 15): ["2"]}, client=client)
    invoice = services.invoice_issue_for_order(
        order_id=order.pk, by=CoordinatorFactory(), issue_date=dt.date(2025, 2, 1)
    )

    # The worker renders the PDF and queues the dispatch (its own follow-up tasks go to the worker's
    # default queue, which this session's worker does not consume: the send is asked for here).
    deadline = time.monotonic() + 60
    while not EInvoiceDispatch.objects.filter(invoice=invoice).exists():
        assert time.monotonic() < deadline, "the worker did not queue the dispatch"
        time.sleep(0.2)
    dispatch = EInvoiceDispatch.objects.get(invoice=invoice)
    outcome = send_einvoice_task.apply_async((dispatch.pk,)).get(timeout=30)
    dispatch.refresh_from_db()
    assert (outcome, dispatch.status) == ("sent", DispatchStatus.SENT), dispatch.last_error
    # The worker's folder: the one the test run gave every process it starts (tests/settings.py).
    written = Path(os.environ["JOBCENTER_EINVOICE_OUTBOX_DIR"]) / dispatch.location
    assert written.read_bytes().count(b"<?xml") == 2  # the envelope, then the Finvoice message
    assert send_einvoice_task.apply_async((dispatch.pk,)).get(timeout=30) == "skipped"
    assert not OutboundEmail.objects.filter(code="invoice_sent").exists()
