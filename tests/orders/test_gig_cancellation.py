"""Cancelling one gig of an order: its open assignments withdrawn, the history told, the people on it
emailed once after commit; refused with reported work and in the wrong states; and the dead end gone:
an order whose other gig was worked is approved and invoiced for exactly that work."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from billing.models import InvoiceLine
from billing.services import invoice_issue_for_order
from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.models import OutboundEmail
from orders import services
from orders.models import AssignmentEvent, AssignmentStatus, Gig, Order, OrderEvent, OrderStatus
from orders.selectors import needs_for_unit, order_detail_for, order_list_for
from tests.factories import AssignmentFactory, GigFactory, UnitStaffFactory, UserFactory, WorkerFactory
from tests.factories.states import assignment_in, order_in
from tests.support.order_services import states_without

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("messages_in_english")]


def _gig_with_people(status=OrderStatus.STAFFING, workers_needed=3):
    gig = GigFactory(order=order_in(status), workers_needed=workers_needed)
    proposed = assignment_in(AssignmentStatus.PROPOSED, gig=gig)
    offered = assignment_in(AssignmentStatus.OFFERED, gig=gig, worker=WorkerFactory(user=UserFactory(language="sv")))
    accepted = assignment_in(AssignmentStatus.ACCEPTED, gig=gig)
    return gig, proposed, offered, accepted


def test_gig_cancel__withdraws_the_open_assignments_and_marks_the_gig(coordinator):
    gig, *assignments = _gig_with_people()

    services.gig_cancel(gig_id=gig.pk, by=coordinator, reason="Asiakas siirsi remontin.")

    gig.refresh_from_db()
    assert gig.is_cancelled and gig.cancelled_by == coordinator
    assert gig.cancellation_reason == "Asiakas siirsi remontin."
    for assignment in assignments:
        assignment.refresh_from_db()
        assert assignment.status == AssignmentStatus.WITHDRAWN
        change = assignment.status_changes.order_by("-pk").first()
        assert change.kind == AssignmentEvent.GIG_CANCELLED and change.by == coordinator
    assert not Gig.objects.live().filter(pk=gig.pk).exists()


def test_gig_cancel__the_history_tells_the_date_and_the_reason_in_the_readers_language(coordinator):
    gig = GigFactory(order=order_in(OrderStatus.STAFFING), date=dt.date(2031, 3, 4), start_time=dt.time(10))

    services.gig_cancel(gig_id=gig.pk, by=coordinator, reason="Sade")

    row = gig.order.status_changes.get(kind=OrderEvent.GIG_CANCELLED)
    assert row.params == {"date": "2031-03-04", "time": "10:00"} and row.note == "Sade"
    assert row.describe() == "The gig on 4.3.2031 10:00 was cancelled."
    with translation.override("fi"):
        assert "4.3.2031" in row.describe() and "klo 10.00" in row.describe()


def test_gig_cancel__emails_the_workers_their_units_and_the_client_once_after_commit(
    coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    gig, proposed, offered, accepted = _gig_with_people()

    with django_capture_on_commit_callbacks(execute=True):
        services.gig_cancel(gig_id=gig.pk, by=coordinator, reason="Asiakas siirsi remontin.")

    sent = {(e.code, e.to, e.language) for e in OutboundEmail.objects.all()}
    assert sent == {
        ("gig_cancelled_worker", offered.worker.user.email, "sv"),
        ("gig_cancelled_worker", accepted.worker.user.email, "fi"),
        ("gig_cancelled_unit", proposed.unit.email, "fi"),
        ("gig_cancelled_unit", offered.unit.email, "fi"),
        ("gig_cancelled_unit", accepted.unit.email, "fi"),
        ("gig_cancelled_client", gig.order.contact.email, gig.order.language),
    }
    assert len(mailoutbox) == 6
    # The worker only proposed heard of the gig from her unit: she gets no email of her own.
    assert not OutboundEmail.objects.filter(to=proposed.worker.user.email).exists()
    worker_email = OutboundEmail.objects.get(to=accepted.worker.user.email)
    assert "Asiakas siirsi remontin." in worker_email.body_text


def test_gig_cancel__nothing_is_sent_before_commit(coordinator, django_capture_on_commit_callbacks, mailoutbox):
    gig, *_rest = _gig_with_people()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.gig_cancel(gig_id=gig.pk, by=coordinator, reason="Sade")
    assert callbacks and not mailoutbox


def test_gig_cancel__twice_changes_nothing_and_sends_nothing_more(coordinator, django_capture_on_commit_callbacks):
    gig, *_rest = _gig_with_people()
    with django_capture_on_commit_callbacks(execute=True):
        services.gig_cancel(gig_id=gig.pk, by=coordinator, reason="Sade")
        emails = OutboundEmail.objects.count()
        rows = gig.order.status_changes.count()
        services.gig_cancel(gig_id=gig.pk, by=coordinator, reason="Toinen syy")
    gig.refresh_from_db()
    assert gig.cancellation_reason == "Sade"
    assert (OutboundEmail.objects.count(), gig.order.status_changes.count()) == (emails, rows)


def test_gig_cancel__refused_with_reported_work(coordinator):
    done = assignment_in(AssignmentStatus.DONE, order_status=OrderStatus.SCHEDULED)
    with pytest.raises(DomainError, match="already reported"):
        services.gig_cancel(gig_id=done.gig_id, by=coordinator, reason="Sade")
    done.gig.refresh_from_db()
    assert not done.gig.is_cancelled


@pytest.mark.parametrize("status", states_without(OrderStatus.gig_editable_states))
def test_gig_cancel__refused_in_other_states(coordinator, status):
    gig = GigFactory(order=order_in(status))
    with pytest.raises(DomainError):
        services.gig_cancel(gig_id=gig.pk, by=coordinator, reason="Sade")
    gig.refresh_from_db()
    assert not gig.is_cancelled


def test_gig_cancel__needs_a_reason_and_a_coordinator(coordinator):
    gig = GigFactory(order=order_in(OrderStatus.STAFFING))
    with pytest.raises(DomainError, match="Write why"):
        services.gig_cancel(gig_id=gig.pk, by=coordinator, reason="  ")
    with pytest.raises(ActionNotPermitted):
        services.gig_cancel(gig_id=gig.pk, by=UnitStaffFactory(), reason="Sade")
    gig.refresh_from_db()
    assert not gig.is_cancelled


def test_gig_cancel__a_cancelled_gig_takes_no_proposals(coordinator, informed_gig):
    services.gig_cancel(gig_id=informed_gig.pk, by=coordinator, reason="Sade")
    unit = informed_gig.order.unit_notices.get().unit
    worker = WorkerFactory(home_unit=unit)
    staff = UnitStaffFactory(unit=unit)
    with pytest.raises(DomainError, match="cancelled"):
        services.assignment_propose(gig_id=informed_gig.pk, worker_id=worker.pk, by=staff, support="staff_along")


def test_gig_cancel__the_cancelled_gig_counts_nowhere_a_live_gig_is_meant(coordinator, informed_gig):
    other = GigFactory(order=informed_gig.order, date=informed_gig.date + dt.timedelta(days=1), workers_needed=1)
    services.gig_cancel(gig_id=informed_gig.pk, by=coordinator, reason="Sade")

    listed = order_list_for(user=coordinator).get(pk=informed_gig.order_id)
    assert listed.gig_count == 1
    staff = UnitStaffFactory(unit=informed_gig.order.unit_notices.get().unit)
    needs = needs_for_unit(user=staff).get(pk=informed_gig.order_id)
    assert [g.pk for g in needs.gigs.all()] == [other.pk]
    assert needs.first_gig_date == other.date
    # The order's page still lists it, as cancelled.
    page = order_detail_for(user=coordinator, pk=informed_gig.order_id)
    assert {g.pk: g.is_cancelled for g in page.gigs.all()} == {informed_gig.pk: True, other.pk: False}


# --- The dead end is gone -------------------------------------------------------------------------
def test_gig_cancel__the_order_whose_other_gig_was_worked_is_approved_and_invoiced_for_that_work(coordinator):
    """Two gigs: one worked and approved, the other's worker taken off. Cancelling the empty gig moves
    the order to approved, and its invoice holds only the hours worked."""
    order = order_in(OrderStatus.SCHEDULED)
    worked = GigFactory(order=order, date=timezone.localdate() - dt.timedelta(days=2), workers_needed=1)
    AssignmentFactory(
        gig=worked, status=AssignmentStatus.APPROVED, reported_hours=Decimal("2.50"), approved_hours=Decimal("2.50")
    )
    empty = GigFactory(order=order, date=timezone.localdate() + dt.timedelta(days=2), workers_needed=1)
    leaving = AssignmentFactory(gig=empty, status=AssignmentStatus.ACCEPTED)
    services.assignment_withdraw(assignment_id=leaving.pk, by=coordinator, reason="Sairastui")
    order.refresh_from_db()
    assert order.status == OrderStatus.STAFFING  # the dead end: no one comes, nothing moves

    services.gig_cancel(gig_id=empty.pk, by=coordinator, reason="Ei korvaajaa")

    order.refresh_from_db()
    assert order.status == OrderStatus.APPROVED
    kinds = list(order.status_changes.order_by("pk").values_list("kind", flat=True))
    assert kinds[-3:] == [OrderEvent.ALL_STAFFED, OrderEvent.ALL_DONE, OrderEvent.ALL_APPROVED]
    invoice = invoice_issue_for_order(order_id=order.pk, by=coordinator)
    lines = list(InvoiceLine.objects.filter(invoice=invoice))
    assert [(line.date, line.hours) for line in lines] == [(worked.date, Decimal("2.50"))]
    order.refresh_from_db()
    assert order.status == OrderStatus.INVOICED


def test_gig_cancel__reported_work_left_makes_the_order_done_to_approve(coordinator):
    order = order_in(OrderStatus.SCHEDULED)
    worked = GigFactory(order=order, date=timezone.localdate() - dt.timedelta(days=1), workers_needed=1)
    AssignmentFactory(gig=worked, status=AssignmentStatus.DONE, reported_hours=Decimal("3.00"))
    empty = GigFactory(order=order, workers_needed=1)
    AssignmentFactory(gig=empty, status=AssignmentStatus.ACCEPTED)

    services.gig_cancel(gig_id=empty.pk, by=coordinator, reason="Asiakas perui")

    order.refresh_from_db()
    assert order.status == OrderStatus.DONE


def test_gig_cancel__every_gig_cancelled_offers_cancelling_the_order(coordinator):
    order = order_in(OrderStatus.STAFFING)
    first, second = GigFactory(order=order), GigFactory(order=order)
    services.gig_cancel(gig_id=first.pk, by=coordinator, reason="Sade")
    assert not services.order_offers_cancelling(order)

    services.gig_cancel(gig_id=second.pk, by=coordinator, reason="Sade")

    order.refresh_from_db()
    assert order.status == OrderStatus.STAFFING
    assert services.order_offers_cancelling(order)
    services.order_cancel(order_id=order.pk, by=coordinator, reason="Kaikki keikat peruttu")
    assert Order.objects.get(pk=order.pk).status == OrderStatus.CANCELLED
