"""The gigs of an order and the work done on them: gig_create (dates, hours, who may enter them), the
worker or staff reporting the hours done, and the coordinator approving them, with corrected hours
only with a reason. Each step's happy path, each illegal source state, the wrong role and re-runs
that change nothing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from jobcenter.errors import ActionNotPermitted, DomainError, TransitionNotAllowed
from orders import services
from orders.models import ORDER_GIG_EDITABLE_STATES, AssignmentEvent, AssignmentStatus, OrderStatus, OrderUnitNotice
from tests.factories import CoordinatorFactory, GigFactory, UnitStaffFactory, WorkerFactory
from tests.factories.states import assignment_in, order_in
from tests.support.order_services import assignment_states_without, started_gig_assignment, states_without

# Service messages are asserted in English, the source language (the fixture is in this directory's conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("messages_in_english")]


# --- gig_create ---------------------------------------------------------------------------------
@pytest.mark.parametrize("status", sorted(ORDER_GIG_EDITABLE_STATES))
def test_gig_create__on_accepted_orders(coordinator, status):
    order = order_in(status)
    gig = services.gig_create(
        order_id=order.pk,
        by=coordinator,
        date=timezone.localdate() + dt.timedelta(days=3),
        start_time=dt.time(10, 0),
        planned_hours="2,5",
        workers_needed=2,
    )
    assert gig.planned_hours == Decimal("2.50")
    order.refresh_from_db()
    # A new gig on a scheduled order needs workers, so it is being staffed again.
    expected = OrderStatus.STAFFING if status == OrderStatus.SCHEDULED else status
    assert order.status == expected


@pytest.mark.parametrize("status", states_without(ORDER_GIG_EDITABLE_STATES))
def test_gig_create__refused_on_other_states(coordinator, status):
    order = order_in(status)
    with pytest.raises(DomainError):
        services.gig_create(
            order_id=order.pk, by=coordinator, date=timezone.localdate(), start_time=dt.time(10), planned_hours=2
        )
    assert not order.gigs.exists()


@pytest.mark.parametrize("hours", ["0", "-1", "13", "abc"])
def test_gig_create__bad_hours_are_refused_with_a_message(coordinator, hours):
    order = order_in(OrderStatus.STAFFING)
    with pytest.raises(DomainError):
        services.gig_create(
            order_id=order.pk, by=coordinator, date=timezone.localdate(), start_time=dt.time(10), planned_hours=hours
        )


def test_gig_create__past_date_and_wrong_role_are_refused(coordinator):
    order = order_in(OrderStatus.STAFFING)
    with pytest.raises(DomainError, match="past"):
        services.gig_create(
            order_id=order.pk,
            by=coordinator,
            date=timezone.localdate() - dt.timedelta(days=1),
            start_time=dt.time(10),
            planned_hours=2,
        )
    with pytest.raises(ActionNotPermitted):
        services.gig_create(
            order_id=order.pk, by=UnitStaffFactory(), date=timezone.localdate(), start_time=dt.time(10), planned_hours=2
        )


def test_gig_create__staff_of_an_informed_unit_may_enter_dates(coordinator):
    order = order_in(OrderStatus.STAFFING)
    staff = UnitStaffFactory()
    OrderUnitNotice.objects.create(order=order, unit=staff.unit_memberships.get().unit, informed_by=coordinator)
    gig = services.gig_create(
        order_id=order.pk, by=staff, date=timezone.localdate(), start_time=dt.time(9), planned_hours=3
    )
    assert gig.order_id == order.pk


# --- assignment_report_done ---------------------------------------------------------------------
def test_assignment_report_done__by_worker_with_hours_moves_order_to_done():
    assignment = started_gig_assignment()
    services.assignment_report_done(assignment_id=assignment.pk, by=assignment.worker.user, hours="2,75")
    assignment.refresh_from_db()
    order = assignment.gig.order
    order.refresh_from_db()
    assert assignment.status == AssignmentStatus.DONE
    assert assignment.reported_hours == Decimal("2.75")
    assert order.status == OrderStatus.DONE


def test_assignment_report_done__by_staff_for_the_worker():
    assignment = started_gig_assignment()
    staff = UnitStaffFactory(unit=assignment.worker.home_unit)
    services.assignment_report_done(assignment_id=assignment.pk, by=staff, hours=3)
    change = assignment.status_changes.get()
    assert change.on_behalf is True and change.by == staff


def test_assignment_report_done__order_waits_for_every_worker():
    gig = GigFactory(order=order_in(OrderStatus.SCHEDULED), date=timezone.localdate(), workers_needed=2)
    first = assignment_in(AssignmentStatus.ACCEPTED, gig=gig)
    second = assignment_in(AssignmentStatus.ACCEPTED, gig=gig)
    services.assignment_report_done(assignment_id=first.pk, by=first.worker.user, hours=3)
    gig.order.refresh_from_db()
    assert gig.order.status == OrderStatus.SCHEDULED
    services.assignment_report_done(assignment_id=second.pk, by=second.worker.user, hours=3)
    gig.order.refresh_from_db()
    assert gig.order.status == OrderStatus.DONE


def test_assignment_report_done__not_before_the_gig_day():
    assignment = assignment_in(AssignmentStatus.ACCEPTED, order_status=OrderStatus.SCHEDULED)
    with pytest.raises(DomainError, match="on that day or later"):
        services.assignment_report_done(assignment_id=assignment.pk, by=assignment.worker.user, hours=3)


@pytest.mark.parametrize("hours", ["0", "25", "", "kolme"])
def test_assignment_report_done__bad_hours_get_a_message(hours):
    assignment = started_gig_assignment()
    with pytest.raises(DomainError):
        services.assignment_report_done(assignment_id=assignment.pk, by=assignment.worker.user, hours=hours)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACCEPTED and assignment.reported_hours is None


def test_assignment_report_done__repeat_with_same_hours_is_a_no_op():
    assignment = started_gig_assignment()
    services.assignment_report_done(assignment_id=assignment.pk, by=assignment.worker.user, hours=3)
    services.assignment_report_done(assignment_id=assignment.pk, by=assignment.worker.user, hours="3.00")
    assert assignment.status_changes.count() == 1


@pytest.mark.parametrize("status", assignment_states_without({AssignmentStatus.ACCEPTED, AssignmentStatus.DONE}))
def test_assignment_report_done__refused_from_other_states(status):
    assignment = started_gig_assignment(status, order_status=OrderStatus.STAFFING)
    with pytest.raises(TransitionNotAllowed):
        services.assignment_report_done(assignment_id=assignment.pk, by=assignment.worker.user, hours=2)


def test_assignment_report_done__other_worker_cannot():
    assignment = started_gig_assignment()
    with pytest.raises(ActionNotPermitted):
        services.assignment_report_done(assignment_id=assignment.pk, by=WorkerFactory().user, hours=3)


def test_assignment_report_done__different_hours_after_reporting_are_explained():
    assignment = started_gig_assignment()
    services.assignment_report_done(assignment_id=assignment.pk, by=assignment.worker.user, hours=3)
    with pytest.raises(DomainError, match="already reported"):
        services.assignment_report_done(assignment_id=assignment.pk, by=assignment.worker.user, hours=4)
    assignment.refresh_from_db()
    assert assignment.reported_hours == Decimal("3.00")


# --- assignment_approve -------------------------------------------------------------------------
def test_assignment_approve__as_reported_moves_order_to_approved(coordinator):
    assignment = started_gig_assignment(AssignmentStatus.DONE, order_status=OrderStatus.DONE)
    services.assignment_approve(assignment_id=assignment.pk, by=coordinator)
    assignment.refresh_from_db()
    order = assignment.gig.order
    order.refresh_from_db()
    assert assignment.status == AssignmentStatus.APPROVED
    assert assignment.approved_hours == Decimal("3.00") and assignment.approved_by == coordinator
    assert order.status == OrderStatus.APPROVED


def test_assignment_approve__corrected_hours_need_a_reason(coordinator):
    assignment = started_gig_assignment(AssignmentStatus.DONE, order_status=OrderStatus.DONE)
    with pytest.raises(DomainError, match="reason"):
        services.assignment_approve(assignment_id=assignment.pk, by=coordinator, hours="2.5")
    services.assignment_approve(
        assignment_id=assignment.pk, by=coordinator, hours="2.5", reason="Tauko ei ole työaikaa."
    )
    assignment.refresh_from_db()
    assert assignment.approved_hours == Decimal("2.50")
    assert assignment.reported_hours == Decimal("3.00")
    assert assignment.hours_correction_reason == "Tauko ei ole työaikaa."
    change = assignment.status_changes.get()
    assert (change.kind, change.params) == (AssignmentEvent.HOURS_CORRECTED, {"reported": "3.00", "approved": "2.50"})
    assert change.note == "Tauko ei ole työaikaa."


def test_assignment_approve__twice_approves_once(coordinator):
    assignment = started_gig_assignment(AssignmentStatus.DONE, order_status=OrderStatus.DONE)
    services.assignment_approve(assignment_id=assignment.pk, by=coordinator)
    services.assignment_approve(assignment_id=assignment.pk, by=CoordinatorFactory(), hours="1", reason="x")
    assignment.refresh_from_db()
    assert assignment.approved_hours == Decimal("3.00") and assignment.approved_by == coordinator
    assert assignment.status_changes.count() == 1


@pytest.mark.parametrize("status", assignment_states_without({AssignmentStatus.DONE, AssignmentStatus.APPROVED}))
def test_assignment_approve__refused_from_other_states(coordinator, status):
    assignment = started_gig_assignment(status, order_status=OrderStatus.SCHEDULED)
    with pytest.raises(TransitionNotAllowed):
        services.assignment_approve(assignment_id=assignment.pk, by=coordinator)


def test_assignment_approve__only_coordinator():
    assignment = started_gig_assignment(AssignmentStatus.DONE, order_status=OrderStatus.DONE)
    for user in (assignment.worker.user, UnitStaffFactory(unit=assignment.unit)):
        with pytest.raises(ActionNotPermitted):
            services.assignment_approve(assignment_id=assignment.pk, by=user)


@pytest.mark.parametrize("order_status", [OrderStatus.CANCELLED, OrderStatus.APPROVED, OrderStatus.INVOICED])
def test_assignment_approve__refused_on_closed_orders(coordinator, order_status):
    assignment = started_gig_assignment(AssignmentStatus.DONE, order_status=order_status)
    with pytest.raises(DomainError, match="cannot be approved"):
        services.assignment_approve(assignment_id=assignment.pk, by=coordinator)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.DONE
