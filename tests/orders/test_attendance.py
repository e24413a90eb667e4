"""Attendance without blame: a gig not come to is noted by the worker's unit or the coordinator after
the gig's start, and frees the place; the unit's prompt shows at a pattern; the notes are in the
worker's export, deleted after their retention, and never reach a client."""

import datetime as dt

import pytest
from django.utils import timezone

from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.privacy import build_worker_export, retention_run
from orders import services
from orders.models import AssignmentEvent, AssignmentStatus, AttendanceKind, AttendanceNote, OrderStatus
from orders.selectors.absence import attendance_notes_for, attendance_pattern_for
from tests.factories import GigFactory, UnitStaffFactory, WorkerFactory
from tests.factories.states import assignment_in, order_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("messages_in_english")]


def _started(**kwargs):
    """An accepted gig that began an hour ago."""
    start = timezone.localtime() - dt.timedelta(hours=1)
    gig = GigFactory(
        order=order_in(OrderStatus.SCHEDULED), date=start.date(), start_time=start.time(), workers_needed=1
    )
    return assignment_in(AssignmentStatus.ACCEPTED, gig=gig, **kwargs)


def _note(worker, *, days_ago=1):
    assignment = assignment_in(AssignmentStatus.CANT_COME, worker=worker)
    return AttendanceNote.objects.create(
        worker=worker,
        assignment=assignment,
        kind=AttendanceKind.LATE_CANCELLATION,
        recorded_at=timezone.now() - dt.timedelta(days=days_ago),
    )


def test_no_show__the_unit_notes_it_and_the_place_is_free():
    assignment = _started()
    staff = UnitStaffFactory(unit=assignment.worker.home_unit)

    note = services.attendance_record_no_show(assignment_id=assignment.pk, by=staff, reason="", note="Ei vastannut.")

    assert note.kind == AttendanceKind.NO_SHOW and note.recorded_by == staff and note.note == "Ei vastannut."
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.CANT_COME
    assert assignment.status_changes.order_by("-pk").first().kind == AssignmentEvent.NO_SHOW
    # Her place has gone by (nobody can be staffed into a gig that began): the order does not wait in
    # staffing for it, and with no work reported on it, the order moves on.
    assignment.gig.order.refresh_from_db()
    assert assignment.gig.order.status == OrderStatus.APPROVED


def test_no_show__the_coordinator_may_note_it(coordinator):
    assignment = _started()
    services.attendance_record_no_show(assignment_id=assignment.pk, by=coordinator, reason="ill")
    assert AttendanceNote.objects.get().reason == "ill"


def test_no_show__twice_is_one_note(coordinator):
    assignment = _started()
    first = services.attendance_record_no_show(assignment_id=assignment.pk, by=coordinator, reason="")
    again = services.attendance_record_no_show(assignment_id=assignment.pk, by=coordinator, reason="")
    assert first.pk == again.pk and AttendanceNote.objects.count() == 1


def test_no_show__refused_before_the_gig_starts(coordinator):
    assignment = assignment_in(AssignmentStatus.ACCEPTED)  # a week ahead
    with pytest.raises(DomainError, match="not started"):
        services.attendance_record_no_show(assignment_id=assignment.pk, by=coordinator, reason="")
    assert not AttendanceNote.objects.exists()


def test_no_show__refused_for_work_reported_done(coordinator):
    assignment = assignment_in(AssignmentStatus.DONE)
    with pytest.raises(DomainError):
        services.attendance_record_no_show(assignment_id=assignment.pk, by=coordinator, reason="")


def test_no_show__refused_for_other_units_staff_and_the_worker():
    assignment = _started()
    for outsider in (UnitStaffFactory(), assignment.worker.user):
        with pytest.raises(ActionNotPermitted):
            services.attendance_record_no_show(assignment_id=assignment.pk, by=outsider, reason="")


def test_pattern__three_notes_in_thirty_days_make_one(settings):
    settings.JOBCENTER_ATTENDANCE_PATTERN_NOTES, settings.JOBCENTER_ATTENDANCE_PATTERN_DAYS = 3, 30
    worker = WorkerFactory()
    _note(worker, days_ago=2)
    _note(worker, days_ago=10)
    _note(worker, days_ago=40)  # too old for the pattern
    assert attendance_pattern_for(worker=worker) == 0
    _note(worker, days_ago=20)
    assert attendance_pattern_for(worker=worker) == 3


def test_notes__only_her_unit_and_the_coordinator_read_them(coordinator):
    worker = WorkerFactory()
    _note(worker)
    assert attendance_notes_for(user=UnitStaffFactory(unit=worker.home_unit), worker=worker).count() == 1
    assert attendance_notes_for(user=coordinator, worker=worker).count() == 1
    assert attendance_notes_for(user=UnitStaffFactory(), worker=worker).count() == 0


def test_export__the_worker_gets_her_notes_behind_a_strong_login():
    worker = WorkerFactory()
    _note(worker)
    export = build_worker_export(worker=worker, include_special=True)
    section = next(s for s in export["sections"] if s["key"] == "attendance")
    assert len(section["data"]) == 1 and section["data"][0]["kind"]
    weak = build_worker_export(worker=worker, include_special=False)
    assert next(s for s in weak["sections"] if s["key"] == "attendance").get("withheld")


def test_retention__a_note_goes_after_its_days(settings):
    settings.JOBCENTER_RETENTION_ATTENDANCE_DAYS = 365
    worker = WorkerFactory()
    kept, old = _note(worker, days_ago=100), _note(worker, days_ago=400)

    retention_run()

    assert set(AttendanceNote.objects.values_list("pk", flat=True)) == {kept.pk}
    assert old.pk is not None


def test_notes_never_reach_client_templates():
    """No client page or email template names the attendance notes or the no-show."""
    from pathlib import Path

    from django.conf import settings as dj

    root = Path(dj.BASE_DIR) / "templates"
    client_templates = [*root.glob("emails/*client*/*"), *root.glob("orders/**/*.html"), *root.glob("public/**/*")]
    assert client_templates
    for path in client_templates:
        text = path.read_text(encoding="utf-8")
        assert "attendance" not in text and "no_show" not in text and "cant_come" not in text, path
