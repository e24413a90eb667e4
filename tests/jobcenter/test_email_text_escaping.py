"""Emails show people's names and titles as they were typed: the text part and the subject carry the
characters literally (no `O&#x27;Brien`, no `&amp;`), the HTML part escapes them (no markup from data).

Every email code is queued by the service that sends it where that is practical, with the same hostile
value in every field the email shows; the invoice emails are queued with the context their service
builds, from an issued invoice whose seller name is the hostile value.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.html import escape

from billing import services as billing_services
from billing.services.emails import _email_context
from jobcenter.mail import queue_email
from jobcenter.models import OutboundEmail
from orders import services
from orders.models import AssignmentStatus, OrderStatus
from tests.factories import CoordinatorFactory, GigFactory, UnitFactory, UserFactory, WorkerFactory
from tests.factories.states import assignment_in, order_in
from tests.support.billing import approved_order
from tests.support.order_services import approved_order_with_workers, make_request

pytestmark = pytest.mark.django_db

HOSTILE = 'O\'Brien & "Sons" <b>Oy</b>'
ESCAPED = escape(HOSTILE)  # O&#x27;Brien &amp; &quot;Sons&quot; &lt;b&gt;Oy&lt;/b&gt;
ENTITIES = ("&amp;", "&#x27;", "&#39;", "&quot;", "&lt;", "&gt;")


@pytest.fixture
def coordinator():
    return CoordinatorFactory()


def _only_email(code: str) -> OutboundEmail:
    emails = list(OutboundEmail.objects.filter(code=code))
    assert len(emails) == 1, f"expected one {code} email, got {len(emails)}"
    return emails[0]


def _assert_literal_text_and_escaped_html(email: OutboundEmail, *, in_subject: bool) -> None:
    for part, text in (("subject", email.subject), ("text body", email.body_text)):
        entities = [entity for entity in ENTITIES if entity in text]
        assert not entities, f"{email.code} {part} shows HTML entities {entities}: {text!r}"
    assert HOSTILE in email.body_text, email.body_text
    if in_subject:
        assert HOSTILE in email.subject, email.subject
    assert "\n" not in email.subject and "\r" not in email.subject
    if email.body_html:
        assert "<b>Oy</b>" not in email.body_html, email.body_html
        assert ESCAPED in email.body_html, email.body_html


# --- Orders: each email from the service that sends it --------------------------------------------
def test_order_received__shows_the_contact_name_and_title_as_typed():
    services.order_submit(
        request=make_request(organisation_name=HOSTILE, contact_name=HOSTILE, title=HOSTILE),
        submission_key=uuid.uuid4(),
    )
    email = _only_email("order_received")
    assert email.body_text.count(HOSTILE) == 2  # the greeting and the order's title
    _assert_literal_text_and_escaped_html(email, in_subject=False)


def test_order_terms__shows_the_contact_name_and_title_as_typed(coordinator):
    order = order_in(OrderStatus.SUBMITTED, title=HOSTILE)
    order.contact.name = HOSTILE
    order.contact.save(update_fields=["name"])
    services.order_send_terms(order_id=order.pk, by=coordinator)
    email = _only_email("order_terms")
    assert email.body_text.count(HOSTILE) == 2
    _assert_literal_text_and_escaped_html(email, in_subject=False)


def test_order_terms_reminder__shows_the_contact_name_and_title_as_typed(coordinator):
    from orders.services.terms_reminder import order_remind_terms

    order = order_in(OrderStatus.TERMS_SENT, title=HOSTILE)
    order.contact.name = HOSTILE
    order.contact.save(update_fields=["name"])
    order_remind_terms(order_id=order.pk, by=coordinator)
    email = _only_email("order_terms_reminder")
    assert email.body_text.count(HOSTILE) == 2  # the greeting and the order's title
    _assert_literal_text_and_escaped_html(email, in_subject=False)


def test_order_terms_accepted__shows_the_contact_name_and_title_as_typed():
    order = order_in(OrderStatus.TERMS_SENT, title=HOSTILE)
    order.contact.name = HOSTILE
    order.contact.save(update_fields=["name"])
    services.order_accept_terms(order_id=order.pk, terms_version=order.terms.version, accepted_name=HOSTILE)
    email = _only_email("order_terms_accepted")
    assert email.body_text.count(HOSTILE) == 2  # the greeting and the order's title
    _assert_literal_text_and_escaped_html(email, in_subject=False)


def test_unit_informed__shows_the_unit_title_and_client_as_typed(coordinator):
    order = order_in(OrderStatus.TERMS_ACCEPTED, title=HOSTILE)
    order.client.name = HOSTILE
    order.client.save(update_fields=["name"])
    unit = UnitFactory(name=HOSTILE)
    services.order_inform_units(order_id=order.pk, unit_ids=[unit.pk], by=coordinator)
    email = _only_email("unit_informed")
    assert email.body_text.count(HOSTILE) == 3  # unit, title, client
    _assert_literal_text_and_escaped_html(email, in_subject=True)


def test_gig_offered__shows_the_worker_name_and_title_as_typed(coordinator):
    worker = WorkerFactory(user=UserFactory(first_name=HOSTILE))
    assignment = assignment_in(AssignmentStatus.PROPOSED, worker=worker, unit=worker.home_unit)
    order = assignment.gig.order
    order.title = HOSTILE
    order.save(update_fields=["title"])
    services.assignment_offer(assignment_id=assignment.pk, by=coordinator)
    email = _only_email("gig_offered")
    assert email.body_text.count(HOSTILE) == 2
    _assert_literal_text_and_escaped_html(email, in_subject=False)


def test_feedback_request__shows_the_contact_name_and_title_as_typed(coordinator):
    order, _assignments = approved_order_with_workers()
    order.title = HOSTILE
    order.save(update_fields=["title"])
    order.contact.name = HOSTILE
    order.contact.save(update_fields=["name"])
    services.order_request_feedback(order_id=order.pk, by=coordinator)
    email = _only_email("feedback_request")
    assert email.body_text.count(HOSTILE) == 2
    _assert_literal_text_and_escaped_html(email, in_subject=False)


def _hostile_gig_people():
    """A gig whose order, client contact, unit, worker and reason all carry the hostile value."""
    worker = WorkerFactory(user=UserFactory(first_name=HOSTILE), home_unit=UnitFactory(name=HOSTILE))
    assignment = assignment_in(AssignmentStatus.ACCEPTED, worker=worker, unit=worker.home_unit)
    order = assignment.gig.order
    order.title = HOSTILE
    order.street_address = HOSTILE
    order.save(update_fields=["title", "street_address"])
    order.contact.name = HOSTILE
    order.contact.save(update_fields=["name"])
    return assignment


@pytest.mark.parametrize(
    ("code", "count"), [("gig_cancelled_worker", 3), ("gig_cancelled_unit", 3), ("gig_cancelled_client", 3)]
)
def test_gig_cancelled__shows_the_names_title_and_reason_as_typed(coordinator, code, count):
    assignment = _hostile_gig_people()
    services.gig_cancel(gig_id=assignment.gig_id, by=coordinator, reason=HOSTILE)
    email = _only_email(code)
    assert email.body_text.count(HOSTILE) == count  # greeting, title, reason
    _assert_literal_text_and_escaped_html(email, in_subject=False)


@pytest.mark.parametrize(("code", "count"), [("gig_changed_worker", 5), ("order_changed_client", 4)])
def test_gig_changed__shows_the_names_title_and_place_as_typed(coordinator, code, count):
    assignment = _hostile_gig_people()
    order = assignment.gig.order
    services.order_change_place(
        order_id=order.pk, by=coordinator, street_address=f"{HOSTILE} 2", postal_code="", city=order.city
    )
    email = _only_email(code)
    assert email.body_text.count(HOSTILE) == count  # greeting, title, the old and new street (twice for the worker)
    _assert_literal_text_and_escaped_html(email, in_subject=False)


def test_gig_changed_unit__shows_the_staff_name_title_and_client_as_typed(coordinator):
    assignment = _hostile_gig_people()
    assignment.support_person = UserFactory(first_name=HOSTILE, last_name="")
    assignment.save(update_fields=["support_person"])
    order = assignment.gig.order
    order.client.name = HOSTILE
    order.client.save(update_fields=["name"])
    services.gig_change(
        gig_id=assignment.gig_id,
        by=coordinator,
        date=assignment.gig.date,
        start_time=dt.time(13, 0),
        planned_hours=assignment.gig.planned_hours,
    )
    email = _only_email("gig_changed_unit")
    assert email.body_text.count(HOSTILE) >= 3  # staff member, title, client (and the street)
    _assert_literal_text_and_escaped_html(email, in_subject=False)


def _hostile_offer():
    """An offered gig with one place whose worker, unit, order, client and contact carry the hostile value."""
    worker = WorkerFactory(user=UserFactory(first_name=HOSTILE), home_unit=UnitFactory(name=HOSTILE))
    gig = GigFactory(order=order_in(OrderStatus.STAFFING), workers_needed=1)
    assignment = assignment_in(AssignmentStatus.OFFERED, gig=gig, worker=worker, unit=worker.home_unit)
    order = gig.order
    order.title = HOSTILE
    order.save(update_fields=["title"])
    order.client.name = HOSTILE
    order.client.save(update_fields=["name"])
    order.contact.name = HOSTILE
    order.contact.save(update_fields=["name"])
    return assignment


@pytest.mark.parametrize(
    ("code", "count", "in_subject"),
    [
        ("gig_accepted_unit", 4, True),  # unit, worker, title, client
        ("gig_staffed_client", 2, False),  # contact, title
        ("gig_declined_unit", 5, True),  # unit, worker, title, client, reason
        ("gig_withdrawn_worker", 2, False),  # greeting, title
        ("gig_withdrawn_unit", 5, True),  # unit, worker, title, client, reason
        ("gig_restaffing_client", 2, False),  # contact, title
    ],
)
def test_staffing_notices__show_the_names_title_and_reason_as_typed(coordinator, code, count, in_subject):
    assignment = _hostile_offer()
    worker_user = assignment.worker.user
    if code == "gig_declined_unit":
        services.assignment_decline(assignment_id=assignment.pk, by=worker_user, reason=HOSTILE)
    else:
        services.assignment_accept(assignment_id=assignment.pk, by=worker_user)
    if code in {"gig_withdrawn_worker", "gig_withdrawn_unit", "gig_restaffing_client"}:
        services.assignment_withdraw(assignment_id=assignment.pk, by=coordinator, reason=HOSTILE)
    email = _only_email(code)
    assert email.body_text.count(HOSTILE) == count, email.body_text
    _assert_literal_text_and_escaped_html(email, in_subject=in_subject)


def test_gig_message__shows_the_name_title_place_and_message_as_typed(coordinator):
    from orders.services.gig_messages import gig_message_send

    assignment = _hostile_gig_people()
    gig_message_send(gig_id=assignment.gig_id, by=coordinator, text=HOSTILE)
    email = _only_email("gig_message")
    assert email.body_text.count(HOSTILE) == 4  # greeting, message, title, street
    _assert_literal_text_and_escaped_html(email, in_subject=False)


# --- Billing: the context the invoice service builds ------------------------------------------------
@pytest.mark.parametrize("code", ["invoice_sent", "invoice_reminder"])
def test_invoice_emails__show_the_seller_name_as_typed(coordinator, code):
    order = approved_order({dt.date(2025, 1, 15): ["1"]})
    issue_date = dt.date(2025, 2, 1)
    invoice = billing_services.invoice_issue_for_order(order_id=order.pk, by=coordinator, issue_date=issue_date)
    invoice.seller_name = HOSTILE
    queue_email(to="billing@example.org", code=code, context=_email_context(invoice), language="fi")
    _assert_literal_text_and_escaped_html(_only_email(code), in_subject=False)


def test_accessibility_feedback__the_senders_words_literal_in_text_and_escaped_in_html():
    from jobcenter.feedback.services import accessibility_feedback_submit

    accessibility_feedback_submit(message=HOSTILE, name=HOSTILE, email="aino@example.org", page_url="/order/")
    _assert_literal_text_and_escaped_html(_only_email("accessibility_feedback"), in_subject=False)


@pytest.mark.parametrize(
    ("code", "count"),
    [("cant_come_unit", 4), ("cant_come_coordinator", 4), ("place_open_unit", 3), ("stand_in_client", 3)],
)
def test_absence_emails__show_the_names_and_title_as_typed(coordinator, code, count):
    """ "En pääse" (unit, coordinator, the other informed unit) and the stand-in's note to the client."""
    from orders.models import AssignmentStatusChange, OrderUnitNotice

    assignment = _hostile_offer()
    AssignmentStatusChange.objects.create(
        assignment=assignment, from_status="proposed", to_status="offered", by=coordinator
    )
    other_unit = UnitFactory(name=f"{HOSTILE} 2")
    OrderUnitNotice.objects.create(order=assignment.gig.order, unit=other_unit, informed_by=coordinator)
    services.assignment_accept(assignment_id=assignment.pk, by=assignment.worker.user)
    services.assignment_cant_come(assignment_id=assignment.pk, by=assignment.worker.user)
    if code == "stand_in_client":
        stand_in = WorkerFactory(user=UserFactory(first_name=HOSTILE))
        offered = assignment_in(AssignmentStatus.OFFERED, gig=assignment.gig, worker=stand_in)
        services.assignment_accept(assignment_id=offered.pk, by=stand_in.user)
    email = _only_email(code)
    assert email.body_text.count(HOSTILE) >= count, email.body_text
    _assert_literal_text_and_escaped_html(email, in_subject=code.startswith("cant_come"))


