"""The results page in Chromium at 1280 px, as the coordinator uses it: she chooses a period, reads
the figures per service and per unit (a unit of two people hidden, with the unit it could be worked
out from), the charts beside their tables pass axe-core, and the XLSX she downloads opens in a
spreadsheet library with the same suppressed cells."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.factories import CoordinatorFactory
from tests.factories.units import UnitFactory, WorkActivityServiceFactory
from tests.support.browser import log_in
from tests.support.results import approved_work
from units.models import ServiceKind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HIDDEN_FI = "piilotettu (suojaa alle 5 hengen ryhmää)"


def test_the_coordinator_reads_the_results_and_opens_the_xlsx(page, live_server, axe, client, tmp_path):
    disability = WorkActivityServiceFactory(kind=ServiceKind.DISABILITY)
    adult = WorkActivityServiceFactory(kind=ServiceKind.ADULT_SOCIAL_WORK)
    approved_work(UnitFactory(name="Vallila", service=disability), 8, "3.00")
    approved_work(UnitFactory(name="Malmi", service=adult), 6, "2.00")
    approved_work(UnitFactory(name="Töölö", service=adult), 2, "4.00")
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, client, live_server, CoordinatorFactory())

    page.goto(live_server.url + "/coordinator/results/")
    page.locator("#id_start").fill("2025-01-01")
    page.locator("#id_end").fill("2025-12-31")
    page.get_by_role("button", name="Näytä").click()

    expect(page.get_by_role("heading", name="Tulokset 1.1.2025–31.12.2025")).to_be_visible()
    units = page.get_by_role("table", name="Yksiköittäin")
    expect(units.get_by_role("row", name="Vallila")).to_contain_text("24,00")
    # Töölö's two people are hidden, and Malmi with them: the service's figure minus Malmi's would
    # give Töölö's.
    expect(units.get_by_role("row", name="Töölö")).to_contain_text(HIDDEN_FI)
    expect(units.get_by_role("row", name="Malmi")).to_contain_text(HIDDEN_FI)
    expect(page.get_by_role("table", name="Palveluittain").get_by_role("row", name="Kaikki")).to_contain_text("16")
    axe.assert_clean(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Lataa XLSX-tiedostona").click()
    path = tmp_path / "tulokset.xlsx"
    download_info.value.save_as(path)
    cells = [cell.value for sheet in load_workbook(path) for row in sheet.iter_rows() for cell in row]
    assert HIDDEN_FI in cells
    assert 16 in cells and "Vallila" in cells
    assert 6 not in cells  # Malmi's people are nowhere in the file
