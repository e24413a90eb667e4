"""A worker's choice of channel holds for every message about her gigs, not only for a message to
everyone on a gig: the offer, the reminder, a change, a cancellation and being taken off a gig go by
text message to a worker who chose text messages (in her language, on one line), by both to one
who chose both, and by email as before to everyone else."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time

from jobcenter.models import OutboundEmail, OutboundSms
from orders import services
from orders.models import AssignmentStatus, OrderStatus
from orders.services.reminders import gig_reminder_send
from tests.factories import CoordinatorFactory, GigFactory, UserFactory, WorkerFactory
from tests.factories.states import assignment_in, order_in
from workers.contact import sms_text_for
from workers.models import NotifyBy

pytestmark = pytest.mark.django_db

HEL = ZoneInfo("Europe/Helsinki")


def _worker(notify_by, *, language="fi", phone="040 111 2222"):
    return WorkerFactory(user=UserFactory(language=language, phone=phone, first_name="Aino"), notify_by=notify_by)


def _on_gig(worker, status=AssignmentStatus.ACCEPTED, *, days_ahead=5, order_status=OrderStatus.SCHEDULED):
    gig = GigFactory(
        order=order_in(order_status), date=dt.date.today() + dt.timedelta(days=days_ahead), start_time=dt.time(10)
    )
    return assignment_in(status, gig=gig, worker=worker, unit=worker.home_unit)


def _texts(worker) -> list[tuple[str, str]]:
    return list(OutboundSms.objects.filter(to__endswith="401112222").values_list("code", "text"))


def _emails(worker) -> list[str]:
    return list(OutboundEmail.objects.filter(to=worker.user.email).values_list("code", flat=True))


def test_offer__a_worker_who_chose_text_messages_gets_one_and_no_email():
    worker = _worker(NotifyBy.SMS)
    assignment = _on_gig(worker, AssignmentStatus.PROPOSED, order_status=OrderStatus.STAFFING)

    services.assignment_offer(assignment_id=assignment.pk, by=CoordinatorFactory())

    [(code, text)] = _texts(worker)
    assert code == "gig_offered"
    assert text.startswith("Sinulle tarjotaan uutta keikkaa. Milloin: ") and "\n" not in text
    assert _emails(worker) == []


def test_offer__the_default_is_email_only():
    worker = _worker(NotifyBy.EMAIL)
    assignment = _on_gig(worker, AssignmentStatus.PROPOSED, order_status=OrderStatus.STAFFING)

    services.assignment_offer(assignment_id=assignment.pk, by=CoordinatorFactory())

    assert _emails(worker) == ["gig_offered"] and _texts(worker) == []


def test_cancelled_gig__both_channels_in_her_language():
    worker = _worker(NotifyBy.BOTH, language="sv")
    assignment = _on_gig(worker)

    services.gig_cancel(gig_id=assignment.gig_id, by=CoordinatorFactory(), reason="Asiakas perui.")

    assert _emails(worker) == ["gig_cancelled_worker"]
    [(code, text)] = _texts(worker)
    assert code == "gig_cancelled_worker" and "inställt" in text


def test_taken_off_a_gig__by_text_message():
    worker = _worker(NotifyBy.SMS)
    assignment = _on_gig(worker)

    services.assignment_withdraw(assignment_id=assignment.pk, by=CoordinatorFactory(), reason="Sairaus.")

    [(code, text)] = _texts(worker)
    assert code == "gig_withdrawn_worker" and "Sairaus" not in text  # never the reason: it may be her health


def test_reminder__by_text_message_with_the_answer_link():
    worker = _worker(NotifyBy.SMS)
    assignment = _on_gig(worker, days_ahead=400)
    gig = assignment.gig
    day_before = gig.date - dt.timedelta(days=1)

    with freeze_time(dt.datetime(day_before.year, day_before.month, day_before.day, 16, 5, tzinfo=HEL)):
        gig_reminder_send(assignment_id=assignment.pk, reminder="day_before")

    [(code, text)] = _texts(worker)
    assert code == "gig_reminder_worker"
    assert text.startswith("Sinulla on keikka huomenna.") and "/me/answer/" in text
    assert _emails(worker) == []


def test_sms_text__an_email_without_a_text_message_goes_as_email():
    assert sms_text_for("order_received", {}, language="fi") == ""


@pytest.mark.parametrize("notify_by", [NotifyBy.SMS, NotifyBy.BOTH])
def test_no_usable_phone__she_is_emailed_instead(notify_by):
    worker = _worker(notify_by, phone="")
    assignment = _on_gig(worker, AssignmentStatus.PROPOSED, order_status=OrderStatus.STAFFING)

    services.assignment_offer(assignment_id=assignment.pk, by=CoordinatorFactory())

    assert _emails(worker) == ["gig_offered"] and not OutboundSms.objects.exists()
