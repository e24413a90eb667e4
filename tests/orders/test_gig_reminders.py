"""Reminders before a gig: when each is due, sent once per person and gig however often (or late) the
periodic job runs, in each recipient's language, never for a cancelled gig or a worker taken off it;
and "Tulen" (assignment_confirm_coming) recorded once, only on a gig she took, before it starts."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time

from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.models import OutboundEmail
from orders import services
from orders.models import AssignmentEvent, AssignmentStatus, GigReminder, OrderStatus, ReminderKind
from orders.selectors.reminders import due_reminders, reminder_window
from orders.services.attendance_confirm import assignment_confirm_coming
from orders.services.reminders import gig_reminder_send
from orders.tasks import send_gig_reminders_task
from tests.factories import CoordinatorFactory, GigFactory, UnitStaffFactory, UserFactory, WorkerFactory
from tests.factories.states import assignment_in, order_in

pytestmark = pytest.mark.django_db

HEL = ZoneInfo("Europe/Helsinki")
GIG_DAY = dt.date(2031, 3, 4)  # a Tuesday


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=HEL)


DAY_BEFORE = GIG_DAY - dt.timedelta(days=1)


def _gig(start=dt.time(10, 0), **kwargs):
    return GigFactory(
        order=order_in(OrderStatus.STAFFING), date=GIG_DAY, start_time=start, notes="Ota kumisaappaat.", **kwargs
    )


def _on_gig(gig=None, *, language="fi", staff_language=None):
    """Worker A took the gig; a staff member comes along when `staff_language` is given."""
    gig = gig or _gig()
    worker = WorkerFactory(user=UserFactory(language=language, first_name="Aino"))
    assignment = assignment_in(AssignmentStatus.ACCEPTED, gig=gig, worker=worker, unit=worker.home_unit)
    if staff_language:
        assignment.support_person = UserFactory(language=staff_language, first_name="Maija", phone="040 123 4567")
        assignment.save(update_fields=["support_person"])
    return assignment


def _run(when: dt.datetime, django_capture_on_commit_callbacks) -> int:
    with freeze_time(when), django_capture_on_commit_callbacks(execute=True):
        return send_gig_reminders_task.delay().get()


def _sent() -> list[tuple[str, str]]:
    return sorted(OutboundEmail.objects.values_list("code", "to"))


# --- When ---------------------------------------------------------------------------------------
def test_reminder_window__the_day_before_from_16_and_the_morning_from_7_until_the_start():
    gig = GigFactory.build(date=GIG_DAY, start_time=dt.time(10, 0))

    assert reminder_window(gig, ReminderKind.DAY_BEFORE) == (at(DAY_BEFORE, 16), at(GIG_DAY, 7))
    assert reminder_window(gig, ReminderKind.MORNING) == (at(GIG_DAY, 7), at(GIG_DAY, 10))


def test_reminder_window__an_early_gig_gets_its_morning_reminder_two_hours_before(settings):
    gig = GigFactory.build(date=GIG_DAY, start_time=dt.time(8, 0))

    assert reminder_window(gig, ReminderKind.MORNING) == (at(GIG_DAY, 6), at(GIG_DAY, 8))
    assert reminder_window(gig, ReminderKind.DAY_BEFORE) == (at(DAY_BEFORE, 16), at(GIG_DAY, 6))
    settings.JOBCENTER_REMINDER_MORNING_AT = "05:30"  # the times are settings, read when asked
    assert reminder_window(gig, ReminderKind.MORNING)[0] == at(GIG_DAY, 5, 30)


def test_due_reminders__none_before_16_the_day_before_then_the_day_before_one():
    assignment = _on_gig()

    assert due_reminders(now=at(DAY_BEFORE, 15, 59)) == []
    assert due_reminders(now=at(DAY_BEFORE, 16)) == [(assignment.pk, ReminderKind.DAY_BEFORE)]
    assert due_reminders(now=at(GIG_DAY, 7, 5)) == [(assignment.pk, ReminderKind.MORNING)]
    assert due_reminders(now=at(GIG_DAY, 10)) == []  # the gig has started


# --- Once per person and gig ----------------------------------------------------------------------
def test_send_gig_reminders__running_twice_sends_each_person_one_email(django_capture_on_commit_callbacks, mailoutbox):
    assignment = _on_gig(staff_language="fi")

    assert _run(at(DAY_BEFORE, 16, 5), django_capture_on_commit_callbacks) == 1
    assert _run(at(DAY_BEFORE, 16, 15), django_capture_on_commit_callbacks) == 0

    assert _sent() == sorted(
        [
            ("gig_reminder_worker", assignment.worker.user.email),
            ("gig_reminder_staff", assignment.support_person.email),
        ]
    )
    assert len(mailoutbox) == 2
    assert GigReminder.objects.filter(reminder=ReminderKind.DAY_BEFORE).count() == 2


def test_gig_reminder_send__a_second_send_of_the_same_reminder_claims_nothing(django_capture_on_commit_callbacks):
    assignment = _on_gig()
    now = at(GIG_DAY, 7, 1)

    with django_capture_on_commit_callbacks(execute=True):
        first = gig_reminder_send(assignment_id=assignment.pk, reminder=ReminderKind.MORNING, now=now)
        again = gig_reminder_send(assignment_id=assignment.pk, reminder=ReminderKind.MORNING, now=now)

    assert [row.recipient_kind for row in first] == ["worker"] and again == []
    assert OutboundEmail.objects.count() == 1


def test_send_gig_reminders__a_moved_gig_is_reminded_again_for_its_new_time(django_capture_on_commit_callbacks):
    assignment = _on_gig()
    _run(at(DAY_BEFORE, 16, 5), django_capture_on_commit_callbacks)
    next_day = GIG_DAY + dt.timedelta(days=1)

    with freeze_time(at(DAY_BEFORE, 17)), django_capture_on_commit_callbacks(execute=True):
        services.gig_change(
            gig_id=assignment.gig_id, by=CoordinatorFactory(), date=next_day, start_time=dt.time(12), planned_hours=3
        )
    _run(at(DAY_BEFORE, 20), django_capture_on_commit_callbacks)  # the new day-before window is not open yet
    assert not GigReminder.objects.filter(assignment=assignment).exists()
    _run(at(GIG_DAY, 16, 5), django_capture_on_commit_callbacks)

    reminders = OutboundEmail.objects.filter(code="gig_reminder_worker").order_by("pk")
    assert reminders.count() == 2
    assert "tiistaina 4.3. klo 10–13" in reminders.first().body_text
    assert "keskiviikkona 5.3. klo 12–15" in reminders.last().body_text
    assert GigReminder.objects.get(assignment=assignment).reminder == ReminderKind.DAY_BEFORE


def test_send_gig_reminders__the_day_before_and_the_morning_are_one_each(django_capture_on_commit_callbacks):
    assignment = _on_gig()

    for when in (at(DAY_BEFORE, 16), at(DAY_BEFORE, 20), at(GIG_DAY, 7), at(GIG_DAY, 8)):
        _run(when, django_capture_on_commit_callbacks)

    rows = GigReminder.objects.filter(assignment=assignment)
    assert sorted(rows.values_list("reminder", flat=True)) == ["day_before", "morning"]
    emails = OutboundEmail.objects.filter(code="gig_reminder_worker").order_by("pk")
    assert [e.subject for e in emails] == ["Muistutus: keikkasi on huomenna", "Muistutus: keikkasi on tänään"]


def test_send_gig_reminders__a_late_run_sends_the_morning_reminder_only(django_capture_on_commit_callbacks):
    _on_gig()

    _run(at(GIG_DAY, 7, 40), django_capture_on_commit_callbacks)  # beat was down all evening and night

    assert list(GigReminder.objects.values_list("reminder", flat=True)) == ["morning"]
    assert OutboundEmail.objects.get().subject == "Muistutus: keikkasi on tänään"


def test_send_gig_reminders__nothing_once_the_gig_has_started(django_capture_on_commit_callbacks):
    _on_gig()

    assert _run(at(GIG_DAY, 10, 1), django_capture_on_commit_callbacks) == 0
    assert not OutboundEmail.objects.exists()


def test_gig_reminder_send__a_queued_send_that_runs_after_the_window_sends_nothing(django_capture_on_commit_callbacks):
    assignment = _on_gig()

    with django_capture_on_commit_callbacks(execute=True):
        rows = gig_reminder_send(assignment_id=assignment.pk, reminder=ReminderKind.DAY_BEFORE, now=at(GIG_DAY, 7))

    assert rows == [] and not OutboundEmail.objects.exists()


def test_send_gig_reminders__a_gig_taken_after_16_still_gets_the_day_before_reminder(
    django_capture_on_commit_callbacks,
):
    gig = _gig()
    _run(at(DAY_BEFORE, 16), django_capture_on_commit_callbacks)  # nobody on it yet
    _on_gig(gig)

    _run(at(DAY_BEFORE, 21), django_capture_on_commit_callbacks)

    assert list(GigReminder.objects.values_list("reminder", flat=True)) == ["day_before"]


# --- Who, and in which language ------------------------------------------------------------------
def test_reminders__each_in_the_recipients_language_with_place_time_notes_phone_and_link(
    django_capture_on_commit_callbacks,
):
    assignment = _on_gig(language="sv", staff_language="en")

    _run(at(DAY_BEFORE, 16), django_capture_on_commit_callbacks)

    worker_email = OutboundEmail.objects.get(code="gig_reminder_worker")
    staff_email = OutboundEmail.objects.get(code="gig_reminder_staff")
    assert (worker_email.language, staff_email.language) == ("sv", "en")
    assert worker_email.subject == "Påminnelse: ditt jobb är i morgon"
    body = worker_email.body_text
    assert "Mannerheimintie 1" in body and "Ota kumisaappaat." in body
    assert "Din handledare är Maija, tfn 040 123 4567." in body
    assert "/sv/me/answer/" in body and "Jag kommer" in body
    assert staff_email.subject.startswith("Reminder: you go along to a gig tomorrow")
    assert assignment.worker.display_name in staff_email.body_text


def test_reminders__no_staff_member_along_the_worker_is_told_her_units_phone(django_capture_on_commit_callbacks):
    assignment = _on_gig()

    _run(at(DAY_BEFORE, 16), django_capture_on_commit_callbacks)

    assert f"Yksikkösi puhelinnumero on {assignment.unit.phone}." in OutboundEmail.objects.get().body_text


def test_reminders__a_staff_member_with_two_workers_of_the_gig_gets_one_email(django_capture_on_commit_callbacks):
    gig = _gig()
    first = _on_gig(gig, staff_language="fi")
    second = _on_gig(gig)
    second.support_person = first.support_person
    second.save(update_fields=["support_person"])

    _run(at(DAY_BEFORE, 16), django_capture_on_commit_callbacks)
    _run(at(DAY_BEFORE, 17), django_capture_on_commit_callbacks)

    staff = OutboundEmail.objects.get(code="gig_reminder_staff")
    assert first.worker.display_name in staff.body_text and second.worker.display_name in staff.body_text
    assert OutboundEmail.objects.filter(code="gig_reminder_worker").count() == 2
    assert GigReminder.objects.filter(recipient_kind="staff").count() == 2


def test_reminders__none_for_a_cancelled_gig_or_a_worker_taken_off_it(django_capture_on_commit_callbacks):
    cancelled = _on_gig()
    with freeze_time(at(DAY_BEFORE, 12)), django_capture_on_commit_callbacks(execute=True):
        services.gig_cancel(gig_id=cancelled.gig_id, by=CoordinatorFactory(), reason="Asiakas perui.")
    withdrawn = _on_gig(_gig())
    with freeze_time(at(DAY_BEFORE, 12)), django_capture_on_commit_callbacks(execute=True):
        services.assignment_withdraw(assignment_id=withdrawn.pk, by=CoordinatorFactory(), reason="Sairas.")
    OutboundEmail.objects.all().delete()  # the cancellation emails

    assert _run(at(DAY_BEFORE, 16), django_capture_on_commit_callbacks) == 0
    assert not OutboundEmail.objects.exists() and not GigReminder.objects.exists()


def test_gig_reminder_send__a_gig_cancelled_after_the_send_was_queued_sends_nothing(
    django_capture_on_commit_callbacks,
):
    assignment = _on_gig()
    with freeze_time(at(DAY_BEFORE, 16)):
        due = due_reminders()
        services.gig_cancel(gig_id=assignment.gig_id, by=CoordinatorFactory(), reason="Sade.")
        OutboundEmail.objects.all().delete()
        with django_capture_on_commit_callbacks(execute=True):
            rows = [gig_reminder_send(assignment_id=pk, reminder=kind) for pk, kind in due]

    assert rows == [[]] and not OutboundEmail.objects.exists()


# --- "Tulen" --------------------------------------------------------------------------------------
def test_assignment_confirm_coming__records_the_event_once():
    assignment = _on_gig()
    user = assignment.worker.user

    with freeze_time(at(DAY_BEFORE, 17)):
        assignment_confirm_coming(assignment_id=assignment.pk, by=user)
        assignment_confirm_coming(assignment_id=assignment.pk, by=user)

    rows = assignment.status_changes.filter(kind=AssignmentEvent.CONFIRMED_COMING)
    assert rows.count() == 1
    row = rows.get()
    assert (row.from_status, row.to_status, row.by, row.on_behalf) == ("accepted", "accepted", user, False)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACCEPTED


def test_assignment_confirm_coming__her_units_staff_may_confirm_for_her():
    assignment = _on_gig()
    staff = UnitStaffFactory(unit=assignment.worker.home_unit)

    with freeze_time(at(DAY_BEFORE, 17)):
        assignment_confirm_coming(assignment_id=assignment.pk, by=staff)

    assert assignment.status_changes.get(kind=AssignmentEvent.CONFIRMED_COMING).on_behalf is True


@pytest.mark.parametrize("status", [AssignmentStatus.OFFERED, AssignmentStatus.WITHDRAWN, AssignmentStatus.PROPOSED])
def test_assignment_confirm_coming__refused_unless_she_took_the_gig(status):
    worker = WorkerFactory()
    assignment = assignment_in(status, gig=_gig(), worker=worker, unit=worker.home_unit)

    with freeze_time(at(DAY_BEFORE, 17)), pytest.raises(DomainError):
        assignment_confirm_coming(assignment_id=assignment.pk, by=worker.user)


def test_assignment_confirm_coming__refused_once_the_gig_has_started_and_for_another_worker():
    assignment = _on_gig()

    with freeze_time(at(GIG_DAY, 10)), pytest.raises(DomainError):
        assignment_confirm_coming(assignment_id=assignment.pk, by=assignment.worker.user)
    with freeze_time(at(DAY_BEFORE, 17)), pytest.raises(ActionNotPermitted):
        assignment_confirm_coming(assignment_id=assignment.pk, by=WorkerFactory().user)
    assert not assignment.status_changes.filter(kind=AssignmentEvent.CONFIRMED_COMING).exists()
