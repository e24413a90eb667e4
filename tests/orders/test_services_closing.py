"""The end of an order: it becomes invoiced only through billing's issued invoice (never by hand, and
not once the invoice is credited), closing it, the wording of a refused transition, feedback from
the client's signed link and from the coordinator, and the whole flow end to end through the
services, from the request to closed."""

import datetime as dt
import uuid

import pytest
from django.db.models import F
from django.utils import timezone
from freezegun import freeze_time

from billing import coverage
from billing.services import credit_note_issue, invoice_issue_for_order
from jobcenter.errors import ActionNotPermitted, DomainError, TransitionNotAllowed
from jobcenter.models import OutboundEmail
from orders import hooks, services
from orders.models import AssignmentStatus, Order, OrderEvent, OrderStatus
from tests.factories import UnitFactory, UnitStaffFactory, WorkerFactory
from tests.factories.states import approved_order_with_work, assignment_in, invoiced_order, order_in
from tests.support.order_services import approved_order_with_workers, make_request, states_without

# Service messages are asserted in English, the source language (the fixture is in this directory's conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("messages_in_english")]


# --- invoicing and closing ----------------------------------------------------------------------
def test_order_mark_invoiced__refused_without_an_issued_invoice(coordinator):
    order = approved_order_with_work()
    with pytest.raises(DomainError, match="has no issued invoice"):
        services.order_mark_invoiced(order_id=order.pk, by=coordinator)
    order.refresh_from_db()
    assert order.status == OrderStatus.APPROVED
    assert not order.status_changes.filter(to_status=OrderStatus.INVOICED).exists()


def test_order_mark_invoiced__refused_when_no_check_is_registered(coordinator, monkeypatch):
    """With no app to confirm an invoice, nothing may mark an order invoiced (not even with one)."""
    order = invoiced_order(by=coordinator)
    Order.objects.filter(pk=order.pk).update(status=OrderStatus.APPROVED)
    monkeypatch.setattr(hooks, "invoice_covers_order", [])
    with pytest.raises(DomainError, match="has no issued invoice"):
        services.order_mark_invoiced(order_id=order.pk, by=coordinator)
    order.refresh_from_db()
    assert order.status == OrderStatus.APPROVED


def test_order_mark_invoiced__a_credited_invoice_no_longer_covers_the_order(coordinator):
    order = invoiced_order(by=coordinator)
    credit_note_issue(invoice_id=order.invoices.get().pk, by=coordinator, reason="Väärä asiakas")
    assert coverage.order_has_issued_invoice(order) is False


def test_order_invoiced_through_billing_then_closed(coordinator):
    order = invoiced_order(by=coordinator)
    assert order.status == OrderStatus.INVOICED
    invoice = order.invoices.get()
    services.order_close(order_id=order.pk, by=coordinator)
    order.refresh_from_db()
    assert order.status == OrderStatus.CLOSED
    changes = list(order.status_changes.order_by("pk").values_list("to_status", "kind", "params"))
    assert changes == [("invoiced", "invoiced", {"invoice": invoice.display_number}), ("closed", "", {})]


@pytest.mark.parametrize("status", states_without({OrderStatus.APPROVED}))
def test_order_mark_invoiced__refused_from_other_states(coordinator, status):
    order = order_in(status)
    with pytest.raises(TransitionNotAllowed):
        services.order_mark_invoiced(order_id=order.pk, by=coordinator)


@pytest.mark.parametrize("status", states_without({OrderStatus.INVOICED}))
def test_order_close__refused_from_other_states(coordinator, status):
    order = order_in(status)
    with pytest.raises(TransitionNotAllowed):
        services.order_close(order_id=order.pk, by=coordinator)


def test_illegal_transition__message_names_both_states_in_words(coordinator):
    order = order_in(OrderStatus.CLOSED)
    with pytest.raises(TransitionNotAllowed) as info:
        services.order_mark_invoiced(order_id=order.pk, by=coordinator)
    assert str(info.value.message) == f"Order {order.number} is “Closed”, so it cannot be changed to “Invoiced”."


# --- feedback -----------------------------------------------------------------------------------
def test_order_request_feedback__emails_a_signed_link(coordinator, mailoutbox, django_capture_on_commit_callbacks):
    from orders.tokens import read_feedback_token

    order, _ = approved_order_with_workers()
    with django_capture_on_commit_callbacks(execute=True):
        services.order_request_feedback(order_id=order.pk, by=coordinator)
    order.refresh_from_db()
    assert order.feedback_requested_at is not None
    token = mailoutbox[0].body.split("/order/feedback/")[1].split("/")[0]
    assert read_feedback_token(token).order_id == order.pk


@pytest.mark.parametrize("status", states_without(services.FEEDBACK_STATES))
def test_order_request_feedback__only_after_approval(coordinator, status):
    order = order_in(status)
    with pytest.raises(DomainError, match="approved"):
        services.order_request_feedback(order_id=order.pk, by=coordinator)


