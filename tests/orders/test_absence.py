""" "En pääse": a worker who took a gig cannot come. The place is free at once (the order goes back
to staffing), her unit, the staff member along and the coordinator are told after commit, the
other informed units hear the place is open; guarded, idempotent; and a stand-in's acceptance tells
the client who comes, by first name, never who dropped out or why."""

import datetime as dt

import pytest
from django.utils import timezone

from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.models import OutboundEmail
from orders import services
from orders.models import (
    AssignmentEvent,
    AssignmentStatus,
    AssignmentStatusChange,
    AttendanceKind,
    AttendanceNote,
    OrderStatus,
    OrderUnitNotice,
)
from tests.factories import GigFactory, UnitStaffFactory, UserFactory, WorkerFactory
from tests.factories.states import assignment_in, order_in
from tests.factories.units import UnitFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("messages_in_english")]


def _scheduled(coordinator, *, days=7, hour=9, workers_needed=1, support_person=None):
    """A scheduled order with one gig and its one worker, offered by `coordinator` and accepted."""
    order = order_in(OrderStatus.SCHEDULED)
    start = timezone.localtime() + dt.timedelta(days=days)
    gig = GigFactory(order=order, date=start.date(), start_time=dt.time(hour), workers_needed=workers_needed)
    assignment = assignment_in(AssignmentStatus.ACCEPTED, gig=gig, support_person=support_person)
    OrderUnitNotice.objects.create(order=order, unit=assignment.unit, informed_by=coordinator)
    AssignmentStatusChange.objects.create(
        assignment=assignment, from_status="proposed", to_status="offered", by=coordinator
    )
    return assignment


def test_cant_come__frees_the_place_and_sends_the_order_back_to_staffing(coordinator):
    assignment = _scheduled(coordinator)
    worker_user = assignment.worker.user

    services.assignment_cant_come(assignment_id=assignment.pk, by=worker_user, reason="ill")

    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.CANT_COME
    change = assignment.status_changes.order_by("-pk").first()
    assert change.kind == AssignmentEvent.CANT_COME and change.params == {"reason": "ill"} and not change.on_behalf
    assignment.gig.order.refresh_from_db()
    assert assignment.gig.order.status == OrderStatus.STAFFING
    assert AssignmentStatus.CANT_COME in AssignmentStatus.ended_states


