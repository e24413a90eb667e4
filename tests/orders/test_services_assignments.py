"""Staffing a gig through the assignment services: unit staff proposing workers (one at a time or a
whole group), the coordinator offering the gig, the worker (or staff on the worker's behalf)
accepting or declining, and withdrawing a worker. Each step's happy path, each illegal source state,
the wrong role, re-runs that change nothing, and a gig that is never over-filled."""

import datetime as dt

import pytest
from django.utils import timezone

from jobcenter.errors import ActionNotPermitted, DomainError, TransitionNotAllowed
from jobcenter.models import OutboundEmail
from orders import services
from orders.models import Assignment, AssignmentStatus, OrderStatus, OrderUnitNotice
from tests.factories import (
    AssignmentFactory,
    ClientContactFactory,
    CoordinatorFactory,
    GigFactory,
    UnitFactory,
    UnitStaffFactory,
    WorkerFactory,
    WorkerGroupFactory,
)
from tests.factories.states import assignment_in, order_in
from tests.support.order_services import assignment_states_without, states_without
from units.models import SupportMode

# Service messages are asserted in English, the source language (the fixture is in this directory's conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("messages_in_english")]


# --- assignment_propose -------------------------------------------------------------------------
def test_assignment_propose__by_staff_of_the_workers_unit(informed_gig):
    unit = informed_gig.order.informed_units.get()
    staff = UnitStaffFactory(unit=unit)
    worker = WorkerFactory(home_unit=unit)
    assignment = services.assignment_propose(
        gig_id=informed_gig.pk,
        worker_id=worker.pk,
        by=staff,
        support=SupportMode.STAFF_ALONG,
        support_person_id=staff.pk,
        skills_checked=True,
        interest_note="Haluaa kokeilla ikkunanpesua.",
    )
    assert assignment.status == AssignmentStatus.PROPOSED
    assert (assignment.unit, assignment.proposed_by, assignment.support_person) == (unit, staff, staff)
    assert assignment.status_changes.get().to_status == AssignmentStatus.PROPOSED


def test_assignment_propose__twice_gives_the_same_assignment(informed_gig):
    unit = informed_gig.order.informed_units.get()
    staff, worker = UnitStaffFactory(unit=unit), WorkerFactory(home_unit=unit)
    first = services.assignment_propose(gig_id=informed_gig.pk, worker_id=worker.pk, by=staff, support="phone")
    second = services.assignment_propose(gig_id=informed_gig.pk, worker_id=worker.pk, by=staff, support="phone")
    assert first.pk == second.pk
    assert Assignment.objects.count() == 1


def test_assignment_propose__staff_of_another_unit_cannot(informed_gig):
    unit = informed_gig.order.informed_units.get()
    worker = WorkerFactory(home_unit=unit)
    with pytest.raises(ActionNotPermitted, match=unit.name):
        services.assignment_propose(gig_id=informed_gig.pk, worker_id=worker.pk, by=UnitStaffFactory(), support="phone")
    with pytest.raises(ActionNotPermitted):
        services.assignment_propose(gig_id=informed_gig.pk, worker_id=worker.pk, by=worker.user, support="phone")
    assert not Assignment.objects.exists()


def test_assignment_propose__unit_must_be_informed(informed_gig):
    staff = UnitStaffFactory()
    worker = WorkerFactory(home_unit=staff.unit_memberships.get().unit)
    with pytest.raises(DomainError, match="not been informed"):
        services.assignment_propose(gig_id=informed_gig.pk, worker_id=worker.pk, by=staff, support="phone")


@pytest.mark.parametrize("status", states_without({OrderStatus.STAFFING}))
def test_assignment_propose__only_while_staffing(coordinator, status):
    unit = UnitFactory()
    gig = GigFactory(order=order_in(status))
    OrderUnitNotice.objects.create(order=gig.order, unit=unit, informed_by=coordinator)
    staff, worker = UnitStaffFactory(unit=unit), WorkerFactory(home_unit=unit)
    with pytest.raises(DomainError, match="being staffed"):
        services.assignment_propose(gig_id=gig.pk, worker_id=worker.pk, by=staff, support="phone")


def test_assignment_propose__inactive_worker_and_declined_worker_are_refused(informed_gig):
    unit = informed_gig.order.informed_units.get()
    staff = UnitStaffFactory(unit=unit)
    inactive = WorkerFactory(home_unit=unit, is_active=False)
    with pytest.raises(DomainError, match="not active"):
        services.assignment_propose(gig_id=informed_gig.pk, worker_id=inactive.pk, by=staff, support="phone")
    declined = AssignmentFactory(
        gig=informed_gig, worker=WorkerFactory(home_unit=unit), status=AssignmentStatus.DECLINED
    )
    with pytest.raises(DomainError, match="already on this gig"):
        services.assignment_propose(gig_id=informed_gig.pk, worker_id=declined.worker_id, by=staff, support="phone")


