"""The partner model in Chromium (Finnish pages): the Vallila unit records Aino's income
clarification and activates her contract with Väylä ry; the coordinator downloads last month's
hours report (PDF and CSV), records Väylä's invoice to the client as received and marks it paid.
axe-core finds no serious problems on the pages."""

import csv
import datetime as dt
import io
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from billing.models import PartnerInvoice, PartnerInvoiceStatus
from orders.models import AssignmentStatus, ContractStatus
from orders.services import partners as partner_services
from tests.factories import AssignmentFactory, CoordinatorFactory, GigFactory, UnitStaffFactory, WorkerFactory
from tests.support.browser import log_in
from tests.support.partners import employer_partner, employment_order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_partner_model_browser__clarify_activate_report_and_follow_the_invoice(
    page, live_server, axe, client, tmp_path
):
    partner = employer_partner("Väylä ry")
    order = employment_order(partner)
    aino = WorkerFactory(user__first_name="Aino", user__last_name="Lahtinen")
    staff = UnitStaffFactory(unit=aino.home_unit, first_name="Maija", last_name="Virtanen")
    coach = UnitStaffFactory(unit=aino.home_unit, first_name="Juha", last_name="Mäkinen")
    start = timezone.localdate() + dt.timedelta(days=3)
    contract = partner_services.contract_create(
        worker_id=aino.pk,
        partner_id=partner.pk,
        by=staff,
        start_date=start,
        hours_per_occurrence="2",
        every_n_weeks=2,
        weekdays=[2],
    )
    # Last month's approved gigs of the order (an earlier contract's work, as the report reads it).
    first = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    for day in (first + dt.timedelta(days=2), first + dt.timedelta(days=16)):
        AssignmentFactory(
            gig=GigFactory(order=order, date=day),
            worker=aino,
            status=AssignmentStatus.APPROVED,
            reported_hours=Decimal("2"),
            approved_hours=Decimal("2"),
            support_person=coach,
        )

    # The unit: the income clarification, then the activation.
    log_in(page, client, live_server, staff)
    page.goto(live_server.url + reverse("units:worker-contracts", args=[aino.pk]))
    assert page.get_by_role("heading", name="Väylä ry: 2 h joka toinen viikko, tiistaisin").is_visible()
    axe.assert_clean(page)
    page.get_by_role("link", name="Kirjaa tuloselvitys").click()
    page.wait_for_load_state()
    page.locator("#id_done_by").select_option(str(coach.pk))
    page.get_by_label("Kävimme läpi, miten palkka vaikuttaa työntekijän etuuksiin").check()
    page.get_by_label("Mitä käytiin läpi").fill("Eläkkeen ansaintaraja ja asumistuki käyty läpi.")
    axe.assert_clean(page)
    page.get_by_role("button", name="Kirjaa selvitys").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Ota sopimus käyttöön").click()
    page.wait_for_load_state()
    axe.assert_clean(page)
    page.get_by_role("button", name="Ota sopimus käyttöön").click()
    page.wait_for_load_state()
    contract.refresh_from_db()
    assert contract.status == ContractStatus.ACTIVE
    assert page.get_by_text("Voimassa", exact=True).is_visible()

    # The coordinator: the hours report of last month.
    log_in(page, client, live_server, CoordinatorFactory())
    page.goto(live_server.url + reverse("coordinator:partner", args=[partner.pk]) + f"?month={first:%Y-%m}")
    assert page.get_by_role("cell", name="Juha Mäkinen").first.is_visible()
    axe.assert_clean(page)
    with page.expect_download() as download_info:
        page.locator("#hours-pdf").click()
    pdf_path = tmp_path / "tuntiraportti.pdf"
    download_info.value.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, text=True, check=True).stdout  # noqa: S603,S607
        assert "TUNTIRAPORTTI" in text and "Väylä ry" in text and "Juha Mäkinen" in text and "40,00 €" in text
    with page.expect_download() as download_info:
        page.locator("#hours-csv").click()
    csv_path = tmp_path / "tuntiraportti.csv"
    download_info.value.save_as(csv_path)
    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8")), delimiter=";"))
    assert [row[1] for row in rows[1:3]] == ["Aino Lahtinen", "Aino Lahtinen"]
    assert ["Yhteensä", "", "", "2", "4,00", "", "40,00", ""] in rows

    # Väylä's invoice to the client: received (confirmed), then paid (confirmed).
    page.get_by_label("Tilaaja").select_option(str(order.client_id))
    page.get_by_label("Työn kuukausi").select_option(f"{first:%Y-%m}")
    page.get_by_label("Kumppanin laskun numero").fill("VÄY-2026-14")
    page.get_by_label("Summa (€)").fill("50,20")
    page.get_by_label("Saapumispäivä").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Kirjaa saapuneeksi").click()
    page.wait_for_load_state()
    axe.assert_clean(page)
    assert not PartnerInvoice.objects.exists()
    page.get_by_role("button", name="Vahvista saapuneeksi").click()
    page.wait_for_load_state()
    invoice = PartnerInvoice.objects.get()
    assert (invoice.amount, invoice.status) == (Decimal("50.20"), PartnerInvoiceStatus.RECEIVED)
    page.get_by_role("link", name="Merkitse VÄY-2026-14 maksetuksi").click()
    page.wait_for_load_state()
    axe.assert_clean(page)
    page.get_by_role("button", name="Merkitse maksetuksi").click()
    page.wait_for_load_state()
    invoice.refresh_from_db()
    assert invoice.status == PartnerInvoiceStatus.PAID
