"""An order on the coordinator's dashboard through the Django test client: the order's page (what it
shows, and a query count that does not grow with gigs and workers) and every order action with its
happy path and its refusal: sending the terms, rejecting, cancelling, informing units, adding a
gig, asking for feedback and closing (an order becomes invoiced only through billing).

Pages are read in English (`/en/…`) so the assertions use the source strings; the `coordinator`
fixture (this directory's conftest.py) logs a coordinator in."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import NoReverseMatch
from django.utils import timezone

from jobcenter.models import OutboundEmail
from orders.models import Assignment, AssignmentStatus, AssignmentStatusChange, Feedback, OrderStatus, OrderUnitNotice
from tests.factories import AssignmentFactory, GigFactory, OrderFactory, UnitFactory, UnitStaffFactory, WorkerFactory
from tests.factories.states import approved_order_with_work, assignment_in, invoiced_order, order_in
from tests.support.coordinator_pages import page, post, url

pytestmark = pytest.mark.django_db


# --- An order's page ------------------------------------------------------------------------------
def test_order_page__shows_request_client_billing_terms_units_gigs_feedback_and_history(client, coordinator):
    unit = UnitFactory(name="Vallila")
    order = order_in(
        OrderStatus.APPROVED,
        title="Ikkunanpesu",
        description="Kahvilan ikkunat sisältä.",
        client_reference="PO-778",
    )
    OrderUnitNotice.objects.create(order=order, unit=unit, informed_by=coordinator)
    gig = GigFactory(order=order, date=dt.date(2026, 3, 3))
    worker = WorkerFactory(home_unit=unit, user__first_name="Ville", user__last_name="Virtanen")
    assignment = assignment_in(AssignmentStatus.APPROVED, gig=gig, worker=worker)
    Assignment.objects.filter(pk=assignment.pk).update(
        approved_hours=Decimal("2.50"), hours_correction_reason="Lopetti aikaisemmin"
    )
    staff = UnitStaffFactory(unit=unit, first_name="Olli", last_name="Ohjaaja")
    AssignmentStatusChange.objects.create(
        assignment=assignment, from_status="offered", to_status="accepted", by=staff, on_behalf=True
    )
    Feedback.objects.create(assignment=assignment, rating=5, text="Erinomaista työtä", source="coordinator")
    order.status_changes.create(from_status="staffing", to_status="scheduled", by=coordinator, note="Kaikki mukana")

    html = page(client, url("order", order.pk))

    for text in (
        "Ikkunanpesu",
        "Kahvilan ikkunat sisältä.",
        "PO-778",
        order.contact.email,
        order.client.billing_email,
        "Commission contract",
        "14.50",  # the hourly price excl. VAT
        order.terms.version,
        order.terms_accepted_name,
        "Vallila",
        "Ville Virtanen",
        "A staff member comes along",
        "3.00",
        "2.50",
        "Lopetti aikaisemmin",
        "Accepted: by staff for the worker",
        "Rating 5/5",
        "Erinomaista työtä",
        "Staffing → Scheduled",
        "Kaikki mukana",
        "Offered → Accepted",
        "by staff for the worker",
        "Olli Ohjaaja",
    ):
        assert text in html, text
    assert worker.support_needs not in html  # special-category data stays off this page


def test_order_page__query_count_does_not_grow_with_gigs_and_workers(
    client, coordinator, django_assert_max_num_queries
):
    def make(gig_count):
        order = order_in(OrderStatus.STAFFING)
        for _ in range(gig_count):
            gig = GigFactory(order=order, workers_needed=3)
            AssignmentFactory(gig=gig)
            AssignmentFactory(gig=gig, accepted=True)
            OrderUnitNotice.objects.create(order=order, unit=UnitFactory())
        return order

    small, large = make(1), make(6)
    # 14 for the page, +2 for the benefit foresight: the workers' consents and, on a commission order, the
    # recorded commission-work explanations.
    # 17: the Incomes Register due-reports warning of every coordinator page is one query.
    # 18: the foresight reads the payment schedule (earnings count by the day they are paid).
    # 19: the client's wishes for a worker again (one query).
    # The rules-health warning is read from the cache (two queries when it is computed, every few
    # minutes): the first view computes it.
    page(client, url("order", small.pk))
    with django_assert_max_num_queries(19) as small_queries:
        page(client, url("order", small.pk))
    with django_assert_max_num_queries(19) as large_queries:
        page(client, url("order", large.pk))
    assert len(large_queries) == len(small_queries)


# --- Order actions --------------------------------------------------------------------------------
def test_send_terms__sends_and_says_so(client, coordinator):
    order = OrderFactory()

    html = post(client, url("order-send-terms", order.pk))

    order.refresh_from_db()
    assert order.status == OrderStatus.TERMS_SENT
    assert f"Order {order.number}: the terms were sent to {order.contact.email}." in html
    assert OutboundEmail.objects.filter(code="order_terms").count() == 1


def test_send_terms__from_the_list_returns_to_the_filtered_list(client, coordinator):
    order = OrderFactory()
    back = url("dashboard") + "?status=submitted"

    response = client.post(url("order-send-terms", order.pk), {"next": back})

    assert response.status_code == 302 and response["Location"] == back


def test_send_terms__unsafe_next_is_ignored(client, coordinator):
    order = OrderFactory()

    response = client.post(url("order-send-terms", order.pk), {"next": "https://evil.example.org/"})

    assert response["Location"] == url("order", order.pk)


def test_send_terms__refused_in_a_later_state_shows_the_reason(client, coordinator):
    order = order_in(OrderStatus.STAFFING)

    html = post(client, url("order-send-terms", order.pk))

    order.refresh_from_db()
    assert order.status == OrderStatus.STAFFING
    assert "message--error" in html
    assert "cannot be changed to “Terms sent”" in html


def test_reject__confirmation_page_then_rejects_with_the_reason(client, coordinator):
    order = OrderFactory()

    confirm = page(client, url("order-reject", order.pk))
    assert "Reject the request" in confirm and 'name="reason"' in confirm

    html = post(client, url("order-reject", order.pk), {"reason": "Ei työtoiminnan tehtävä"})

    order.refresh_from_db()
    assert order.status == OrderStatus.REJECTED
    assert order.closed_reason == "Ei työtoiminnan tehtävä"
    assert f"Order {order.number} was rejected." in html


def test_reject__refused_after_the_terms_are_accepted(client, coordinator):
    order = order_in(OrderStatus.TERMS_ACCEPTED)

    html = post(client, url("order-reject", order.pk), {"reason": "Myöhässä"})

    order.refresh_from_db()
    assert order.status == OrderStatus.TERMS_ACCEPTED
    assert "cannot be changed to “Rejected”" in html


def test_cancel__without_a_reason_shows_the_error_and_changes_nothing(client, coordinator):
    order = order_in(OrderStatus.STAFFING)

    response = client.post(url("order-cancel", order.pk), {"reason": "   "})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Write the reason." in html
    assert 'aria-invalid="true"' in html
    order.refresh_from_db()
    assert order.status == OrderStatus.STAFFING


def test_cancel__with_a_reason_cancels_and_withdraws_open_assignments(client, coordinator):
    assignment = assignment_in(AssignmentStatus.ACCEPTED)
    order = assignment.gig.order

    html = post(client, url("order-cancel", order.pk), {"reason": "Asiakas perui"})

    order.refresh_from_db()
    assignment.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert assignment.status == AssignmentStatus.WITHDRAWN
    assert f"Order {order.number} was cancelled." in html
    assert "Asiakas perui" in html  # the reason is on the order's page


def test_cancel__refused_when_work_is_done_shows_why(client, coordinator):
    assignment = assignment_in(AssignmentStatus.DONE, order_status=OrderStatus.SCHEDULED)
    order = assignment.gig.order

    html = post(client, url("order-cancel", order.pk), {"reason": "Asiakas perui"})

    order.refresh_from_db()
    assert order.status == OrderStatus.SCHEDULED
    assert "Some work on this order is already done" in html


def test_cancel__confirmation_page_links_back_to_where_the_user_came_from(client, coordinator):
    order = OrderFactory()
    back = url("dashboard") + "?status=submitted"

    html = page(client, url("order-cancel", order.pk), next=back)

    assert f'href="{back}"' in html
    assert f'name="next" value="{back}"' in html


def test_inform_units__informs_the_chosen_units_and_shows_informed_ones(client, coordinator):
    vallila, toolo = UnitFactory(name="Vallila"), UnitFactory(name="Töölö")
    order = order_in(OrderStatus.TERMS_ACCEPTED)

    html = post(client, url("order-inform-units", order.pk), {"units": [vallila.pk]})

    order.refresh_from_db()
    assert order.status == OrderStatus.STAFFING
    assert set(order.unit_notices.values_list("unit_id", flat=True)) == {vallila.pk}
    assert f"Units informed of order {order.number}: Vallila." in html
    assert "Vallila (already informed)" in html
    assert f'name="units" value="{toolo.pk}"' in html
    assert f'name="units" value="{vallila.pk}"' not in html


def test_inform_units__without_a_unit_or_before_the_terms_is_refused(client, coordinator):
    unit = UnitFactory()
    accepted = order_in(OrderStatus.TERMS_ACCEPTED)
    submitted = OrderFactory()

    html = post(client, url("order-inform-units", accepted.pk), {})
    assert "Choose at least one unit." in html

    html = post(client, url("order-inform-units", submitted.pk), {"units": [unit.pk]})
    assert "Units can be informed once the client has accepted the terms." in html
    assert not OrderUnitNotice.objects.exists()


def test_add_gig__adds_it(client, coordinator):
    order = order_in(OrderStatus.STAFFING)
    day = timezone.localdate() + dt.timedelta(days=5)

    html = post(
        client,
        url("gig-add", order.pk),
        {
            "date": day.isoformat(),
            "start_time": "10:00",
            "planned_hours": "2,5",
            "workers_needed": "2",
            "notes": "Ovi B",
        },
    )

    gig = order.gigs.get()
    assert (gig.date, gig.start_time, gig.planned_hours, gig.workers_needed, gig.notes) == (
        day,
        dt.time(10),
        Decimal("2.50"),
        2,
        "Ovi B",
    )
    assert f"A gig on {day:%d.%m.%Y} was added to order {order.number}." in html


def test_add_gig__form_errors_are_shown_next_to_the_fields(client, coordinator):
    order = order_in(OrderStatus.STAFFING)

    response = client.post(url("gig-add", order.pk), {"date": "", "start_time": "10:00", "planned_hours": ""})

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="gig-date_error"' in html and 'id="gig-planned_hours_error"' in html
    assert 'value="10:00"' in html
    assert not order.gigs.exists()


def test_add_gig__refusals_are_shown_and_the_input_kept(client, coordinator):
    staffing = order_in(OrderStatus.STAFFING)
    submitted = OrderFactory()
    past = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    future = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    data = {"start_time": "10:00", "planned_hours": "3", "workers_needed": "1"}

    html = client.post(url("gig-add", staffing.pk), {**data, "date": past}).content.decode()
    assert "The gig&#x27;s date is in the past." in html or "The gig's date is in the past." in html
    assert f'value="{past}"' in html

    html = client.post(url("gig-add", staffing.pk), {**data, "date": future, "planned_hours": "13"}).content.decode()
    assert "One gig can have at most 12 hours." in html

    html = client.post(url("gig-add", submitted.pk), {**data, "date": future}).content.decode()
    assert "Gigs can be entered once the client has accepted the terms." in html
    assert not staffing.gigs.exists() and not submitted.gigs.exists()


def test_request_feedback__emails_the_client(client, coordinator):
    order = order_in(OrderStatus.APPROVED)

    html = post(client, url("order-request-feedback", order.pk))

    order.refresh_from_db()
    assert order.feedback_requested_at is not None
    assert f"Order {order.number}: feedback was asked for from {order.contact.email}." in html


def test_request_feedback__refused_before_approval(client, coordinator):
    order = order_in(OrderStatus.STAFFING)

    html = post(client, url("order-request-feedback", order.pk))

    assert "Feedback can be asked for once the work is approved." in html


def test_approved_order__no_button_or_address_marks_it_invoiced(client, coordinator):
    """Only billing's issued invoice makes an order invoiced: the order's page offers no shortcut,
    and the old address of the "Mark invoiced" action is gone."""
    order = approved_order_with_work()

    html = page(client, url("order", order.pk))

    assert "Mark invoiced" not in html
    assert "mark-invoiced" not in html
    with pytest.raises(NoReverseMatch):
        url("order-mark-invoiced", order.pk)
    response = client.post(url("order", order.pk) + "mark-invoiced/")
    assert response.status_code == 404
    order.refresh_from_db()
    assert order.status == OrderStatus.APPROVED


def test_close__an_order_that_billing_invoiced(client, coordinator):
    order = invoiced_order(by=coordinator)
    assert "Close the order" in page(client, url("order", order.pk))

    html = post(client, url("order-close", order.pk))

    order.refresh_from_db()
    assert order.status == OrderStatus.CLOSED
    assert f"Order {order.number} is closed." in html


def test_close__refused_in_the_wrong_state(client, coordinator):
    order = order_in(OrderStatus.STAFFING)

    assert "cannot be changed to “Closed”" in post(client, url("order-close", order.pk))
    order.refresh_from_db()
    assert order.status == OrderStatus.STAFFING
