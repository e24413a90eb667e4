"""The unit's week page and the printable day sheet (PDF): who of the unit's workers goes where on a
day, with the phone numbers and the support; never another unit's workers, never the support needs."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone

from orders.models import AssignmentStatus
from tests.factories import AssignmentFactory, GigFactory, OrderFactory, UnitStaffFactory
from tests.support.unit_pages import SENTINEL, text, worker_in
from units.models import SupportMode
from workers.models import AccessLogEntry

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 12, 10)  # a Thursday, week 50


@pytest.fixture
def sheet(unit, other_unit, staff):
    staff.phone = "050 111 2222"
    staff.save(update_fields=["phone"])
    order = OrderFactory(staffing=True, street_address="Hämeentie 33", title="Varaston järjestely")
    order.contact.phone = "09 310 4444"
    order.contact.save(update_fields=["phone"])
    gig = GigFactory(order=order, date=DAY, start_time=dt.time(10, 0))
    aino = worker_in(unit, "Aino", "Laine", user__phone="040 555 0101")
    AssignmentFactory(gig=gig, worker=aino, status=AssignmentStatus.ACCEPTED, support_person=staff)
    eero = worker_in(unit, "Eero", "Virta", user__phone="040 555 0202")
    AssignmentFactory(gig=gig, worker=eero, status=AssignmentStatus.CANT_COME, support=SupportMode.PHONE)
    # Not on the sheet: an offer not yet answered, a cancelled gig, another unit's worker.
    AssignmentFactory(gig=gig, worker=worker_in(unit, "Olli", "Tarjottu"), status=AssignmentStatus.OFFERED)
    cancelled = GigFactory(
        order=order, date=DAY, start_time=dt.time(14, 0), cancelled_at=timezone.now(), cancellation_reason="Sairaus"
    )
    AssignmentFactory(gig=cancelled, worker=worker_in(unit, "Pekka", "Peruttu"), status=AssignmentStatus.ACCEPTED)
    toolo = worker_in(other_unit, "Tuula", "Töölöläinen", user__phone="040 999 9999")
    AssignmentFactory(gig=gig, worker=toolo, status=AssignmentStatus.ACCEPTED)
    return aino, eero, toolo


def _pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "sheet.pdf"
    path.write_bytes(content)
    found = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True)  # noqa: S603,S607
    return " ".join(found.stdout.split())  # the narrow columns wrap their words onto lines of their own


def test_week_page_lists_the_units_workers_with_phones_and_support(staff_client, sheet):
    response = staff_client.get(reverse("units:week"), {"week": "2026-W50"})

    assert response.status_code == 200
    page = text(response)
    assert "Aino L" in page and "040 555 0101" in page and "Hämeentie 33" in page
    assert "050 111 2222" in page and "09 310 4444" in page  # the staff member along, the client's contact
    assert "Eero V" in page and "Ei pääse" in page  # could not come: still listed, marked
    assert "torstai 10.12.: 2 työntekijää keikoilla" in page  # the day's table caption
    assert "Tuula" not in page and "040 999 9999" not in page
    assert "Tarjottu" not in page and "Peruttu" not in page
    assert SENTINEL not in page
    assert "?week=2026-W49" in page and "?week=2026-W51" in page
    assert reverse("units:day-sheet-pdf", args=["2026-12-10"]) in page


def test_week_page_defaults_to_this_week(staff_client, unit):
    response = staff_client.get(reverse("units:week"))

    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    assert response.status_code == 200
    assert response.context["monday"] == monday
    assert len(response.context["days"]) == 7


def test_another_units_week_is_a_404(staff_client, other_unit, sheet):
    assert staff_client.get(reverse("units:week"), {"unit": other_unit.pk}).status_code == 404
    url = reverse("units:day-sheet-pdf", args=["2026-12-10"])
    assert staff_client.get(url, {"unit": other_unit.pk}).status_code == 404


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext (poppler-utils)")
def test_day_sheet_pdf_has_the_worker_address_and_phone_not_another_units(staff_client, sheet, tmp_path):
    aino, eero, toolo = sheet

    response = staff_client.get(reverse("units:day-sheet-pdf", args=["2026-12-10"]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    pdf = _pdf_text(response.content, tmp_path)
    assert "Päivän keikat – Vallila – torstai 10.12.2026" in pdf
    assert "Aino L" in pdf and "040 555 0101" in pdf and "Hämeentie 33" in pdf
    assert str(SupportMode.STAFF_ALONG.label) in pdf and str(SupportMode.PHONE.label) in pdf  # the support mode
    assert "050 111 2222" in pdf and "09 310 4444" in pdf
    assert "Tulostettu" in pdf
    assert "Tuula" not in pdf and "040 999 9999" not in pdf
    assert SENTINEL not in pdf


def test_day_sheet_download_is_access_logged(staff_client, staff, sheet):
    aino, eero, toolo = sheet

    staff_client.get(reverse("units:day-sheet-pdf", args=["2026-12-10"]))

    logged = AccessLogEntry.objects.filter(action="download")
    assert set(logged.values_list("worker_id", flat=True)) == {aino.pk, eero.pk}
    assert {entry.user_id for entry in logged} == {staff.pk}


def test_day_sheet_from_the_date_field_redirects_to_the_pdf(staff_client, unit):
    response = staff_client.get(reverse("units:day-sheet"), {"date": "2026-12-10", "unit": unit.pk})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("units:day-sheet-pdf", args=["2026-12-10"]))


def test_a_day_that_is_not_a_date_is_a_404(staff_client):
    assert staff_client.get(reverse("units:day-sheet-pdf", args=["2026-13-40"])).status_code == 404
    assert staff_client.get(reverse("units:day-sheet"), {"date": "huomenna"}).status_code == 404


def test_staff_of_two_units_chooses_the_unit(client, unit, other_unit, sheet):
    both = UnitStaffFactory(unit=unit)
    both.unit_memberships.create(unit=other_unit, role="instructor")
    client.force_login(both)

    page = text(client.get(reverse("units:week"), {"week": "2026-W50", "unit": other_unit.pk}))

    assert "Tuula" in page and "Aino" not in page