def test_cant_come__tells_the_unit_the_staff_member_and_the_coordinator_after_commit(
    coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    person = UserFactory(language="sv")
    assignment = _scheduled(coordinator, support_person=person)
    other_unit = UnitFactory(email="toinen@example.org")
    OrderUnitNotice.objects.create(order=assignment.gig.order, unit=other_unit, informed_by=coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_cant_come(assignment_id=assignment.pk, by=assignment.worker.user, reason="ill")

    sent = {(e.code, e.to, e.language) for e in OutboundEmail.objects.all()}
    assert ("cant_come_unit", assignment.unit.email, "fi") in sent
    assert ("cant_come_unit", person.email, "sv") in sent
    assert ("cant_come_coordinator", coordinator.email, coordinator.language) in sent
    assert ("place_open_unit", "toinen@example.org", "fi") in sent
    assert len(mailoutbox) == len(sent)
    # The reason may be about her health: it stays with the unit's page, out of every email.
    for email in OutboundEmail.objects.all():
        assert "I am ill" not in email.body_text and "sairas" not in email.body_text.lower()
    for email in OutboundEmail.objects.filter(code__startswith="cant_come"):
        assert f"/gigs/{assignment.gig_id}/stand-in/" in email.body_text


def test_cant_come__twice_changes_nothing_and_tells_nobody_again(coordinator, django_capture_on_commit_callbacks):
    assignment = _scheduled(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_cant_come(assignment_id=assignment.pk, by=assignment.worker.user)
    emails, changes = OutboundEmail.objects.count(), assignment.status_changes.count()

    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_cant_come(assignment_id=assignment.pk, by=assignment.worker.user)

    assert OutboundEmail.objects.count() == emails and assignment.status_changes.count() == changes


def test_cant_come__the_units_staff_may_say_it_for_her(coordinator):
    assignment = _scheduled(coordinator)
    staff = UnitStaffFactory(unit=assignment.worker.home_unit)

    services.assignment_cant_come(assignment_id=assignment.pk, by=staff, reason="transport", note="Bussi ei kulje.")

    change = assignment.status_changes.order_by("-pk").first()
    assert change.on_behalf and change.by == staff and change.note == "Bussi ei kulje."


def test_cant_come__refused_for_anyone_else(coordinator):
    assignment = _scheduled(coordinator)
    for outsider in (WorkerFactory().user, UnitStaffFactory(), UserFactory()):
        with pytest.raises(ActionNotPermitted):
            services.assignment_cant_come(assignment_id=assignment.pk, by=outsider)


@pytest.mark.parametrize("status", [AssignmentStatus.OFFERED, AssignmentStatus.PROPOSED, AssignmentStatus.DONE])
def test_cant_come__only_an_accepted_gig(status):
    assignment = assignment_in(status)
    with pytest.raises(DomainError):
        services.assignment_cant_come(assignment_id=assignment.pk, by=assignment.worker.user)


def test_cant_come__refused_once_the_gig_is_over(coordinator):
    assignment = _scheduled(coordinator)
    gig = assignment.gig
    gig.date = timezone.localdate() - dt.timedelta(days=1)
    gig.save(update_fields=["date"])

    with pytest.raises(DomainError, match="already over"):
        services.assignment_cant_come(assignment_id=assignment.pk, by=assignment.worker.user)


def test_cant_come__an_unknown_reason_is_refused(coordinator):
    assignment = _scheduled(coordinator)
    with pytest.raises(DomainError):
        services.assignment_cant_come(assignment_id=assignment.pk, by=assignment.worker.user, reason="lazy")
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACCEPTED


def test_cant_come__a_week_ahead_makes_no_attendance_note(coordinator):
    assignment = _scheduled(coordinator, days=7)
    services.assignment_cant_come(assignment_id=assignment.pk, by=assignment.worker.user)
    assert not AttendanceNote.objects.exists()


def test_cant_come__the_same_day_is_a_late_cancellation_note(coordinator, settings):
    settings.JOBCENTER_ATTENDANCE_LATE_HOURS = 24
    assignment = _scheduled(coordinator, days=0, hour=23)

    services.assignment_cant_come(assignment_id=assignment.pk, by=assignment.worker.user, reason="family")

    note = AttendanceNote.objects.get()
    assert note.kind == AttendanceKind.LATE_CANCELLATION and note.reason == "family"
    assert note.worker == assignment.worker and note.recorded_by == assignment.worker.user


def test_cant_come__the_window_is_the_setting(coordinator, settings):
    settings.JOBCENTER_ATTENDANCE_LATE_HOURS = 24 * 10
    assignment = _scheduled(coordinator, days=7)
    services.assignment_cant_come(assignment_id=assignment.pk, by=assignment.worker.user)
    assert AttendanceNote.objects.filter(kind=AttendanceKind.LATE_CANCELLATION).count() == 1


def test_cant_come__proposing_her_again_is_refused(coordinator):
    assignment = _scheduled(coordinator)
    services.assignment_cant_come(assignment_id=assignment.pk, by=assignment.worker.user)
    staff = UnitStaffFactory(unit=assignment.worker.home_unit)
    with pytest.raises(DomainError, match="already on this gig"):
        services.assignment_propose(gig_id=assignment.gig_id, worker_id=assignment.worker_id, by=staff, support="phone")


# --- The stand-in -----------------------------------------------------------------------------------
def test_stand_in__accepting_tells_the_client_who_comes_by_first_name(coordinator, django_capture_on_commit_callbacks):
    assignment = _scheduled(coordinator)
    services.assignment_cant_come(assignment_id=assignment.pk, by=assignment.worker.user, reason="ill")
    stand_in = assignment_in(
        AssignmentStatus.OFFERED, gig=assignment.gig, worker=WorkerFactory(user=UserFactory(first_name="Mikko"))
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_accept(assignment_id=stand_in.pk, by=stand_in.worker.user)

    email = OutboundEmail.objects.get(code="stand_in_client")
    order = assignment.gig.order
    assert email.to == order.contact.email and email.language == order.language
    assert "Mikko" in email.body_text
    assert assignment.worker.user.first_name not in email.body_text
    assert stand_in.worker.user.last_name not in email.body_text
    order.refresh_from_db()
    assert order.status == OrderStatus.SCHEDULED


def test_stand_in__an_ordinary_acceptance_tells_the_client_nothing_of_stand_ins(
    coordinator, django_capture_on_commit_callbacks
):
    offered = assignment_in(AssignmentStatus.OFFERED)
    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_accept(assignment_id=offered.pk, by=offered.worker.user)
    assert not OutboundEmail.objects.filter(code="stand_in_client").exists()
