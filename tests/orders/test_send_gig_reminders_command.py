"""`manage.py send_gig_reminders`: the reminder job once, for development (eager Celery, no beat)
and as a cron fallback. A due reminder is sent once; running the command again sends nothing."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from freezegun import freeze_time

from jobcenter.models import OutboundEmail
from orders.models import AssignmentStatus, GigReminder, OrderStatus, ReminderKind
from tests.factories import GigFactory, UserFactory, WorkerFactory
from tests.factories.states import assignment_in, order_in

pytestmark = pytest.mark.django_db

HEL = ZoneInfo("Europe/Helsinki")
GIG_DAY = dt.date(2031, 3, 4)
AFTERNOON_BEFORE = dt.datetime(2031, 3, 3, 16, 30, tzinfo=HEL)  # the day-before reminder is due


def _command(django_capture_on_commit_callbacks) -> str:
    out = StringIO()
    with freeze_time(AFTERNOON_BEFORE), django_capture_on_commit_callbacks(execute=True):
        call_command("send_gig_reminders", stdout=out)
    return out.getvalue()


def test_send_gig_reminders__sends_a_due_reminder_once(django_capture_on_commit_callbacks):
    gig = GigFactory(order=order_in(OrderStatus.STAFFING), date=GIG_DAY, start_time=dt.time(10, 0))
    worker = WorkerFactory(user=UserFactory(language="fi", first_name="Aino"))
    assignment = assignment_in(AssignmentStatus.ACCEPTED, gig=gig, worker=worker, unit=worker.home_unit)

    first = _command(django_capture_on_commit_callbacks)

    assert "Reminder sends queued: 1." in first
    (row,) = GigReminder.objects.all()
    assert (row.assignment, row.reminder) == (assignment, ReminderKind.DAY_BEFORE)
    assert list(OutboundEmail.objects.values_list("code", "to")) == [("gig_reminder_worker", worker.user.email)]

    second = _command(django_capture_on_commit_callbacks)

    assert "Reminder sends queued: 0." in second
    assert GigReminder.objects.count() == 1
    assert OutboundEmail.objects.count() == 1


def test_send_gig_reminders__nothing_due_sends_nothing(django_capture_on_commit_callbacks):
    GigFactory(order=order_in(OrderStatus.STAFFING), date=GIG_DAY + dt.timedelta(days=7))

    assert "Reminder sends queued: 0." in _command(django_capture_on_commit_callbacks)
    assert not OutboundEmail.objects.exists()
