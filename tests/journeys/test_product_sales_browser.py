"""Product sales in Chromium (the English pages): the unit's instructor records a worker's product
with its photo, the compensation agreement and the parties' agreement; the coordinator agrees on
her own page; the instructor records a delivery, and the coordinator's payment-run draft pays it on
the worker's payout. axe-core finds no serious problems on any of the pages.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from billing.models import CompensationAgreement, PaymentRun, Product
from tests.factories import ClientOrganisationFactory, CoordinatorFactory, UnitFactory, UnitStaffFactory, WorkerFactory
from tests.factories.payments import payment_details
from tests.support.browser import log_in
from tests.support.product_sales import png_upload, unit_people

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _goto(page, live_server, name, *args):
    with translation.override("en"):
        page.goto(live_server.url + reverse(name, args=args))


def test_product_sales_browser__product_agreement_delivery_and_the_payment_run_draft(
    page, live_server, axe, client, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    unit = UnitFactory(name="Töölö")
    helmi = WorkerFactory(home_unit=unit, user__first_name="Helmi", user__last_name="Saarinen")
    payment_details(helmi)
    people = unit_people(unit)
    people["job_coach"].first_name, people["job_coach"].last_name = "Timo", "Hämäläinen"
    people["job_coach"].save()
    ClientOrganisationFactory(name="Väylä ry")
    instructor = UnitStaffFactory(unit=unit, first_name="Sari", last_name="Nieminen")
    photo = tmp_path / "patalappu.png"
    photo.write_bytes(png_upload().read())
    today = timezone.localdate()

    # The instructor: the product list is empty; the product with its photo.
    log_in(page, client, live_server, instructor)
    _goto(page, live_server, "units:products")
    assert "No products yet." in page.content()
    axe.assert_clean(page)
    page.get_by_role("link", name="New product").click()
    page.wait_for_load_state()
    axe.assert_clean(page)
    page.get_by_label("Maker").select_option(label="Helmi Saarinen (Töölö)")
    page.get_by_label("Product name").fill("Virkattu patalappu")
    page.get_by_label("Quantity made").fill("24")
    page.get_by_label("Material cost, euros").fill("31.20")
    page.get_by_label("Photo").set_input_files(str(photo))
    page.get_by_role("button", name="Save the product").click()
    page.wait_for_load_state()
    product = Product.objects.get()
    assert product.photo_type == "image/png"
    assert page.get_by_role("heading", name="Virkattu patalappu", level=1).is_visible()
    assert page.get_by_role("img", name="Photo of the product: Virkattu patalappu").is_visible()
    axe.assert_clean(page)

    # The agreement, then the job coach, the unit manager and the buyer's representative.
    page.get_by_role("link", name="New compensation agreement").first.click()
    page.wait_for_load_state()
    axe.assert_clean(page)
    page.get_by_label("Buyer").select_option(label="Väylä ry")
    page.get_by_label("Compensation per product, euros").fill("4.50")
    page.get_by_role("button", name="Save the agreement").click()
    page.wait_for_load_state()
    agreement = CompensationAgreement.objects.get()
    assert agreement.compensation == Decimal("4.50")
    job_coach = page.get_by_role("form", name="Record the agreement of: Job coach")
    job_coach.get_by_label("Person").select_option(label="Timo Hämäläinen")
    job_coach.get_by_role("button", name="Record: Job coach agreed").click()
    page.wait_for_load_state()
    manager = page.get_by_role("form", name="Record the agreement of: Unit manager")
    manager.get_by_label("Person").select_option(index=1)
    manager.get_by_role("button", name="Record: Unit manager agreed").click()
    page.wait_for_load_state()
    buyer = page.get_by_role("form", name="Record the agreement of: Buyer's representative")
    buyer.get_by_label("Name of the buyer's representative").fill("Heikki Aaltonen")
    buyer.get_by_role("button", name="Record: Buyer's representative agreed").click()
    page.wait_for_load_state()
    assert "Waiting for: coordinator" in page.content()
    axe.assert_clean(page)

    # A delivery is refused until the coordinator has agreed.
    page.get_by_label("Quantity delivered").fill("20")
    page.get_by_role("button", name="Save the delivery").click()
    page.wait_for_load_state()
    assert "coordinator must still agree" in page.content()

    # The coordinator agrees on her own page.
    coordinator = CoordinatorFactory(first_name="Kaisa", last_name="Koordinaattori")
    coordinator_page = page.context.browser.new_page()
    log_in(coordinator_page, Client(), live_server, coordinator)
    _goto(coordinator_page, live_server, "coordinator:product-sales")
    axe.assert_clean(coordinator_page)
    coordinator_page.get_by_role("button", name="I agree").click()
    coordinator_page.wait_for_load_state()
    assert "No agreement is waiting for you." in coordinator_page.content()
    agreement.refresh_from_db()
    assert agreement.is_complete

    # The instructor records the delivery of 20 potholders.
    _goto(page, live_server, "units:product", product.pk)
    page.get_by_label("Delivery date").fill(today.isoformat())
    page.get_by_label("Quantity delivered").fill("20")
    page.get_by_role("button", name="Save the delivery").click()
    page.wait_for_load_state()
    deliveries = page.get_by_role("table", name="Deliveries and the compensation paid to the maker").inner_text()
    assert "90.00 €" in deliveries and "Waiting for the next payment run" in deliveries
    axe.assert_clean(page)

    # The coordinator's payment-run draft pays it on Helmi's payout.
    _goto(coordinator_page, live_server, "payment_runs:list")
    coordinator_page.get_by_label("Work done up to").fill(today.isoformat())
    coordinator_page.get_by_role("button", name="Make the payment run").click()
    coordinator_page.wait_for_load_state()
    run = PaymentRun.objects.get()
    payout = run.payouts.get()
    assert (payout.worker, payout.gross) == (helmi, Decimal("90.00"))
    assert payout.lines.get().delivery.product == product
    assert "Helmi Saarinen" in coordinator_page.content()
    axe.assert_clean(coordinator_page)
    _goto(page, live_server, "units:product", product.pk)
    assert "In a draft payment run" in page.content()
    coordinator_page.close()