def test_assignment_propose__support_person_must_be_staff_of_the_workers_unit(informed_gig):
    unit = informed_gig.order.informed_units.get()
    staff, worker = UnitStaffFactory(unit=unit), WorkerFactory(home_unit=unit)
    outsider = ClientContactFactory(with_user=True).user
    with pytest.raises(DomainError, match="staff member of"):
        services.assignment_propose(
            gig_id=informed_gig.pk, worker_id=worker.pk, by=staff, support="staff_along", support_person_id=outsider.pk
        )
    assert not Assignment.objects.exists()


def test_assignment_propose_group__proposes_every_member(informed_gig):
    unit = informed_gig.order.informed_units.get()
    staff = UnitStaffFactory(unit=unit)
    group = WorkerGroupFactory(unit=unit)
    group.members.set([WorkerFactory(home_unit=unit) for _ in range(3)])
    assignments = services.assignment_propose_group(
        gig_id=informed_gig.pk, group_id=group.pk, by=staff, support="staff_along"
    )
    assert len(assignments) == 3
    assert {a.status for a in assignments} == {AssignmentStatus.PROPOSED}


def test_assignment_propose_group__only_staff_of_the_groups_unit(informed_gig):
    unit = informed_gig.order.informed_units.get()
    group = WorkerGroupFactory(unit=unit)
    group.members.set([WorkerFactory(home_unit=unit)])
    with pytest.raises(ActionNotPermitted):
        services.assignment_propose_group(
            gig_id=informed_gig.pk, group_id=group.pk, by=UnitStaffFactory(), support="phone"
        )
    assert not Assignment.objects.exists()


# --- assignment_offer ---------------------------------------------------------------------------
def test_assignment_offer__emails_the_worker(coordinator, mailoutbox, django_capture_on_commit_callbacks):
    assignment = assignment_in(AssignmentStatus.PROPOSED)
    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_offer(assignment_id=assignment.pk, by=coordinator)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.OFFERED
    assert mailoutbox[0].to == [assignment.worker.user.email]
    assert assignment.gig.order.title in mailoutbox[0].body


@pytest.mark.parametrize("status", assignment_states_without({AssignmentStatus.PROPOSED}))
def test_assignment_offer__refused_from_other_states(coordinator, status):
    assignment = assignment_in(status)
    with pytest.raises(TransitionNotAllowed):
        services.assignment_offer(assignment_id=assignment.pk, by=coordinator)
    assert OutboundEmail.objects.count() == 0


def test_assignment_offer__only_coordinator():
    assignment = assignment_in(AssignmentStatus.PROPOSED)
    staff = UnitStaffFactory(unit=assignment.unit)
    with pytest.raises(ActionNotPermitted):
        services.assignment_offer(assignment_id=assignment.pk, by=staff)


def test_assignment_offer__refused_when_the_gig_already_has_its_workers(coordinator):
    gig = GigFactory(order=order_in(OrderStatus.STAFFING), workers_needed=1)
    assignment_in(AssignmentStatus.ACCEPTED, gig=gig)
    extra = assignment_in(AssignmentStatus.PROPOSED, gig=gig)
    with pytest.raises(DomainError, match="all its workers"):
        services.assignment_offer(assignment_id=extra.pk, by=coordinator)
    extra.refresh_from_db()
    assert extra.status == AssignmentStatus.PROPOSED


# --- assignment_accept / decline ----------------------------------------------------------------
def test_assignment_accept__by_worker_fills_the_gig_and_schedules_the_order():
    gig = GigFactory(order=order_in(OrderStatus.STAFFING), workers_needed=1)
    assignment = assignment_in(AssignmentStatus.OFFERED, gig=gig)
    services.assignment_accept(assignment_id=assignment.pk, by=assignment.worker.user)
    assignment.refresh_from_db()
    gig.order.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACCEPTED
    change = assignment.status_changes.get()
    assert change.on_behalf is False and change.by == assignment.worker.user
    assert gig.order.status == OrderStatus.SCHEDULED


def test_assignment_accept__by_staff_is_recorded_as_on_behalf():
    assignment = assignment_in(AssignmentStatus.OFFERED)
    staff = UnitStaffFactory(unit=assignment.worker.home_unit)
    services.assignment_accept(assignment_id=assignment.pk, by=staff)
    change = assignment.status_changes.get()
    assert change.on_behalf is True and change.by == staff


def test_assignment_accept__other_worker_and_other_unit_cannot():
    assignment = assignment_in(AssignmentStatus.OFFERED)
    for user in (WorkerFactory().user, UnitStaffFactory(), CoordinatorFactory()):
        with pytest.raises(ActionNotPermitted):
            services.assignment_accept(assignment_id=assignment.pk, by=user)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.OFFERED


def test_assignment_accept__full_gig_says_so():
    gig = GigFactory(order=order_in(OrderStatus.STAFFING), workers_needed=1)
    first = assignment_in(AssignmentStatus.OFFERED, gig=gig)
    second = assignment_in(AssignmentStatus.OFFERED, gig=gig)
    services.assignment_accept(assignment_id=first.pk, by=first.worker.user)
    with pytest.raises(DomainError, match="already full"):
        services.assignment_accept(assignment_id=second.pk, by=second.worker.user)
    second.refresh_from_db()
    assert second.status == AssignmentStatus.OFFERED


