"""A client's late cancellation in Chromium, from her order to the invoice and the worker's pay:

the client's contact opens her order from the home page and cancels its gig that starts in less
than the cancellation rule's window; the confirmation says, before anything is done, that the
cancellation is late and what is invoiced. The coordinator (1280 px, the English pages) then sees
the charge as its own line in the invoice preview and the issued invoice, and the worker's minimum
pay in the payment run and on her payout statement. The figures come from the dated rule and the
price list in the database. axe-core finds no serious problems on the pages.
"""

import datetime as dt
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone, translation

from billing.models import CancellationRule, Invoice, PaymentRun
from billing.pricing import RateBook
from orders.models import AssignmentStatus, OrderStatus
from tests.factories import (
    AssignmentFactory,
    ClientContactFactory,
    ClientOrganisationFactory,
    CoordinatorFactory,
    GigFactory,
    OrderFactory,
    WorkerFactory,
)
from tests.factories.payments import payment_details
from tests.support.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CENT = Decimal("0.01")


def _start_inside_the_window(rule) -> dt.datetime:
    """A whole hour of the working day, 2 h or more from now and inside the rule's late window."""
    now = timezone.localtime()
    start = now.replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=3)
    while not 8 <= start.hour <= 16:
        start += dt.timedelta(hours=1)
    assert start - now < dt.timedelta(hours=rule.late_window_hours)
    return start


def _goto(page, live_server, name, *args, query=""):
    with translation.override("en"):
        page.goto(live_server.url + reverse(name, args=args) + query)


def test_client_late_cancel__warned_before_then_charged_on_the_invoice_and_paid_to_the_worker(
    page, live_server, axe, client, tmp_path
):
    rule = CancellationRule.objects.valid_on(timezone.localdate()).get()
    start = _start_inside_the_window(rule)
    contact = ClientContactFactory(
        with_user=True, organisation=ClientOrganisationFactory(billing_email="laskut@yritys.example")
    )
    order = OrderFactory(contact=contact, terms_accepted=True, status=OrderStatus.SCHEDULED)
    gig = GigFactory(
        order=order, date=start.date(), start_time=start.time(), planned_hours=Decimal("3.00"), workers_needed=1
    )
    worker = WorkerFactory(user__first_name="Aino", user__last_name="Virtanen")
    payment_details(worker)
    taken = AssignmentFactory(gig=gig, worker=worker, status=AssignmentStatus.ACCEPTED)

    # What the rule and the price list of the gig's date make of it: one worker had taken the gig.
    price = RateBook().price(contract_type=order.contract_type, day=gig.date)
    charge_hours = min(rule.client_charge_hours, gig.planned_hours)
    charge = (charge_hours * price.client_hourly_price).quantize(CENT)
    pay_hours = min(rule.worker_minimum_hours, gig.planned_hours)
    pay = (pay_hours * price.worker_hourly_pay).quantize(CENT)
    assert charge > 0 and pay > 0

    # The client's contact opens her order from the home page (Finnish, the default).
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, client, live_server, contact.user)
    page.goto(live_server.url + reverse("home"))
    page.get_by_role("link", name=f"{order.number} {order.title}").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name=f"Tilaus {order.number}").first.is_visible()
    axe.assert_clean(page)
    page.get_by_role("link", name="Peru tämä keikka").click()
    page.wait_for_load_state()

    # Before confirming: late, and what is invoiced; nothing is done yet.
    with translation.override("fi"):
        hours_fi, charge_fi = floatformat(charge_hours, "-2"), floatformat(charge, 2)
    cost = page.locator("#cancel-cost").inner_text()
    assert f"Peruutus on myöhässä: laskutamme {hours_fi} tuntia, {charge_fi} € + alv" in cost
    axe.assert_clean(page)
    gig.refresh_from_db()
    assert not gig.is_cancelled
    page.get_by_role("button", name="Peru keikka").click()
    page.wait_for_load_state()

    assert f"Peruttu myöhään: laskutamme {hours_fi} tuntia, {charge_fi} € + alv." in page.locator("main").inner_text()
    axe.assert_clean(page)
    gig.refresh_from_db()
    taken.refresh_from_db()
    order.refresh_from_db()
    assert gig.is_cancelled and gig.cancelled_late and gig.cancellation_charge == charge
    assert taken.status == AssignmentStatus.WITHDRAWN and taken.cancellation_pay == pay
    assert order.status == OrderStatus.APPROVED

    # The coordinator: the charge is its own line of the preview, then of the issued invoice.
    page.context.clear_cookies()
    log_in(page, client, live_server, CoordinatorFactory())
    label = f"Peruutusmaksu {gig.date:%d.%m.%Y} (myöhäinen peruutus)"
    _goto(page, live_server, "coordinator:order", order.pk)
    page.get_by_role("link", name=f"Issue an invoice for order {order.number}").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name=f"Invoice preview – order {order.number}").is_visible()
    row = page.get_by_role("row").filter(has_text=label)
    row_text = row.inner_text()
    assert f"{charge_hours}" in row_text and f"{price.client_hourly_price} €" in row_text
    assert f"{charge} €" in row_text
    axe.assert_clean(page)
    assert not Invoice.objects.exists()
    page.get_by_role("button", name="Issue and send").click()
    page.wait_for_load_state()
    invoice = Invoice.objects.get()
    assert page.get_by_role("heading", name=f"Invoice {invoice.display_number}").is_visible()
    assert f"{charge} €" in page.get_by_role("row").filter(has_text=label).inner_text()
    assert [(ln.task, ln.hours, ln.net) for ln in invoice.lines.all()] == [(label, charge_hours, charge)]
    axe.assert_clean(page)

    # The payment run pays the worker her minimum, up to the gig's date.
    _goto(page, live_server, "payment_runs:list")
    page.get_by_label("Work done up to").fill(gig.date.isoformat())
    page.get_by_role("button", name="Make the payment run").click()
    page.wait_for_load_state()
    run = PaymentRun.objects.get()
    payout = run.payouts.get(worker=worker)
    assert payout.gross == pay
    payment = page.locator("#payments").get_by_role("row").filter(has_text="Aino Virtanen").inner_text()
    assert f"{pay_hours}" in payment and f"{pay} €" in payment
    axe.assert_clean(page)
    line = payout.lines.get()
    assert line.is_cancellation_pay and (line.hours, line.amount) == (pay_hours, pay)

    # Her draft statement names the minimum as its own line.
    day = gig.date.isoformat()
    _goto(page, live_server, "payouts:list", query=f"?start={day}&end={day}")
    axe.assert_clean(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF of Aino Virtanen").click()
    pdf_path = tmp_path / "palkkiolaskelma.pdf"
    download_info.value.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, text=True, check=True).stdout  # noqa: S603,S607
        assert f"Vähimmäispalkkio, tilaaja perui {gig.date:%d.%m.%Y} keikan myöhään" in " ".join(text.split())
        assert f"{pay:.2f}".replace(".", ",") in text.replace(".", ",")
