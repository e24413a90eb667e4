"""Races on PostgreSQL with real threads and real row locks (CON-1, CON-3, CON-4).

Each race first runs as a CONTROL with its guard switched off: the same service logic with the row
lock replaced by a plain read, and a race window injected at the critical point (Saleor-style: every
thread waits there until all have read, so the interleaving is deterministic). The control must
break the invariant; that proves the harness really produces the race. Then the guarded service,
started from a barrier in as many threads, must keep it.

Every thread has its own database connection and closes it in `finally`.
"""

from __future__ import annotations

import datetime as dt
import importlib
import threading
import uuid
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import IntegrityError
from django.test import Client
from django.utils import translation

from billing import services as billing_services
from billing.models import Invoice, InvoiceSeries
from jobcenter.errors import DomainError
from jobcenter.models import OutboundEmail
from orders import services
from orders.models import (
    Assignment,
    AssignmentStatus,
    AssignmentStatusChange,
    ClientContact,
    Order,
    OrderEvent,
    OrderStatus,
)
from tests.factories import AssignmentFactory, CoordinatorFactory, GigFactory, OrderFactory
from tests.support.billing import approved_order
from tests.support.races import run_at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

FULL = "Sorry, this gig is already full."


@pytest.fixture(autouse=True)
def _english_and_invoice_series():
    # Transactional tests start from flushed tables: seed the invoice series as its migration does.
    importlib.import_module("billing.migrations.0003_invoices").seed(apps, None)
    with translation.override("en"):
        yield


class RaceWindow:
    """Wraps a function: each caller, once the function returned, waits until `parties` callers got
    there too. Everyone has read; nobody has written yet. Only for the controls: with the lock on,
    the second caller never gets there while the first waits (hence the timeout)."""

    def __init__(self, function, parties: int, timeout: float = 15):
        self.function = function
        self.barrier = threading.Barrier(parties, timeout=timeout)
        self.reached = 0
        self._lock = threading.Lock()

    def __call__(self, *args, **kwargs):
        result = self.function(*args, **kwargs)
        with self._lock:
            self.reached += 1
        self.barrier.wait()
        return result


def _lock_assignment_without_lock(assignment_id: int):
    """`orders.services._lock_assignment` with the guard off: the same rows, read without a lock."""
    assignment = Assignment.objects.select_related("worker__user", "gig", "gig__order").get(pk=assignment_id)
    return assignment.gig.order, assignment


# --- CON-1: a gig's places cannot be overbooked --------------------------------------------------
def test_control__accept_without_the_lock_overbooks_the_gig(monkeypatch):
    gig = GigFactory(order=OrderFactory(staffing=True), workers_needed=2)
    offers = [AssignmentFactory(gig=gig, offered=True) for _ in range(4)]
    monkeypatch.setattr(services, "_lock_assignment", _lock_assignment_without_lock)
    monkeypatch.setattr(services, "_gig_filled_count", RaceWindow(services._gig_filled_count, parties=4))

    results = run_at_once(
        [lambda a=a: services.assignment_accept(assignment_id=a.pk, by=a.worker.user) for a in offers]
    )

    accepted = gig.assignments.filter(status=AssignmentStatus.ACCEPTED).count()
    assert accepted > gig.workers_needed, results  # the race is real: 4 workers on 2 places


