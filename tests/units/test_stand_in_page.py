"""Finding a stand-in for a place freed by "En pääse": the unit's page lists its workers asked before
and the others with their benefit headroom, and proposes one with one tap; the coordinator's page
offers the gig to one still proposed. A gig not come to is noted by the unit after its start."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from orders import services
from orders.models import AssignmentStatus, AttendanceNote, OrderStatus
from tests.factories import AssignmentFactory, GigFactory, UnitStaffFactory
from tests.support.unit_pages import informed_order, worker_in

pytestmark = pytest.mark.django_db


def _freed(unit):
    """A gig of an order informed to `unit` from which Aino dropped out; Bea was proposed, Cai is free."""
    order = informed_order(unit)
    gig = GigFactory(order=order, workers_needed=1, date=timezone.localdate() + dt.timedelta(days=3))
    aino = worker_in(unit, first_name="Aino")
    dropped = AssignmentFactory(gig=gig, worker=aino, status=AssignmentStatus.ACCEPTED)
    services.assignment_cant_come(assignment_id=dropped.pk, by=aino.user)
    bea = worker_in(unit, first_name="Bea", last_name="Berg")
    proposed = AssignmentFactory(gig=gig, worker=bea, status=AssignmentStatus.PROPOSED)
    cai = worker_in(unit, first_name="Cai", last_name="Carlsson")
    return gig, proposed, cai


def test_unit_stand_in__lists_the_asked_and_the_others_and_proposes_with_one_tap(staff_client, unit):
    gig, proposed, cai = _freed(unit)
    url = reverse("units:stand-in", args=[gig.order_id, gig.pk])

    html = staff_client.get(url).content.decode()
    asked, others = html.split("Yksiköidesi muut työntekijät")
    assert "Bea Berg" in asked and "Cai Carlsson" in others and "Aino" not in others

    response = staff_client.post(url, {"worker": cai.pk})

    assert response.status_code == 302
    assert gig.assignments.get(worker=cai).status == AssignmentStatus.PROPOSED


def test_unit_stand_in__another_units_staff_get_a_404(client, unit, other_unit):
    gig, _proposed, _cai = _freed(unit)
    client.force_login(UnitStaffFactory(unit=other_unit))
    assert client.get(reverse("units:stand-in", args=[gig.order_id, gig.pk])).status_code == 404


def test_coordinator_stand_in__offers_the_gig_to_one_still_proposed(client, unit):
    from tests.factories import CoordinatorFactory

    gig, proposed, _cai = _freed(unit)
    client.force_login(CoordinatorFactory())
    url = reverse("coordinator:stand-in", args=[gig.pk])
    assert "Bea Berg" in client.get(url).content.decode()

    client.post(url, {"assignment": proposed.pk})

    proposed.refresh_from_db()
    assert proposed.status == AssignmentStatus.OFFERED


def test_unit_no_show__noted_after_the_start_from_the_workers_page(staff_client, unit):
    start = timezone.localtime() - dt.timedelta(hours=1)
    gig = GigFactory(
        order=informed_order(unit, status=OrderStatus.SCHEDULED), date=start.date(), start_time=start.time()
    )
    aino = worker_in(unit)
    assignment = AssignmentFactory(gig=gig, worker=aino, status=AssignmentStatus.ACCEPTED)
    url = reverse("units:assignment-no-show", args=[aino.pk, assignment.pk])
    assert url in staff_client.get(reverse("units:worker", args=[aino.pk])).content.decode()

    staff_client.post(url, {"reason": "", "note": "Ei vastannut puhelimeen."})

    note = AttendanceNote.objects.get()
    assert note.kind == "no_show" and note.note == "Ei vastannut puhelimeen."


def test_unit_worker_page__a_pattern_is_a_kind_prompt_and_the_look_is_logged(staff_client, unit, settings):
    from workers.models import AccessLogEntry

    settings.JOBCENTER_ATTENDANCE_PATTERN_NOTES = 3
    aino = worker_in(unit)
    for _ in range(3):
        assignment = AssignmentFactory(worker=aino, status=AssignmentStatus.CANT_COME)
        AttendanceNote.objects.create(worker=aino, assignment=assignment, kind="late_cancellation")

    html = staff_client.get(reverse("units:worker", args=[aino.pk])).content.decode()

    assert "Aino on perunut tai jäänyt pois 3 kertaa 30 päivän aikana." in html
    assert AccessLogEntry.objects.filter(worker=aino, data="attendance").exists()
    response = staff_client.get(reverse("units:worker-attendance", args=[aino.pk]))
    assert response.status_code == 200 and "Peruttu vähän ennen keikkaa" in response.content.decode()
