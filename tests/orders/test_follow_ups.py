"""Before and after each gig: a preparation item when a worker accepts her first gig of a task type,
a review item for each worker once a gig has ended (made once however often the job runs), the
staff member's short note, who may see it, the access log, the export and retention."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.privacy import build_worker_export, retention_run
from orders import services
from orders.models import AssignmentStatus, FollowUpKind, GigFollowUp, OrderStatus
from orders.tasks import create_gig_follow_ups_task
from tests.factories import CoordinatorFactory, GigFactory, TaskTypeFactory, UnitStaffFactory, WorkerFactory
from tests.factories.states import assignment_in, order_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("messages_in_english")]


def _ended(**kwargs):
    """An accepted gig that ended an hour ago (3 hours from its start)."""
    start = timezone.localtime() - dt.timedelta(hours=4)
    gig = GigFactory(order=order_in(OrderStatus.SCHEDULED), date=start.date(), start_time=start.time())
    return assignment_in(AssignmentStatus.ACCEPTED, gig=gig, **kwargs)


def test_review__made_once_even_if_the_job_runs_twice():
    assignment = _ended()
    assert create_gig_follow_ups_task() == 1
    assert create_gig_follow_ups_task() == 0
    call_command("create_gig_follow_ups", stdout=open("/dev/null", "w"))  # noqa: SIM115
    item = GigFollowUp.objects.get()
    assert item.assignment == assignment and item.kind == FollowUpKind.REVIEW
    assert item.staff_member_id == (assignment.support_person_id or assignment.proposed_by_id)
    assert item.done_at is None


def test_review__not_before_the_gig_ends_nor_for_a_worker_off_it():
    start = timezone.localtime() - dt.timedelta(hours=1)  # a three-hour gig still going on
    gig = GigFactory(order=order_in(OrderStatus.SCHEDULED), date=start.date(), start_time=start.time())
    assignment_in(AssignmentStatus.ACCEPTED, gig=gig)
    assignment_in(AssignmentStatus.CANT_COME, gig=_ended().gig)
    assert create_gig_follow_ups_task() == 1  # only the worker who was on the ended gig
    later = timezone.now() + dt.timedelta(hours=3)
    assert services.follow_ups_create_reviews(now=later) == 1


def test_prepare__only_for_a_first_gig_of_a_task_type():
    worker = WorkerFactory()
    cleaning, mailing = TaskTypeFactory(code="cleaning"), TaskTypeFactory(code="mailing", name_fi="Postitus")
    staff = UnitStaffFactory(unit=worker.home_unit)

    def offered(task_type):
        gig = GigFactory(order=order_in(OrderStatus.STAFFING, task_type=task_type), workers_needed=1)
        return assignment_in(AssignmentStatus.OFFERED, gig=gig, worker=worker)

    first = offered(cleaning)
    services.assignment_accept(assignment_id=first.pk, by=staff)
    second = offered(cleaning)
    services.assignment_accept(assignment_id=second.pk, by=staff)
    other = offered(mailing)
    services.assignment_accept(assignment_id=other.pk, by=staff)

    prepared = set(GigFollowUp.objects.filter(kind=FollowUpKind.PREPARE).values_list("assignment_id", flat=True))
    assert prepared == {first.pk, other.pk}
    item = GigFollowUp.objects.get(assignment=first)
    assert item.due_at.date() == first.gig.date


def test_note__the_unit_records_it_and_the_item_is_done():
    assignment = _ended()
    create_gig_follow_ups_task()
    item = GigFollowUp.objects.get()
    staff = UnitStaffFactory(unit=assignment.worker.home_unit)

    services.follow_up_record_note(follow_up_id=item.pk, by=staff, note="  Meni hyvin, haluaa lisää.  ")

    item.refresh_from_db()
    assert item.note == "Meni hyvin, haluaa lisää." and item.done_by == staff and item.done_at
    with pytest.raises(DomainError, match="already done"):
        services.follow_up_record_note(follow_up_id=item.pk, by=staff, note="again")


def test_note__a_coordinator_may_other_units_and_clients_may_not():
    assignment = _ended()
    create_gig_follow_ups_task()
    item = GigFollowUp.objects.get()
    for outsider in (UnitStaffFactory(), assignment.worker.user):
        with pytest.raises(ActionNotPermitted):
            services.follow_up_record_note(follow_up_id=item.pk, by=outsider, note="x")
    services.follow_up_record_note(follow_up_id=item.pk, by=CoordinatorFactory(), note="ok")


def test_note__kept_short():
    assignment = _ended()
    create_gig_follow_ups_task()
    staff = UnitStaffFactory(unit=assignment.worker.home_unit)
    with pytest.raises(DomainError, match="short"):
        services.follow_up_record_note(follow_up_id=GigFollowUp.objects.get().pk, by=staff, note="x" * 501)


def test_export__the_notes_are_special_category():
    assignment = _ended()
    create_gig_follow_ups_task()
    staff = UnitStaffFactory(unit=assignment.worker.home_unit)
    services.follow_up_record_note(follow_up_id=GigFollowUp.objects.get().pk, by=staff, note="Jännitti aluksi.")

    export = build_worker_export(worker=assignment.worker, include_special=True)
    section = next(s for s in export["sections"] if s["key"] == "follow_ups")
    assert [row["note"] for row in section["data"]] == ["Jännitti aluksi."]
    weak = build_worker_export(worker=assignment.worker, include_special=False)
    assert next(s for s in weak["sections"] if s["key"] == "follow_ups").get("withheld")


def test_retention__an_item_goes_after_its_days(settings):
    settings.JOBCENTER_RETENTION_FOLLOW_UP_DAYS = 365
    _ended()
    create_gig_follow_ups_task()
    GigFollowUp.objects.update(created_at=timezone.now() - dt.timedelta(days=366))
    retention_run(now=timezone.now())
    assert not GigFollowUp.objects.exists()
