"""The unit's pages of a worker's path (jatkopolku) and of the items before and after each gig: what
staff see, what they can add, and that every look at the notes is in the access log."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from orders.models import AssignmentStatus, FollowUpKind, GigFollowUp, OrderStatus
from orders.privacy_follow_ups import LOG_FOLLOW_UPS
from orders.tasks import create_gig_follow_ups_task
from tests.factories import GigFactory
from tests.factories.states import assignment_in, order_in
from tests.support.unit_pages import worker_in
from workers.models import AccessLogEntry
from workers.models_paths import PathStepKind, WorkerPathStep
from workers.privacy_paths import LOG_PATH

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _text(response) -> str:
    return response.content.decode()


def test_path_page_lists_steps_in_time_order_and_is_logged(staff_client, unit):
    worker = worker_in(unit)
    today = timezone.localdate()
    WorkerPathStep.objects.create(
        worker=worker, kind=PathStepKind.objects.get(code="jobcenter"), started_on=today - dt.timedelta(days=10)
    )
    WorkerPathStep.objects.create(
        worker=worker, kind=PathStepKind.objects.get(code="social_rehabilitation"),
        started_on=today - dt.timedelta(days=400), ended_on=today - dt.timedelta(days=20),
    )  # fmt: skip

    response = staff_client.get(reverse("units:worker-path", args=[worker.pk]), HTTP_ACCEPT_LANGUAGE="en")

    page = _text(response)
    assert response.status_code == 200
    table = page[page.index("<table") :]
    assert table.index("Social rehabilitation") < table.index(">Jobcenter<")
    assert "Mark ended" in page
    assert AccessLogEntry.objects.filter(worker=worker, data=LOG_PATH).count() == 1


def test_path_page_adds_a_step(staff_client, unit):
    worker = worker_in(unit)
    kind = PathStepKind.objects.get(code="open_labour_market")
    response = staff_client.post(
        reverse("units:worker-path", args=[worker.pk]),
        {"kind": kind.pk, "started_on": timezone.localdate().isoformat(), "note": "Siivousyritys"},
    )
    assert response.status_code == 302
    step = WorkerPathStep.objects.get()
    assert step.kind == kind and step.note == "Siivousyritys"


def test_path_page_of_another_units_worker_is_404(staff_client, other_unit):
    worker = worker_in(other_unit)
    assert staff_client.get(reverse("units:worker-path", args=[worker.pk])).status_code == 404


def _ended_gig_item(unit):
    start = timezone.localtime() - dt.timedelta(hours=5)
    gig = GigFactory(order=order_in(OrderStatus.SCHEDULED, title="Ikkunanpesu"), date=start.date(),
                     start_time=start.time())  # fmt: skip
    assignment = assignment_in(AssignmentStatus.ACCEPTED, gig=gig, worker=worker_in(unit))
    create_gig_follow_ups_task()
    return GigFollowUp.objects.get(assignment=assignment, kind=FollowUpKind.REVIEW)


def test_start_page_shows_go_through_the_gig_with_aino(staff_client, unit):
    item = _ended_gig_item(unit)
    page = _text(staff_client.get(reverse("units:needs"), HTTP_ACCEPT_LANGUAGE="en"))
    assert "Go through the gig with Aino" in page
    assert reverse("units:follow-up", args=[item.pk]) in page


def test_the_note_form_marks_it_done_and_reading_it_is_logged(staff_client, staff, unit):
    item = _ended_gig_item(unit)
    url = reverse("units:follow-up", args=[item.pk])
    response = staff_client.post(url, {"note": "Meni hyvin."})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.done_by == staff and item.note == "Meni hyvin."
    assert "Go through the gig" not in _text(staff_client.get(reverse("units:needs")))

    worker = item.assignment.worker
    before = AccessLogEntry.objects.filter(worker=worker, data=LOG_FOLLOW_UPS).count()
    page = _text(staff_client.get(url))
    assert "Meni hyvin." in page
    listing = _text(staff_client.get(reverse("units:worker-follow-ups", args=[worker.pk])))
    assert "Meni hyvin." in listing
    assert AccessLogEntry.objects.filter(worker=worker, data=LOG_FOLLOW_UPS).count() == before + 2


def test_another_units_staff_cannot_open_the_item(client, other_unit, unit):
    from tests.factories import UnitStaffFactory

    item = _ended_gig_item(unit)
    client.force_login(UnitStaffFactory(unit=other_unit))
    assert client.get(reverse("units:follow-up", args=[item.pk])).status_code == 404
    assert client.post(reverse("units:follow-up", args=[item.pk]), {"note": "x"}).status_code == 404


def test_pages_in_swedish_have_no_finnish_words(staff_client, unit):
    import re

    from tests.support.language_walk import finnish_words, stored_strings

    item = _ended_gig_item(unit)
    worker = item.assignment.worker
    WorkerPathStep.objects.create(
        worker=worker, kind=PathStepKind.objects.get(code="jobcenter"), started_on=timezone.localdate()
    )
    with translation.override("sv"):
        urls = [
            reverse("units:needs"),
            reverse("units:worker-path", args=[worker.pk]),
            reverse("units:follow-up", args=[item.pk]),
            reverse("units:worker-follow-ups", args=[worker.pk]),
        ]
    data = stored_strings()
    for url in urls:
        html = staff_client.get(url, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
        main = html[html.index("<main") :]
        text = re.sub(r"<[^>]+>", " ", main)
        assert finnish_words(text, data) == [], url
