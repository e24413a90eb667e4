"""The assignment actions on the coordinator's dashboard through the Django test client, each with
its happy path and its refusal: offering a gig, approving the hours (corrected hours need a reason;
with htmx the row is answered in place), taking a worker off a gig and recording feedback; and the
admin's read-only feedback list.

Pages are read in English (`/en/…`) so the assertions use the source strings; the `coordinator`
fixture (this directory's conftest.py) logs a coordinator in."""

from __future__ import annotations

from decimal import Decimal

import pytest

from orders.models import AssignmentStatus, Feedback, OrderStatus
from tests.factories import AdministratorFactory, AssignmentFactory, GigFactory
from tests.factories.states import assignment_in, order_in
from tests.support.coordinator_pages import page, post, url

pytestmark = pytest.mark.django_db


# --- Assignment actions ---------------------------------------------------------------------------
def test_offer__passes_a_proposed_worker_on(client, coordinator):
    assignment = assignment_in(AssignmentStatus.PROPOSED)

    html = post(client, url("assignment-offer", assignment.pk))

    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.OFFERED
    assert f"The gig was offered to {assignment.worker.display_name}." in html


def test_offer__refused_when_the_gig_is_full(client, coordinator):
    gig = GigFactory(order=order_in(OrderStatus.STAFFING), workers_needed=1)
    AssignmentFactory(gig=gig, accepted=True)
    proposed = AssignmentFactory(gig=gig)

    html = post(client, url("assignment-offer", proposed.pk))

    proposed.refresh_from_db()
    assert proposed.status == AssignmentStatus.PROPOSED
    assert "The gig already has all its workers." in html


def test_approve__as_reported(client, coordinator):
    assignment = assignment_in(AssignmentStatus.DONE, order_status=OrderStatus.DONE)

    response = client.post(url("assignment-approve", assignment.pk), {"hours": "3,00", "reason": ""})

    assert response.status_code == 302
    assert response["Location"] == url("order", assignment.gig.order_id) + f"#assignment-{assignment.pk}"
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.APPROVED
    assert assignment.approved_hours == Decimal("3.00")
    assignment.gig.order.refresh_from_db()
    assert assignment.gig.order.status == OrderStatus.APPROVED


def test_approve__corrected_hours_need_a_reason(client, coordinator):
    assignment = assignment_in(AssignmentStatus.DONE, order_status=OrderStatus.DONE)

    html = post(client, url("assignment-approve", assignment.pk), {"hours": "2", "reason": ""})

    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.DONE
    assert "You changed the hours. Write the reason for the change." in html

    html = post(client, url("assignment-approve", assignment.pk), {"hours": "2", "reason": "Lähti aiemmin"})

    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.APPROVED
    assert assignment.approved_hours == Decimal("2.00")
    assert assignment.hours_correction_reason == "Lähti aiemmin"
    assert "2.00 hours approved." in html


def test_approve__with_htmx_returns_the_updated_row_and_the_messages(client, coordinator):
    assignment = assignment_in(AssignmentStatus.DONE, order_status=OrderStatus.DONE)
    headers = {"HTTP_HX_REQUEST": "true"}

    refused = client.post(url("assignment-approve", assignment.pk), {"hours": "2", "reason": ""}, **headers)
    html = refused.content.decode()
    assert refused.status_code == 200
    assert html.lstrip().startswith(f'<tr id="assignment-{assignment.pk}"')
    assert "You changed the hours. Write the reason for the change." in html
    assert 'hx-swap-oob="innerHTML:body &gt; .messages"' in html or 'hx-swap-oob="innerHTML:body > .messages"' in html
    assert 'value="2"' in html  # what the coordinator typed stays

    done = client.post(url("assignment-approve", assignment.pk), {"hours": "2", "reason": "Lähti aiemmin"}, **headers)
    html = done.content.decode()
    assert "2.00 hours approved." in html
    assert 'id="order-state" data-hx-swap-oob="true"' in html  # the order became approved
    assert "Request feedback" in html  # the approved order's buttons came with it
    assert "Mark invoiced" not in html
    # The messages were shown in the row's answer, not left for the next page.
    assert "hours approved" not in page(client, url("order", assignment.gig.order_id))


def test_withdraw__confirmation_then_takes_the_worker_off(client, coordinator):
    assignment = assignment_in(AssignmentStatus.ACCEPTED)

    confirm = page(client, url("assignment-withdraw", assignment.pk))
    assert assignment.worker.display_name in confirm

    response = client.post(url("assignment-withdraw", assignment.pk), {"reason": ""})
    assert "Write the reason." in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACCEPTED

    html = post(client, url("assignment-withdraw", assignment.pk), {"reason": "Sairastui"})
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.WITHDRAWN
    assert f"{assignment.worker.display_name} was taken off the gig." in html


def test_withdraw__refused_for_done_work(client, coordinator):
    assignment = assignment_in(AssignmentStatus.DONE, order_status=OrderStatus.DONE)

    html = post(client, url("assignment-withdraw", assignment.pk), {"reason": "Virhe"})

    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.DONE
    assert "cannot be changed to “Withdrawn”" in html


def test_record_feedback__on_approved_work(client, coordinator):
    assignment = assignment_in(AssignmentStatus.APPROVED, order_status=OrderStatus.APPROVED)

    form = page(client, url("assignment-feedback", assignment.pk))
    assert 'name="rating"' in form

    missing = client.post(url("assignment-feedback", assignment.pk), {"text": "Hyvä"})
    assert "Choose a rating from 1 to 5." in missing.content.decode()
    assert not Feedback.objects.exists()

    html = post(client, url("assignment-feedback", assignment.pk), {"rating": "4", "text": "Hyvä työ"})
    feedback = Feedback.objects.get()
    assert (feedback.assignment_id, feedback.rating, feedback.text, feedback.recorded_by) == (
        assignment.pk,
        4,
        "Hyvä työ",
        coordinator,
    )
    assert feedback.given_by_name == assignment.gig.order.contact.name
    assert f"Feedback for {assignment.worker.display_name} was recorded." in html
    assert "Rating 4/5" in html


def test_record_feedback__refused_before_approval_or_twice(client, coordinator):
    done = assignment_in(AssignmentStatus.DONE, order_status=OrderStatus.DONE)
    assert "Feedback can be recorded for approved work only." in post(
        client, url("assignment-feedback", done.pk), {"rating": "5"}
    )

    approved = assignment_in(AssignmentStatus.APPROVED, order_status=OrderStatus.APPROVED)
    post(client, url("assignment-feedback", approved.pk), {"rating": "5"})
    assert "This worker already has feedback for this gig." in post(
        client, url("assignment-feedback", approved.pk), {"rating": "3"}
    )
    assert Feedback.objects.count() == 1


# --- The admin ------------------------------------------------------------------------------------
def test_admin__feedback_is_listed_and_read_only(client):
    assignment = assignment_in(AssignmentStatus.APPROVED, order_status=OrderStatus.APPROVED)
    feedback = Feedback.objects.create(assignment=assignment, rating=4, text="Hyvä", source="coordinator")
    client.force_login(AdministratorFactory())

    listing = page(client, "/admin/orders/feedback/")
    detail = page(client, f"/admin/orders/feedback/{feedback.pk}/change/")

    assert "Hyvä" in detail and str(assignment.worker) in listing
    assert assignment.worker.support_needs not in listing + detail
    assert client.get("/admin/orders/feedback/add/").status_code == 403