@pytest.mark.parametrize(("code", "count"), [("gig_reminder_worker", 4), ("gig_reminder_staff", 4)])
def test_gig_reminders__show_the_names_title_place_and_notes_as_typed(code, count):
    """The reminders before a gig (orders.services.reminders): the worker's and the staff member's."""
    from orders.models import ReminderKind
    from orders.selectors.reminders import reminder_window
    from orders.services.reminders import gig_reminder_send

    assignment = _hostile_gig_people()
    assignment.support_person = UserFactory(first_name=HOSTILE, last_name="")
    assignment.save(update_fields=["support_person"])
    gig = assignment.gig
    gig.notes = HOSTILE
    gig.save(update_fields=["notes"])
    now = reminder_window(gig, ReminderKind.DAY_BEFORE)[0]
    gig_reminder_send(assignment_id=assignment.pk, reminder=ReminderKind.DAY_BEFORE, now=now)
    email = _only_email(code)
    # worker: greeting, title, street, notes (+ her instructor's name); staff: greeting, worker, title, street, notes
    assert email.body_text.count(HOSTILE) >= count, email.body_text
    _assert_literal_text_and_escaped_html(email, in_subject=code == "gig_reminder_staff")


@pytest.mark.parametrize(
    ("code", "count"),
    [
        ("gig_client_cancelled_worker", 2),
        ("gig_client_cancelled_unit", 3),
        ("gig_client_cancelled_client", 2),
        ("gig_client_cancelled_coordinator", 2),
    ],
)
def test_gig_client_cancelled__shows_the_names_title_and_reason_as_typed(settings, code, count):
    settings.JOBCENTER_CONTACT_EMAIL = "jobcenter@example.org"
    assignment = _hostile_gig_people()
    services.gig_cancel_by_client(gig_id=assignment.gig_id, token_order_id=assignment.gig.order_id, reason=HOSTILE)
    email = _only_email(code)
    assert email.body_text.count(HOSTILE) == count  # greeting, title, reason (where each is shown)
    _assert_literal_text_and_escaped_html(email, in_subject=False)