def test_feedback_submit__saves_one_rating_per_worker_once(coordinator):
    order, assignments = approved_order_with_workers()
    services.order_request_feedback(order_id=order.pk, by=coordinator)
    entries = [
        services.FeedbackEntry(assignment_id=assignments[0].pk, rating=5, text="Huolellista työtä!"),
        services.FeedbackEntry(assignment_id=assignments[1].pk, rating=4),
    ]
    saved = services.feedback_submit(order_id=order.pk, entries=entries, given_by_name="Liisa Laine")
    assert [(f.rating, f.source) for f in saved] == [(5, "client_link"), (4, "client_link")]
    assert assignments[0].worker.assignments.get().feedback.text == "Huolellista työtä!"
    with pytest.raises(DomainError, match="already been given"):
        services.feedback_submit(order_id=order.pk, entries=entries, given_by_name="Liisa Laine")


def test_feedback_submit__refuses_bad_rating_and_foreign_assignment(coordinator):
    order, assignments = approved_order_with_workers()
    services.order_request_feedback(order_id=order.pk, by=coordinator)
    with pytest.raises(DomainError, match="1 to 5"):
        services.feedback_submit(
            order_id=order.pk, entries=[services.FeedbackEntry(assignments[0].pk, 6)], given_by_name="L"
        )
    other = assignment_in(AssignmentStatus.APPROVED, order_status=OrderStatus.APPROVED)
    with pytest.raises(DomainError, match="did not work on this order"):
        services.feedback_submit(order_id=order.pk, entries=[services.FeedbackEntry(other.pk, 5)], given_by_name="L")
    assert not order.gigs.filter(assignments__feedback__isnull=False).exists()


def test_feedback_record__by_coordinator_for_approved_work(coordinator):
    _, assignments = approved_order_with_workers(1)
    feedback = services.feedback_record(assignment_id=assignments[0].pk, by=coordinator, rating=5, text="Puhelimessa.")
    assert (feedback.source, feedback.recorded_by) == ("coordinator", coordinator)
    with pytest.raises(DomainError, match="already has feedback"):
        services.feedback_record(assignment_id=assignments[0].pk, by=coordinator, rating=3)
    with pytest.raises(ActionNotPermitted):
        services.feedback_record(assignment_id=assignments[0].pk, by=UnitStaffFactory(), rating=3)


# --- The whole flow, end to end through the services --------------------------------------------
def test_order_flow__from_request_to_closed(coordinator, django_capture_on_commit_callbacks, mailoutbox):
    unit = UnitFactory(name="Vallila")
    staff = UnitStaffFactory(unit=unit)
    workers = [WorkerFactory(home_unit=unit) for _ in range(2)]
    gig_day = timezone.localdate() + dt.timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        order, _ = services.order_submit(request=make_request(), submission_key=uuid.uuid4())
        services.order_send_terms(order_id=order.pk, by=coordinator)
        order.refresh_from_db()
        services.order_accept_terms(order_id=order.pk, terms_version=order.terms.version, accepted_name="Liisa Laine")
        services.order_inform_units(order_id=order.pk, unit_ids=[unit.pk], by=coordinator)
        gig = services.gig_create(
            order_id=order.pk, by=coordinator, date=gig_day, start_time=dt.time(10), planned_hours=3, workers_needed=2
        )
        assignments = [
            services.assignment_propose(
                gig_id=gig.pk, worker_id=w.pk, by=staff, support="staff_along", skills_checked=True
            )
            for w in workers
        ]
        for a in assignments:
            services.assignment_offer(assignment_id=a.pk, by=coordinator)
        services.assignment_accept(assignment_id=assignments[0].pk, by=workers[0].user)
        services.assignment_accept(assignment_id=assignments[1].pk, by=staff)
    with freeze_time(gig_day.isoformat() + " 15:00:00"):
        services.assignment_report_done(assignment_id=assignments[0].pk, by=workers[0].user, hours=3)
        services.assignment_report_done(assignment_id=assignments[1].pk, by=staff, hours="3,5")
    with freeze_time(gig_day.isoformat() + " 16:00:00"):
        services.assignment_approve(assignment_id=assignments[0].pk, by=coordinator)
        services.assignment_approve(assignment_id=assignments[1].pk, by=coordinator, hours=3, reason="Sovittu 3 h.")
        invoice_issue_for_order(order_id=order.pk, by=coordinator)
        services.order_close(order_id=order.pk, by=coordinator)
    order.refresh_from_db()
    assert order.status == OrderStatus.CLOSED
    # The moves of state (a history line that is an event keeps the state: the client told the gig
    # has its workers).
    moves = order.status_changes.exclude(from_status=F("to_status"))
    assert order.status_changes.filter(kind=OrderEvent.GIG_STAFFED).count() == 1
    assert list(moves.values_list("to_status", flat=True)) == [
        "submitted",
        "terms_sent",
        "terms_accepted",
        "staffing",
        "scheduled",
        "done",
        "approved",
        "invoiced",
        "closed",
    ]
    # Received, terms, the accepted terms' PDF, unit informed, one offer per worker; the unit told
    # that the first worker took the gig (the second was accepted by the unit's own staff: no email
    # about its own act); the client told once that the gig has its workers.
    assert list(OutboundEmail.objects.order_by("pk").values_list("code", flat=True))[-2:] == [
        "gig_accepted_unit",
        "gig_staffed_client",
    ]
    assert [m.to[0] for m in mailoutbox] == [
        "liisa.laine@example.org",
        "liisa.laine@example.org",
        "liisa.laine@example.org",
        unit.email,
        workers[0].user.email,
        workers[1].user.email,
        unit.email,
        "liisa.laine@example.org",
    ]