def test_accept__sixteen_workers_two_places_exactly_two_accepted_the_rest_told_it_is_full():
    gig = GigFactory(order=OrderFactory(staffing=True), workers_needed=2)
    offers = [AssignmentFactory(gig=gig, offered=True) for _ in range(16)]

    results = run_at_once(
        [lambda a=a: services.assignment_accept(assignment_id=a.pk, by=a.worker.user) for a in offers]
    )

    accepted = [r for r in results if isinstance(r, Assignment)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert (len(accepted), len(refused)) == (2, 14), results
    assert {str(r.message) for r in refused} == {FULL}
    assert gig.assignments.filter(status=AssignmentStatus.ACCEPTED).count() == 2
    assert gig.assignments.filter(status=AssignmentStatus.OFFERED).count() == 14
    assert AssignmentStatusChange.objects.filter(to_status=AssignmentStatus.ACCEPTED).count() == 2
    gig.order.refresh_from_db()
    assert gig.order.status == OrderStatus.SCHEDULED
    # One move to scheduled (the client's staffed confirmation is an event line that keeps the state).
    assert gig.order.status_changes.filter(kind=OrderEvent.ALL_STAFFED).count() == 1
    assert gig.order.status_changes.filter(kind=OrderEvent.GIG_STAFFED).count() == 1


# --- CON-3: two coordinators approving the same work at once -------------------------------------
def _done_assignment() -> Assignment:
    order = OrderFactory(terms_accepted=True, status=OrderStatus.DONE)
    return AssignmentFactory(
        gig=GigFactory(order=order, workers_needed=1), status=AssignmentStatus.DONE, reported_hours=Decimal("3.00")
    )


def test_control__approve_without_the_lock_approves_twice(monkeypatch):
    assignment = _done_assignment()
    first, second = CoordinatorFactory(), CoordinatorFactory()
    monkeypatch.setattr(services, "_lock_assignment", RaceWindow(_lock_assignment_without_lock, parties=2))

    results = run_at_once(
        [
            lambda: services.assignment_approve(assignment_id=assignment.pk, by=first),
            lambda: services.assignment_approve(assignment_id=assignment.pk, by=second, hours="2", reason="x"),
        ]
    )

    assert not [r for r in results if isinstance(r, Exception)], results
    # Both read "done", both approved: two approvals in the history, the second overwrote the first.
    assert assignment.status_changes.filter(to_status=AssignmentStatus.APPROVED).count() == 2


def test_approve__two_coordinators_at_once_approve_once():
    assignment = _done_assignment()
    first, second = CoordinatorFactory(), CoordinatorFactory()

    results = run_at_once(
        [
            lambda: services.assignment_approve(assignment_id=assignment.pk, by=first),
            lambda: services.assignment_approve(assignment_id=assignment.pk, by=second, hours="2", reason="x"),
        ]
    )

    assert not [r for r in results if isinstance(r, Exception)], results
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.APPROVED
    assert assignment.status_changes.filter(to_status=AssignmentStatus.APPROVED).count() == 1
    # Whoever came second saw it approved and changed nothing.
    expected = Decimal("3.00") if assignment.approved_by == first else Decimal("2.00")
    assert assignment.approved_hours == expected
    assert assignment.gig.order.status_changes.filter(to_status=OrderStatus.APPROVED).count() == 1


# --- CON-4: invoice numbers are unique and gapless ----------------------------------------------
def test_control__invoice_numbers_without_the_series_lock_collide(monkeypatch):
    by = CoordinatorFactory()
    orders = [approved_order({dt.date(2025, 1, 15): ["1"]}) for _ in range(3)]
    taken: list[int] = []
    window = RaceWindow(lambda: None, parties=3)

    def next_number_without_lock():
        series = InvoiceSeries.objects.get(code=billing_services.SERIES_CODE)  # no select_for_update
        taken.append(series.next_number)
        window()  # everyone has read the counter; nobody has written it
        series.next_number += 1
        series.save(update_fields=["next_number"])
        return series, taken[-1]

    monkeypatch.setattr(billing_services.issuing, "_next_number", next_number_without_lock)

    results = run_at_once([lambda o=o: billing_services.invoice_issue_for_order(order_id=o.pk, by=by) for o in orders])

    assert len(set(taken)) < len(taken), taken  # the same number was handed out twice
    # Only the unique (series, number) check stopped a duplicate number; orders went uninvoiced.
    failed = [r for r in results if isinstance(r, Exception)]
    assert failed, results
    assert all(isinstance(r, IntegrityError) or "already exists" in str(r) for r in failed), failed
    assert Invoice.objects.count() < len(orders)


def test_invoice_issue__ten_orders_at_once_get_unique_gapless_numbers():
    by = CoordinatorFactory()
    orders = [approved_order({dt.date(2025, 1, 15): ["1"]}) for _ in range(10)]

    results = run_at_once(
        [lambda o=o: billing_services.invoice_issue_for_order(order_id=o.pk, by=by).number for o in orders]
    )

    assert not [r for r in results if isinstance(r, Exception)], results
    assert sorted(results) == list(range(1001, 1011))
    assert sorted(Invoice.objects.values_list("number", flat=True)) == list(range(1001, 1011))
    assert InvoiceSeries.objects.get(code="JC").next_number == 1011


def test_invoice_issue__a_rolled_back_issue_uses_no_number(monkeypatch):
    by = CoordinatorFactory()
    order = approved_order({dt.date(2025, 1, 15): ["1"]})

    def crash(invoice):  # the last step of issuing, after the number, the invoice and its lines
        raise RuntimeError("the process failed mid-issue")

    with monkeypatch.context() as patched:
        patched.setattr(billing_services.issuing, "_queue_pdf", crash)
        with pytest.raises(RuntimeError):
            billing_services.invoice_issue_for_order(order_id=order.pk, by=by)
    assert Invoice.objects.count() == 0
    assert InvoiceSeries.objects.get(code="JC").next_number == 1001
    good = billing_services.invoice_issue_for_order(order_id=approved_order({dt.date(2025, 1, 15): ["1"]}).pk, by=by)
    assert good.number == 1001


# --- CON-3: a double-clicked or re-sent public order form gives one order -------------------------
ORDER_FORM = {
    "organisation_name": "Kahvila Kulma Oy",
    "client_type": "company",
    "business_id": "1572860-0",
    "contact_name": "Liisa Laine",
    "contact_email": "liisa.laine@example.org",
    "contact_phone": "040 111 2222",
    "title": "Ikkunanpesu",
    "description": "Kahvilan ikkunat sisältä ja ulkoa.",
    "street_address": "Hämeentie 10",
    "postal_code": "00530",
    "city": "Helsinki",
    "estimated_hours": "6,5",
    "workers_needed": "2",
    "contract_type": "commission",
    "billing_street": "Hämeentie 10",
    "billing_postal_code": "00530",
    "billing_city": "Helsinki",
    "billing_email": "laskut@kulma.example.org",
}


def test_control__the_existence_check_alone_lets_both_submits_through(monkeypatch):
    """Both threads pass `order_submit`'s "already sent?" read before either has written: only the
    unique submission key in the database keeps it one order (next test)."""
    window = RaceWindow(lambda **kwargs: None, parties=2)
    real_create = services._order_create

    def create_after_the_window(**kwargs):
        window()
        return real_create(**kwargs)

    monkeypatch.setattr(services, "_order_create", create_after_the_window)
    request = _order_request()
    key = uuid.uuid4()

    results = run_at_once([lambda: services.order_submit(request=request, submission_key=key)] * 2)

    assert window.reached == 2  # the application-level check let both through
    assert not [r for r in results if isinstance(r, Exception)], results
    assert Order.objects.count() == 1


def _order_request() -> services.OrderRequest:
    from web.public.forms import OrderRequestForm

    form = OrderRequestForm({**ORDER_FORM, "submission_key": str(uuid.uuid4())})
    assert form.is_valid(), form.errors
    return form.to_order_request(language="fi")


def test_order_form__the_same_form_posted_twice_at_once_gives_one_order(monkeypatch):
    """Two parallel POSTs of one form (a double click, a re-sent request), both forced past the
    "already sent?" check: one order with its organisation and contact, one confirmation email, and
    both browsers are sent to the same confirmation page."""
    window = RaceWindow(lambda **kwargs: None, parties=2)
    real_create = services._order_create

    def create_after_the_window(**kwargs):
        window()
        return real_create(**kwargs)

    monkeypatch.setattr(services, "_order_create", create_after_the_window)
    data = {**ORDER_FORM, "submission_key": str(uuid.uuid4())}

    responses = run_at_once([lambda: Client().post("/order/", data)] * 2)

    assert window.reached == 2
    assert [getattr(r, "status_code", r) for r in responses] == [302, 302]
    order = Order.objects.get()
    assert {r["Location"] for r in responses} == {f"/order/sent/{order.pk}/"}
    assert ClientContact.objects.filter(email="liisa.laine@example.org").count() == 1
    assert order.client.name == "Kahvila Kulma Oy"
    assert OutboundEmail.objects.filter(code="order_received").count() == 1
    assert order.status_changes.count() == 1


def test_order_submit__sixteen_resends_of_one_form_give_one_order():
    request = _order_request()
    key = uuid.uuid4()

    results = run_at_once([lambda: services.order_submit(request=request, submission_key=key)] * 16)

    assert not [r for r in results if isinstance(r, Exception)], results
    assert {order.pk for order, _created in results} == {Order.objects.get().pk}
    assert sum(created for _order, created in results) == 1
    assert OutboundEmail.objects.filter(code="order_received").count() == 1