def test_worker_again_unit__shows_the_names_title_and_note_as_typed():
    from orders.services.worker_again import worker_again_request
    from tests.factories import ClientContactFactory

    worker = WorkerFactory(user=UserFactory(first_name=HOSTILE), home_unit=UnitFactory(name=HOSTILE))
    done = assignment_in(AssignmentStatus.APPROVED, order_status=OrderStatus.APPROVED, worker=worker)
    contact = ClientContactFactory(with_user=True, organisation=done.gig.order.client)
    order = order_in(OrderStatus.SUBMITTED, contact=contact, title=HOSTILE)
    worker_again_request(order_id=order.pk, worker_id=worker.pk, by=contact.user, note=HOSTILE)
    email = _only_email("worker_again_unit")
    assert email.body_text.count(HOSTILE) == 4  # the unit, the worker, the title, the note
    _assert_literal_text_and_escaped_html(email, in_subject=True)


def test_every_email_template_is_covered_by_a_test_here():
    """A new email code must get its test above (the list of codes is the templates' folders)."""
    emails = Path(settings.BASE_DIR) / "templates" / "emails"
    codes = {path.name for path in emails.iterdir() if path.is_dir()}
    assert codes == {
        "order_received",
        "order_terms",
        "order_terms_accepted",
        "order_terms_reminder",
        "unit_informed",
        "gig_offered",
        "feedback_request",
        "invoice_sent",
        "invoice_reminder",
        "accessibility_feedback",
        "gig_cancelled_worker",
        "gig_cancelled_unit",
        "gig_cancelled_client",
        "gig_client_cancelled_worker",
        "gig_client_cancelled_unit",
        "gig_client_cancelled_client",
        "gig_client_cancelled_coordinator",
        "gig_changed_worker",
        "gig_changed_unit",
        "order_changed_client",
        "gig_message",
        "gig_accepted_unit",
        "gig_declined_unit",
        "gig_withdrawn_worker",
        "gig_withdrawn_unit",
        "gig_restaffing_client",
        "gig_staffed_client",
        "cant_come_unit",
        "cant_come_coordinator",
        "place_open_unit",
        "stand_in_client",
        "gig_reminder_worker",
        "gig_reminder_staff",
        "worker_again_unit",
    }


def test_html_part__names_the_language_it_is_written_in(coordinator):
    order, _assignments = approved_order_with_workers()
    order.language = "sv"
    order.save(update_fields=["language"])
    services.order_request_feedback(order_id=order.pk, by=coordinator)
    assert '<html lang="sv">' in _only_email("feedback_request").body_html