def test_assignment_accept__twice_is_a_no_op():
    assignment = assignment_in(AssignmentStatus.OFFERED)
    services.assignment_accept(assignment_id=assignment.pk, by=assignment.worker.user)
    services.assignment_accept(assignment_id=assignment.pk, by=assignment.worker.user)
    assert assignment.status_changes.count() == 1


@pytest.mark.parametrize("status", assignment_states_without({AssignmentStatus.OFFERED, AssignmentStatus.ACCEPTED}))
def test_assignment_accept__refused_from_other_states(status):
    assignment = assignment_in(status)
    with pytest.raises(DomainError):
        services.assignment_accept(assignment_id=assignment.pk, by=assignment.worker.user)
    assignment.refresh_from_db()
    assert assignment.status == status


@pytest.mark.parametrize("order_status", states_without({OrderStatus.STAFFING, OrderStatus.SCHEDULED}))
def test_assignment_accept__refused_when_order_is_not_being_staffed(order_status):
    assignment = assignment_in(AssignmentStatus.OFFERED, order_status=order_status)
    with pytest.raises(DomainError, match="can no longer be accepted"):
        services.assignment_accept(assignment_id=assignment.pk, by=assignment.worker.user)


def test_assignment_accept__a_gig_is_never_over_filled(coordinator):
    """Three offers for two places: the third worker is told the gig is full."""
    gig = GigFactory(order=order_in(OrderStatus.STAFFING), workers_needed=2)
    offers = [assignment_in(AssignmentStatus.OFFERED, gig=gig) for _ in range(3)]
    outcomes = []
    for a in offers:
        try:
            services.assignment_accept(assignment_id=a.pk, by=a.worker.user)
            outcomes.append("accepted")
        except DomainError as err:
            outcomes.append(str(err.message))
    assert outcomes == ["accepted", "accepted", "Sorry, this gig is already full."]
    assert gig.assignments.filter(status=AssignmentStatus.ACCEPTED).count() == 2


def test_assignment_accept__refused_after_the_gig_day():
    gig = GigFactory(order=order_in(OrderStatus.STAFFING), date=timezone.localdate() - dt.timedelta(days=1))
    assignment = assignment_in(AssignmentStatus.OFFERED, gig=gig)
    with pytest.raises(DomainError, match="has passed"):
        services.assignment_accept(assignment_id=assignment.pk, by=assignment.worker.user)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.OFFERED


def test_assignment_decline__records_reason_and_repeat_is_a_no_op():
    assignment = assignment_in(AssignmentStatus.OFFERED)
    services.assignment_decline(assignment_id=assignment.pk, by=assignment.worker.user, reason="En pääse.")
    services.assignment_decline(assignment_id=assignment.pk, by=assignment.worker.user, reason="En pääse.")
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.DECLINED
    assert assignment.status_changes.get().note == "En pääse."


@pytest.mark.parametrize("status", assignment_states_without({AssignmentStatus.OFFERED, AssignmentStatus.DECLINED}))
def test_assignment_decline__refused_from_other_states(status):
    assignment = assignment_in(status)
    with pytest.raises(TransitionNotAllowed):
        services.assignment_decline(assignment_id=assignment.pk, by=assignment.worker.user)


# --- assignment_withdraw ------------------------------------------------------------------------
def test_assignment_withdraw__accepted_worker_sends_order_back_to_staffing(coordinator):
    gig = GigFactory(order=order_in(OrderStatus.STAFFING), workers_needed=1)
    assignment = assignment_in(AssignmentStatus.OFFERED, gig=gig)
    services.assignment_accept(assignment_id=assignment.pk, by=assignment.worker.user)
    gig.order.refresh_from_db()
    assert gig.order.status == OrderStatus.SCHEDULED
    staff = UnitStaffFactory(unit=assignment.unit)
    services.assignment_withdraw(assignment_id=assignment.pk, by=staff, reason="Sairastui.")
    gig.order.refresh_from_db()
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.WITHDRAWN
    assert gig.order.status == OrderStatus.STAFFING


@pytest.mark.parametrize(
    "status",
    assignment_states_without({AssignmentStatus.PROPOSED, AssignmentStatus.OFFERED, AssignmentStatus.ACCEPTED}),
)
def test_assignment_withdraw__refused_from_other_states(coordinator, status):
    assignment = assignment_in(status)
    with pytest.raises(TransitionNotAllowed):
        services.assignment_withdraw(assignment_id=assignment.pk, by=coordinator, reason="x")


def test_assignment_withdraw__needs_reason_and_right_role(coordinator):
    assignment = assignment_in(AssignmentStatus.PROPOSED)
    with pytest.raises(DomainError, match="Write why"):
        services.assignment_withdraw(assignment_id=assignment.pk, by=coordinator, reason=" ")
    with pytest.raises(ActionNotPermitted):
        services.assignment_withdraw(assignment_id=assignment.pk, by=UnitStaffFactory(), reason="x")
