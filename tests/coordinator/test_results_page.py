"""The coordinator's results page and its CSV and XLSX exports show suppressed figures only."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from orders.models import AssignmentStatus
from tests.factories.orders import AssignmentFactory, GigFactory, OrderFactory
from tests.factories.units import UnitFactory
from tests.factories.workers import WorkerFactory

pytestmark = pytest.mark.django_db

PERIOD = {"start": "2025-01-01", "end": "2025-12-31"}


def _work(unit, people):
    gig = GigFactory(order=OrderFactory(), date=dt.date(2025, 3, 10), workers_needed=people)
    for _ in range(people):
        AssignmentFactory(
            gig=gig,
            worker=WorkerFactory(home_unit=unit),
            status=AssignmentStatus.APPROVED,
            reported_hours=Decimal("3"),
            approved_hours=Decimal("3"),
        )


@pytest.fixture
def work():
    big, small, other = UnitFactory(name="Vallila"), UnitFactory(name="Töölö"), UnitFactory(name="Malmi")
    _work(big, 8)
    _work(small, 2)
    _work(other, 6)


def test_the_page_shows_figures_and_hides_small_groups(client, coordinator, work):
    page = client.get(reverse("coordinator:results"), PERIOD)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Vallila" in text and "alle 5" in text
    assert '<svg aria-hidden="true"' in text  # the charts; the tables carry the figures


def test_csv_and_xlsx_open_with_suppressed_cells(client, coordinator, work):
    csv = client.get(reverse("coordinator:results-csv"), PERIOD)
    assert csv.status_code == 200 and "alle 5" in csv.content.decode()
    xlsx = client.get(reverse("coordinator:results-xlsx"), PERIOD)
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    cells = [c.value for row in sheet.iter_rows() for c in row]
    assert "alle 5" in cells
    assert 16 in cells  # the total people


def test_workers_cannot_see_the_report(client):
    client.force_login(WorkerFactory().user)
    assert client.get(reverse("coordinator:results")).status_code in (302, 403)
