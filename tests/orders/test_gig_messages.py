"""A message to everyone on a gig: each worker who took it by her own channel (email, text message
or both), the staff member along and, when asked, the client's contact, each once, in their own
language, after commit; one history line with the text; refused for a cancelled, past or finished
gig, an empty or too long text, nobody on the gig, or a sender with no business on it. And the
worker's choice of channel (`workers.contact`)."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.models import OutboundEmail, OutboundSms
from orders.models import AssignmentStatus, OrderEvent, OrderStatus
from orders.selectors.gig_messages import gig_message_recipients
from orders.services import gig_cancel
from orders.services.gig_messages import MESSAGE_MAX_LENGTH, gig_message_send
from tests.factories import GigFactory, UnitStaffFactory, UserFactory, WorkerFactory
from tests.factories.states import assignment_in, order_in
from workers.contact import tell_worker, worker_channels, worker_set_notify_by
from workers.models import NotifyBy

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("messages_in_english")]

TEXT = "Ovikoodi on vaihtunut: 4321."


def _worker(notify_by=NotifyBy.EMAIL, phone="", language="fi"):
    return WorkerFactory(user=UserFactory(phone=phone, language=language), notify_by=notify_by)


def _gig_with_people(**gig_kwargs):
    gig = GigFactory(order=order_in(OrderStatus.SCHEDULED), workers_needed=4, **gig_kwargs)
    staff = UserFactory(language="sv")
    by_email = assignment_in(AssignmentStatus.ACCEPTED, gig=gig, worker=_worker(), support_person=staff)
    by_sms = assignment_in(
        AssignmentStatus.ACCEPTED, gig=gig, worker=_worker(NotifyBy.SMS, "040 111 2222"), support_person=staff
    )
    by_both = assignment_in(AssignmentStatus.ACCEPTED, gig=gig, worker=_worker(NotifyBy.BOTH, "+358 50 333 4444", "sv"))
    offered = assignment_in(AssignmentStatus.OFFERED, gig=gig)
    return gig, staff, by_email, by_sms, by_both, offered


def test_gig_message_send__reaches_each_by_their_channel_once_after_commit(
    coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    gig, staff, by_email, by_sms, by_both, offered = _gig_with_people()

    with django_capture_on_commit_callbacks(execute=True):
        told = gig_message_send(gig_id=gig.pk, by=coordinator, text=TEXT)

    assert {(r.role, r.email) for r in told} == {
        ("worker", by_email.worker.user.email),
        ("worker", by_sms.worker.user.email),
        ("worker", by_both.worker.user.email),
        ("staff", staff.email),  # along with two workers, told once
    }
    emails = {(e.code, e.to, e.language) for e in OutboundEmail.objects.all()}
    assert emails == {
        ("gig_message", by_email.worker.user.email, "fi"),
        ("gig_message", by_both.worker.user.email, "sv"),
        ("gig_message", staff.email, "sv"),
    }
    texts = {(s.to, s.language, s.status) for s in OutboundSms.objects.all()}
    assert texts == {("+358401112222", "fi", "sent"), ("+358503334444", "sv", "sent")}
    assert len(mailoutbox) == 3
    assert all(TEXT in e.body for e in mailoutbox)
    assert all(TEXT in s.text for s in OutboundSms.objects.all())
    # The worker only offered the gig has not taken it: nothing to her.
    assert not OutboundEmail.objects.filter(to=offered.worker.user.email).exists()


def test_gig_message_send__the_client_only_when_asked(coordinator):
    gig, *_people = _gig_with_people()
    contact = gig.order.contact

    gig_message_send(gig_id=gig.pk, by=coordinator, text=TEXT)
    assert not OutboundEmail.objects.filter(to=contact.email).exists()

    gig_message_send(gig_id=gig.pk, by=coordinator, text="Toinen viesti.", include_client=True)
    assert OutboundEmail.objects.filter(to=contact.email, code="gig_message").count() == 1


def test_gig_message_send__the_text_message_in_her_language_with_the_gigs_time(coordinator):
    gig, _staff, _e, _s, by_both, _o = _gig_with_people(date=timezone.localdate() + dt.timedelta(days=3))
    gig_message_send(gig_id=gig.pk, by=coordinator, text=TEXT)
    swedish = OutboundSms.objects.get(to="+358503334444").text
    assert swedish.startswith("Jobcenter") and swedish.endswith(TEXT)
    with translation.override("sv"):
        assert str(gig.date.day) in swedish


def test_gig_message_send__one_history_line_with_the_text(coordinator):
    gig, *_people = _gig_with_people(date=dt.date(2031, 3, 4), start_time=dt.time(10))

    gig_message_send(gig_id=gig.pk, by=coordinator, text=TEXT)

    row = gig.order.status_changes.get(kind=OrderEvent.GIG_MESSAGE)
    assert row.by == coordinator and row.params["text"] == TEXT and row.params["count"] == "4"
    assert row.describe() == f"Message to everyone on the gig on 4.3.2031 10:00 (4 told): {TEXT}"


def test_gig_message_send__a_double_click_sends_once(coordinator):
    gig, *_people = _gig_with_people()
    gig_message_send(gig_id=gig.pk, by=coordinator, text=TEXT)
    gig_message_send(gig_id=gig.pk, by=coordinator, text=TEXT)
    assert OutboundEmail.objects.count() == 3 and OutboundSms.objects.count() == 2
    assert gig.order.status_changes.filter(kind=OrderEvent.GIG_MESSAGE).count() == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [("   ", "Write the message."), ("x" * (MESSAGE_MAX_LENGTH + 1), f"at most {MESSAGE_MAX_LENGTH} characters")],
)
def test_gig_message_send__refuses_an_empty_or_too_long_text(coordinator, text, message):
    gig, *_people = _gig_with_people()
    with pytest.raises(DomainError, match=message):
        gig_message_send(gig_id=gig.pk, by=coordinator, text=text)
    assert not OutboundEmail.objects.exists()


def test_gig_message_send__refuses_a_cancelled_gig(coordinator):
    gig = GigFactory(order=order_in(OrderStatus.STAFFING))
    gig_cancel(gig_id=gig.pk, by=coordinator, reason="Sade")
    with pytest.raises(DomainError, match="cancelled"):
        gig_message_send(gig_id=gig.pk, by=coordinator, text=TEXT)


def test_gig_message_send__refuses_a_past_gig(coordinator):
    gig, *_people = _gig_with_people()
    type(gig).objects.filter(pk=gig.pk).update(date=timezone.localdate() - dt.timedelta(days=1))
    with pytest.raises(DomainError, match="in the past"):
        gig_message_send(gig_id=gig.pk, by=coordinator, text=TEXT)
    assert not OutboundEmail.objects.exists() and not OutboundSms.objects.exists()


@pytest.mark.parametrize("status", [OrderStatus.DONE, OrderStatus.CANCELLED, OrderStatus.INVOICED])
def test_gig_message_send__refuses_an_order_past_its_work(coordinator, status):
    gig = GigFactory(order=order_in(status))
    with pytest.raises(DomainError, match="No message can be sent"):
        gig_message_send(gig_id=gig.pk, by=coordinator, text=TEXT)


def test_gig_message_send__refuses_when_nobody_took_the_gig(coordinator):
    gig = GigFactory(order=order_in(OrderStatus.STAFFING))
    assignment_in(AssignmentStatus.OFFERED, gig=gig)
    with pytest.raises(DomainError, match="nobody to tell"):
        gig_message_send(gig_id=gig.pk, by=coordinator, text=TEXT)


def test_gig_message_send__staff_of_a_unit_with_a_worker_on_it_may_others_not(coordinator):
    gig, _staff, by_email, *_rest = _gig_with_people()
    for outsider in (UnitStaffFactory(), by_email.worker.user, UserFactory()):
        with pytest.raises(ActionNotPermitted):
            gig_message_send(gig_id=gig.pk, by=outsider, text=TEXT)
    assert not OutboundEmail.objects.exists()
    own_staff = UnitStaffFactory(unit=by_email.unit)
    assert len(gig_message_send(gig_id=gig.pk, by=own_staff, text=TEXT)) == 4


def test_gig_message_recipients__the_preview_is_what_is_sent(coordinator):
    gig, *_people = _gig_with_people()
    preview = gig_message_recipients(gig=gig, include_client=True)
    told = gig_message_send(gig_id=gig.pk, by=coordinator, text=TEXT, include_client=True)
    assert [(r.role, r.email, r.channels) for r in preview] == [(r.role, r.email, r.channels) for r in told]
    labels = {r.email: r.channel_label for r in preview}
    assert set(labels.values()) == {"email", "text message", "email and text message"}


# --- The worker's channel -------------------------------------------------------------------------
def test_tell_worker__text_messages_without_a_usable_number_fall_back_to_email():
    worker = _worker(NotifyBy.SMS, "040 111 2222")
    worker.user.phone = "ei ole"
    assert worker_channels(worker) == ("email",)
    assert tell_worker(worker, code="gig_message", context={"text": "x"}, sms_text="x") == ("email",)
    assert not OutboundSms.objects.exists()


def test_worker_set_notify_by__needs_a_phone_number_for_text_messages_and_the_right_person():
    worker = _worker()
    with pytest.raises(DomainError, match="no phone number"):
        worker_set_notify_by(worker_id=worker.pk, notify_by=NotifyBy.SMS, by=worker.user)
    with pytest.raises(ActionNotPermitted):
        worker_set_notify_by(worker_id=worker.pk, notify_by=NotifyBy.EMAIL, by=WorkerFactory().user)
    with pytest.raises(DomainError):
        worker_set_notify_by(worker_id=worker.pk, notify_by="pigeon", by=worker.user)
    worker.user.phone = "040 111 2222"
    worker.user.save(update_fields=["phone"])
    staff = UnitStaffFactory(unit=worker.home_unit)
    assert worker_set_notify_by(worker_id=worker.pk, notify_by=NotifyBy.BOTH, by=staff).notify_by == NotifyBy.BOTH
    worker.refresh_from_db()
    assert worker.notify_by == NotifyBy.BOTH
