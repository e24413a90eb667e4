"""Cancelling one gig of a two-gig order in Chromium, and the rest invoiced: the coordinator cancels
the coming gig with a reason (the page names who is told; axe-core finds no serious problems), the
other gig's worker reports her hours and the coordinator approves them on the order page, and the
invoice issued from the preview holds only that gig's hours (the English pages)."""

import datetime as dt
import importlib
from decimal import Decimal as D

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from billing.models import Invoice
from jobcenter.models import OutboundEmail
from orders import services
from orders.models import AssignmentStatus, OrderStatus
from tests.factories import (
    AssignmentFactory,
    ClientContactFactory,
    ClientOrganisationFactory,
    CoordinatorFactory,
    GigFactory,
    OrderFactory,
)
from tests.support.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _series():
    """A transactional test starts from flushed tables: seed the series as the migration does."""
    importlib.import_module("billing.migrations.0003_invoices").seed(apps, None)


def _two_gig_order():
    """A scheduled order: a gig worked yesterday and a gig next week, each with its accepted worker."""
    client = ClientOrganisationFactory(billing_email="laskut@yritys.example")
    order = OrderFactory(
        terms_accepted=True, status=OrderStatus.SCHEDULED, contact=ClientContactFactory(organisation=client)
    )
    today = timezone.localdate()
    worked = GigFactory(order=order, date=today - dt.timedelta(days=1), workers_needed=1, planned_hours=D("3"))
    coming = GigFactory(order=order, date=today + dt.timedelta(days=7), workers_needed=1, planned_hours=D("4"))
    on_worked = AssignmentFactory(gig=worked, status=AssignmentStatus.ACCEPTED)
    on_coming = AssignmentFactory(gig=coming, status=AssignmentStatus.ACCEPTED)
    return order, (worked, on_worked), (coming, on_coming)


def _order_page(page, live_server, order):
    with translation.override("en"):
        page.goto(live_server.url + reverse("coordinator:order", args=[order.pk]))


def test_cancel_one_gig__the_other_gigs_work_is_approved_and_invoiced_alone(page, live_server, axe, client):
    order, (worked, on_worked), (coming, on_coming) = _two_gig_order()
    log_in(page, client, live_server, CoordinatorFactory())

    # Cancel the coming gig, with a reason; the page says who is told before anything is done.
    _order_page(page, live_server, order)
    with translation.override("en"):
        coming_day = date_format(coming.date, "SHORT_DATE_FORMAT")
    page.get_by_role("link", name=f"Cancel gig – {coming_day}").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Cancel the gig").is_visible()
    told = page.locator("main").inner_text()
    assert on_coming.worker.display_name in told and order.contact.name in told
    assert on_worked.worker.display_name not in told
    axe.assert_clean(page)
    page.get_by_role("button", name="Cancel the gig").click()  # no reason yet: refused, nothing done
    page.wait_for_load_state()
    assert "Write why the gig is cancelled." in page.locator("main").inner_text()
    coming.refresh_from_db()
    assert not coming.is_cancelled
    page.get_by_label("Reason").fill("Asiakas siirsi toisen päivän remontin.")
    page.get_by_role("button", name="Cancel the gig").click()
    page.wait_for_load_state()

    status = page.locator(".messages").inner_text()
    assert f"of order {order.number} is cancelled. The people on it were told." in status
    assert "Asiakas siirsi toisen päivän remontin." in page.locator("main").inner_text()
    assert page.locator(f"#gig-{coming.pk}").locator("xpath=..").get_by_text("Cancelled", exact=True).is_visible()
    on_coming.refresh_from_db()
    assert on_coming.status == AssignmentStatus.WITHDRAWN
    told_codes = set(OutboundEmail.objects.values_list("code", flat=True))
    assert told_codes == {"gig_cancelled_worker", "gig_cancelled_unit", "gig_cancelled_client"}

    # The other gig's worker reports her hours (on her own page, another journey), the coordinator approves.
    services.assignment_report_done(assignment_id=on_worked.pk, by=on_worked.worker.user, hours="3")
    _order_page(page, live_server, order)
    approve = page.get_by_role("button", name=f"Approve – {on_worked.worker.display_name}")
    approve.click()
    approve.wait_for(state="detached")  # the row is swapped for the approved one in place
    assert "3.00" in page.locator(f"#assignment-{on_worked.pk}").inner_text()
    order.refresh_from_db()
    assert order.status == OrderStatus.APPROVED

    # The invoice: the preview and the issued invoice hold the worked gig's three hours, nothing of
    # the cancelled gig.
    _order_page(page, live_server, order)
    page.get_by_role("link", name=f"Issue an invoice for order {order.number}").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name=f"Invoice preview – order {order.number}").is_visible()
    with translation.override("en"):
        worked_day = date_format(worked.date, "SHORT_DATE_FORMAT")
    preview = page.locator("main").inner_text()
    assert worked_day in preview and coming_day not in preview
    page.get_by_role("button", name="Issue and send").click()
    page.wait_for_load_state()
    invoice = Invoice.objects.get()
    assert page.get_by_role("heading", name=f"Invoice {invoice.display_number}").is_visible()
    assert [(line.date, line.hours) for line in invoice.lines.order_by("position")] == [(worked.date, D("3.00"))]
    issued = page.locator("main").inner_text()
    assert worked_day in issued and coming_day not in issued
    order.refresh_from_db()
    assert order.status == OrderStatus.INVOICED
