""" "En pääse" said by the unit for a worker who phoned: the button on her gig card before the gig
starts, the page with the optional reason, the same service as her own button (the coordinator told,
the place open again, a late cancellation noted); another unit's staff get a 404."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from jobcenter.models import OutboundEmail
from orders.models import AssignmentStatus, AttendanceNote, OrderStatus
from tests.factories import AssignmentFactory, GigFactory, UnitStaffFactory
from tests.support.unit_pages import informed_order, worker_in

pytestmark = pytest.mark.django_db


def _accepted(unit, *, starts_in: dt.timedelta):
    start = timezone.localtime() + starts_in
    gig = GigFactory(order=informed_order(unit), workers_needed=1, date=start.date(), start_time=start.time())
    gig.order.status = OrderStatus.SCHEDULED
    gig.order.save(update_fields=["status"])
    aino = worker_in(unit, first_name="Aino")
    return AssignmentFactory(gig=gig, worker=aino, unit=unit, status=AssignmentStatus.ACCEPTED)


def test_worker_page__the_gig_card_has_the_button_before_the_start(staff_client, unit):
    assignment = _accepted(unit, starts_in=dt.timedelta(days=3))
    html = staff_client.get(reverse("units:worker", args=[assignment.worker_id])).content.decode()
    assert reverse("units:assignment-cant-come", args=[assignment.worker_id, assignment.pk]) in html
    assert "Aino L. ei pääse…" in html


def test_cant_come_for_her__saved_with_the_reason_and_the_place_opens(
    staff_client, unit, django_capture_on_commit_callbacks
):
    assignment = _accepted(unit, starts_in=dt.timedelta(hours=5))
    url = reverse("units:assignment-cant-come", args=[assignment.worker_id, assignment.pk])
    assert "Miksi työntekijä ei pääse, jos hän kertoi?" in staff_client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, {"reason": "transport", "note": ""})

    assert response.status_code == 302
    assignment.refresh_from_db()
    assignment.gig.order.refresh_from_db()
    assert assignment.status == AssignmentStatus.CANT_COME
    assert assignment.gig.order.status == OrderStatus.STAFFING
    # Five hours before the start: a late cancellation, with her reason, noted without blame.
    note = AttendanceNote.objects.get(assignment=assignment)
    assert note.reason == "transport"
    # The same people are told as when she taps it herself: her unit and the coordinator.
    assert sorted(OutboundEmail.objects.values_list("code", flat=True)) == ["cant_come_coordinator", "cant_come_unit"]


def test_cant_come_for_her__another_units_staff_get_a_404(client, unit, other_unit):
    assignment = _accepted(unit, starts_in=dt.timedelta(days=3))
    client.force_login(UnitStaffFactory(unit=other_unit))
    url = reverse("units:assignment-cant-come", args=[assignment.worker_id, assignment.pk])
    assert client.get(url).status_code == 404
