"""The coordinator's results page and its CSV and XLSX exports show suppressed figures only."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from orders.models import AssignmentStatus, AttendanceKind, AttendanceNote, Feedback, FeedbackSource
from tests.factories.orders import AssignmentFactory, GigFactory, OrderFactory, TaskTypeFactory
from tests.factories.units import UnitFactory
from tests.factories.workers import WorkerFactory
from tests.support.results import approved_work
from units.models import UnitClientCount

pytestmark = pytest.mark.django_db

PERIOD = {"start": "2025-01-01", "end": "2025-12-31"}
HIDDEN_FI = "piilotettu (suojaa alle 5 hengen ryhmää)"


@pytest.fixture
def work():
    big, small, other = UnitFactory(name="Vallila"), UnitFactory(name="Töölö"), UnitFactory(name="Malmi")
    approved_work(big, 8)
    approved_work(small, 2)
    approved_work(other, 6)


def test_the_page_shows_figures_and_hides_small_groups(client, coordinator, work):
    page = client.get(reverse("coordinator:results"), PERIOD)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Vallila" in text and "piilotettu (suojaa alle 5 hengen ryhmää)" in text
    assert '<svg aria-hidden="true"' in text  # the charts; the tables carry the figures


def test_csv_and_xlsx_open_with_suppressed_cells(client, coordinator, work):
    csv = client.get(reverse("coordinator:results-csv"), PERIOD)
    assert csv.status_code == 200 and HIDDEN_FI in csv.content.decode()
    xlsx = client.get(reverse("coordinator:results-xlsx"), PERIOD)
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    cells = [c.value for row in sheet.iter_rows() for c in row]
    assert HIDDEN_FI in cells
    assert 16 in cells  # the total people


def test_workers_cannot_see_the_report(client):
    client.force_login(WorkerFactory().user)
    assert client.get(reverse("coordinator:results")).status_code in (302, 403)


# The page's other sections, read in English: task types, first and repeat gigs, cancellations,
# rating, quotes and the units' shares of their clients.

HIDDEN = "hidden (protects a group of fewer than 5)"
DAY = dt.date(2025, 3, 10)


def _page(client, **params) -> str:
    with translation.override("en"):
        url = reverse("coordinator:results")
    response = client.get(url, {**PERIOD, **params}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def _section(page: str, section_id: str) -> str:
    start = page.index(f'<section aria-labelledby="{section_id}"')
    return page[start : page.index("</section>", start)]


def _done(unit, people, *, task_type=None, date=DAY, workers=None) -> list:
    order = OrderFactory(task_type=task_type) if task_type else OrderFactory()
    gig = GigFactory(order=order, date=date, workers_needed=people)
    workers = workers or [WorkerFactory(home_unit=unit) for _ in range(people)]
    return [
        AssignmentFactory(
            gig=gig,
            worker=worker,
            status=AssignmentStatus.APPROVED,
            reported_hours=Decimal("3"),
            approved_hours=Decimal("3"),
        )
        for worker in workers
    ]


def _feedback(assignments, *, quotable: int = 0) -> None:
    for n, assignment in enumerate(assignments):
        Feedback.objects.create(
            assignment=assignment,
            rating=4 + n % 2,
            text=f"Reipas ja huolellinen {n}",
            source=FeedbackSource.COORDINATOR,
            given_by_name="Tiina Lehtonen",
            may_quote=n < quotable,
        )


def test_task_types_show_their_figures_and_hide_a_small_one_with_the_next_smallest(client, coordinator):
    cleaning = TaskTypeFactory()
    moving = TaskTypeFactory(code="moving", name_fi="Muutto", name_sv="Flytt", name_en="Moving")
    garden = TaskTypeFactory(code="garden", name_fi="Puutarha", name_sv="Trädgård", name_en="Gardening")
    _done(UnitFactory(name="Vallila"), 8, task_type=cleaning)
    _done(UnitFactory(name="Malmi"), 6, task_type=moving)
    _done(UnitFactory(name="Töölö"), 2, task_type=garden)

    section = _section(_page(client), "results-task-types")

    assert "<caption>By task type</caption>" in section
    assert '<svg aria-hidden="true"' in section
    assert '<th scope="row">Cleaning</th><td>8</td><td>24.00</td>' in section
    # Gardening's 2 are hidden, and Moving's 6 with them, or the total minus Cleaning would tell.
    assert f'<th scope="row">Gardening</th><td colspan="5">{HIDDEN}</td>' in section
    assert f'<th scope="row">Moving</th><td colspan="5">{HIDDEN}</td>' in section
    assert "<td>16</td>" in section  # all task types


def test_first_and_repeat_gigs(client, coordinator):
    unit = UnitFactory(name="Vallila")
    first = _done(unit, 6)
    _done(unit, 6, date=DAY + dt.timedelta(days=7), workers=[a.worker for a in first])

    section = _section(_page(client), "results-first-repeat")

    assert "<caption>First gigs and repeat gigs</caption>" in section
    assert '<th scope="row">First gigs</th><td>6</td>' in section
    assert '<th scope="row">Repeat gigs</th><td>6</td>' in section


def test_first_and_repeat_gigs_are_hidden_when_one_is_small(client, coordinator):
    _done(UnitFactory(name="Vallila"), 8)  # eight first gigs, no repeats: 0 is under 5

    section = _section(_page(client), "results-first-repeat")

    assert f'<th scope="row">First gigs</th><td>{HIDDEN}</td>' in section
    assert "<td>8</td>" not in section


def test_cancellations_and_no_shows_are_counts_without_names(client, coordinator):
    unit = UnitFactory(name="Vallila")
    _done(unit, 6)
    gig = GigFactory(order=OrderFactory(), date=DAY, workers_needed=3)
    missed = [
        AssignmentFactory(gig=gig, worker=WorkerFactory(home_unit=unit, user__first_name="Onni")) for _ in range(3)
    ]
    kinds = [AttendanceKind.NO_SHOW, AttendanceKind.NO_SHOW, AttendanceKind.LATE_CANCELLATION]
    for assignment, kind in zip(missed, kinds, strict=True):
        AttendanceNote.objects.create(worker=assignment.worker, assignment=assignment, kind=kind)
    GigFactory(order=OrderFactory(), date=DAY, cancelled_by_client=True, cancelled_late=True)
    GigFactory(order=OrderFactory(), date=DAY, cancelled_by_client=True)

    section = _section(_page(client), "results-cancellations")

    assert "<caption>Cancellations and no-shows</caption>" in section
    assert '<th scope="row">Late cancellations by workers</th><td>1</td>' in section
    assert '<th scope="row">No-shows</th><td>2</td>' in section
    assert '<th scope="row">Gigs cancelled by the client</th><td>2</td>' in section
    assert '<th scope="row">of which too late under the terms</th><td>1</td>' in section
    assert "Onni" not in section


def test_rating_and_the_quotes_the_clients_allowed(client, coordinator):
    _feedback(_done(UnitFactory(name="Vallila"), 6), quotable=2)

    page = _page(client)

    rating = _section(page, "results-rating")
    assert "<caption>Average client rating</caption>" in rating
    assert "<tr><td>4.5</td><td>6</td></tr>" in rating
    quotes = _section(page, "results-quotes")
    assert "<caption>Client feedback that may be quoted</caption>" in quotes
    assert "Reipas ja huolellinen 0" in quotes and "Reipas ja huolellinen 1" in quotes
    assert "Reipas ja huolellinen 2" not in quotes  # not allowed to be quoted
    assert "Tiina" not in page


def test_a_rating_of_few_clients_is_hidden(client, coordinator):
    _feedback(_done(UnitFactory(name="Vallila"), 6)[:3])

    rating = _section(_page(client), "results-rating")

    assert f"<tr><td>{HIDDEN}</td><td>3</td></tr>" in rating


def test_unit_shares_show_the_share_and_hide_a_small_unit(client, coordinator):
    vallila, toolo = UnitFactory(name="Vallila"), UnitFactory(name="Töölö")
    _done(vallila, 8)
    _done(toolo, 2)
    start, end = dt.date(2025, 1, 1), dt.date(2025, 6, 30)
    UnitClientCount.objects.create(unit=vallila, period_start=start, period_end=end, clients=32)
    UnitClientCount.objects.create(unit=toolo, period_start=start, period_end=end, clients=10)

    section = _section(_page(client), "results-shares")

    assert "<caption>Share of the units' clients who worked</caption>" in section
    assert '<svg aria-hidden="true"' in section
    assert '<th scope="row">Vallila</th><td>1.1.2025–30.6.2025</td><td>32</td><td>8</td><td>25.0 %</td>' in section
    assert f'<th scope="row">Töölö</th><td>1.1.2025–30.6.2025</td><td>10</td><td colspan="2">{HIDDEN}</td>' in section
    assert "<td>2</td>" not in section


def test_empty_sections_say_there_is_nothing(client, coordinator):
    page = _page(client)

    assert "No feedback that may be quoted in this period." in page
    assert "No client ratings in the period." in page
    assert "No cancellations or no-shows in the period." in page
    assert "No unit client counts for the period." in page
    assert "No work done in the period." in _section(page, "results-task-types")
    assert "No work done in the period." in _section(page, "results-first-repeat")
