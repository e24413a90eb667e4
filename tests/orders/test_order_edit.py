"""Changing an order after it was sent: the task type and description, the place, a gig's date, time,
hours and places. Each changed field is a line in the history (field, old, new); the workers on the
gigs and the client are told once after commit; nothing changes after the work is done."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.models import OutboundEmail
from orders import services
from orders.models import AssignmentStatus, OrderEvent, OrderStatus
from tests.factories import GigFactory, TaskTypeFactory, UnitStaffFactory, UserFactory, WorkerFactory
from tests.factories.states import assignment_in, order_in
from tests.support.order_services import states_without

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("messages_in_english")]


def _change_rows(order):
    return [
        (row.params["field"], row.params["old"], row.params["new"])
        for row in order.status_changes.filter(kind__in=[OrderEvent.ORDER_CHANGED, OrderEvent.GIG_CHANGED]).order_by(
            "pk"
        )
    ]


def _place(order, **changes):
    data = {"street_address": order.street_address, "postal_code": order.postal_code, "city": order.city}
    data.update(changes)
    return data


# --- The task -------------------------------------------------------------------------------------
def test_order_change_task__corrects_a_wrong_task_type_in_the_history_in_every_language(coordinator):
    wrong = TaskTypeFactory(code="cleaning", name_fi="Siivous", name_sv="Städning", name_en="Cleaning")
    right = TaskTypeFactory(code="windows", name_fi="Ikkunanpesu", name_sv="Fönstertvätt", name_en="Window washing")
    order = order_in(OrderStatus.SCHEDULED, task_type=wrong)

    services.order_change_task(order_id=order.pk, by=coordinator, task_type_id=right.pk, description=order.description)

    order.refresh_from_db()
    assert order.task_type == right
    row = order.status_changes.get(kind=OrderEvent.ORDER_CHANGED)
    assert row.params["field"] == "task_type" and row.by == coordinator
    assert row.describe() == "Task type changed: Cleaning → Window washing."
    with translation.override("sv"):
        assert "Städning → Fönstertvätt" in row.describe()


def test_order_change_task__same_values_change_nothing(coordinator, django_capture_on_commit_callbacks):
    order = order_in(OrderStatus.STAFFING)
    with django_capture_on_commit_callbacks(execute=True):
        services.order_change_task(
            order_id=order.pk, by=coordinator, task_type_id=order.task_type_id, description=order.description
        )
    assert not _change_rows(order) and not OutboundEmail.objects.exists()


@pytest.mark.parametrize("status", states_without(services.ORDER_CHANGEABLE_STATES))
def test_order_change__refused_once_the_work_is_done(coordinator, status):
    order = order_in(status)
    with pytest.raises(DomainError):
        services.order_change_place(order_id=order.pk, by=coordinator, **_place(order, street_address="Uusi 1"))
    order.refresh_from_db()
    assert order.street_address != "Uusi 1" and not _change_rows(order)


def test_order_change__only_the_coordinator(coordinator):
    order = order_in(OrderStatus.STAFFING)
    with pytest.raises(ActionNotPermitted):
        services.order_change_place(order_id=order.pk, by=UnitStaffFactory(), **_place(order, city="Espoo"))


# --- The place ------------------------------------------------------------------------------------
def test_order_change_place__writes_each_field_and_tells_the_workers_and_the_client_once(
    coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    order = order_in(OrderStatus.SCHEDULED, street_address="Vanha katu 1", city="Helsinki")
    gig = GigFactory(order=order)
    accepted = assignment_in(AssignmentStatus.ACCEPTED, gig=gig, worker=WorkerFactory(user=UserFactory(language="en")))
    proposed = assignment_in(AssignmentStatus.PROPOSED, gig=gig)
    old_description = order.description

    with django_capture_on_commit_callbacks(execute=True):
        services.order_change(
            order_id=order.pk,
            by=coordinator,
            task_type_id=order.task_type_id,
            description="Ikkunat ja ovet.",
            street_address="Uusi katu 5",
            postal_code=order.postal_code,
            city="Espoo",
        )

    assert _change_rows(order) == [
        ("description", old_description, "Ikkunat ja ovet."),
        ("street_address", "Vanha katu 1", "Uusi katu 5"),
        ("city", "Helsinki", "Espoo"),
    ]
    sent = {(e.code, e.to, e.language) for e in OutboundEmail.objects.all()}
    assert sent == {
        ("gig_changed_worker", accepted.worker.user.email, "en"),
        ("order_changed_client", order.contact.email, order.language),
    }
    assert len(mailoutbox) == 2
    worker_email = OutboundEmail.objects.get(code="gig_changed_worker")
    assert "Street address: Vanha katu 1 → Uusi katu 5" in worker_email.body_text
    assert "City: Helsinki → Espoo" in worker_email.body_text
    assert not OutboundEmail.objects.filter(to=proposed.worker.user.email).exists()


# --- A gig ----------------------------------------------------------------------------------------
def test_gig_change__date_and_time_in_the_history_and_told_to_the_gigs_workers(
    coordinator, django_capture_on_commit_callbacks
):
    order = order_in(OrderStatus.SCHEDULED)
    day = timezone.localdate() + dt.timedelta(days=5)
    gig = GigFactory(order=order, date=day, start_time=dt.time(9), workers_needed=1)
    other_gig = GigFactory(order=order, workers_needed=1)
    on_gig = assignment_in(AssignmentStatus.ACCEPTED, gig=gig)
    on_other = assignment_in(AssignmentStatus.ACCEPTED, gig=other_gig)
    new_day = day + dt.timedelta(days=1)

    with django_capture_on_commit_callbacks(execute=True):
        services.gig_change(
            gig_id=gig.pk, by=coordinator, date=new_day, start_time=dt.time(12), planned_hours="3", workers_needed=1
        )

    gig.refresh_from_db()
    assert (gig.date, gig.start_time) == (new_day, dt.time(12))
    assert _change_rows(order) == [
        ("date", day.isoformat(), new_day.isoformat()),
        ("start_time", "09:00", "12:00"),
    ]
    row = order.status_changes.filter(kind=OrderEvent.GIG_CHANGED).order_by("pk").last()
    assert row.describe() == f"The gig on {day:%-d.%-m.%Y}: Start time changed: 09:00 → 12:00."
    to = set(OutboundEmail.objects.values_list("to", flat=True))
    assert on_gig.worker.user.email in to and on_other.worker.user.email not in to
    assert order.contact.email in to
    email = OutboundEmail.objects.get(to=on_gig.worker.user.email)
    assert email.code == "gig_changed_worker" and "klo 9.00 → klo 12.00" in email.body_text


def test_gig_change__refused_once_work_on_it_is_reported(coordinator):
    done = assignment_in(AssignmentStatus.DONE, order_status=OrderStatus.SCHEDULED)
    with pytest.raises(DomainError, match="already reported"):
        services.gig_change(
            gig_id=done.gig_id,
            by=coordinator,
            date=done.gig.date,
            start_time=dt.time(15),
            planned_hours=done.gig.planned_hours,
        )


def test_gig_change__refused_on_a_cancelled_gig_and_after_done(coordinator):
    gig = GigFactory(order=order_in(OrderStatus.STAFFING))
    services.gig_cancel(gig_id=gig.pk, by=coordinator, reason="Sade")
    with pytest.raises(DomainError, match="cancelled"):
        services.gig_change(gig_id=gig.pk, by=coordinator, date=gig.date, start_time=dt.time(11), planned_hours=3)
    done_gig = GigFactory(order=order_in(OrderStatus.DONE))
    with pytest.raises(DomainError):
        services.gig_change(
            gig_id=done_gig.pk, by=coordinator, date=done_gig.date, start_time=dt.time(11), planned_hours=3
        )


def test_gig_change__fewer_places_complete_the_staffing(coordinator):
    order = order_in(OrderStatus.STAFFING)
    gig = GigFactory(order=order, workers_needed=2)
    assignment_in(AssignmentStatus.ACCEPTED, gig=gig)
    with pytest.raises(DomainError, match="at least as many"):
        services.gig_change(
            gig_id=gig.pk, by=coordinator, date=gig.date, start_time=gig.start_time, planned_hours="3", workers_needed=0
        )

    services.gig_change(
        gig_id=gig.pk, by=coordinator, date=gig.date, start_time=gig.start_time, planned_hours="3", workers_needed=1
    )

    order.refresh_from_db()
    assert order.status == OrderStatus.SCHEDULED
    assert _change_rows(order) == [("workers_needed", "2", "1")]
    gig.refresh_from_db()
    assert gig.planned_hours == Decimal("3.00")
