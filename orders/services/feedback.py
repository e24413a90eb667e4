"""The client's feedback on the workers: asked for by email, given through the link or recorded by the
coordinator."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobcenter.errors import DomainError
from jobcenter.mail import queue_email
from orders import permissions
from orders import services as seams
from orders.models import Assignment, Feedback, FeedbackSource, Order, OrderEvent
from orders.services.common import _lock_order, _order_event, _require, _reverse_in, _site_url
from orders.states import AssignmentStatus, OrderStatus
from orders.tokens import make_feedback_token

# --- Feedback -------------------------------------------------------------------------------------
# Old name of the group: the states in which the client may give feedback.
FEEDBACK_STATES = OrderStatus.feedback_states


@transaction.atomic
def order_request_feedback(*, order_id: int, by) -> Order:
    """Email the client a signed link to a short feedback form (again, if asked again)."""
    _require(permissions.can_coordinate(by))
    order = _lock_order(order_id)
    if order.status not in OrderStatus.feedback_request_states:
        if order.status == OrderStatus.CLOSED:
            raise DomainError(_("The order is closed, so no more feedback is asked for."))
        raise DomainError(_("Feedback can be asked for once the work is approved."))
    order.feedback_requested_at = timezone.now()
    order.save(update_fields=["feedback_requested_at", "updated_at"])
    _order_event(order, by=by, kind=OrderEvent.FEEDBACK_REQUESTED)
    link = _site_url(_reverse_in(order.language, "orders:feedback", token=make_feedback_token(order)))
    queue_email(
        to=order.contact.email,
        code="feedback_request",
        language=order.language,
        context={"order": order, "contact": order.contact, "link": link},
    )
    return order


@dataclass(frozen=True)
class FeedbackEntry:
    assignment_id: int
    rating: int
    text: str = ""
    may_quote: bool = False


def _feedback_save(*, assignment: Assignment, entry: FeedbackEntry, source: str, given_by_name: str, by) -> Feedback:
    if not 1 <= int(entry.rating) <= 5:
        raise DomainError(_("Choose a rating from 1 to 5."))
    feedback = Feedback(
        assignment=assignment,
        rating=int(entry.rating),
        text=entry.text.strip(),
        source=source,
        given_by_name=given_by_name.strip(),
        may_quote=bool(entry.may_quote),
        recorded_by=by,
    )
    feedback.full_clean(validate_unique=False)
    feedback.save()
    return feedback


def _approved_assignments(order: Order) -> dict[int, Assignment]:
    return {
        a.pk: a
        for a in Assignment.objects.select_for_update(of=("self",))
        .select_related("worker__user")
        .filter(gig__order=order, status__in=AssignmentStatus.billable_states)
    }


@transaction.atomic
def feedback_submit(*, order_id: int, entries: Iterable[FeedbackEntry], given_by_name: str) -> list[Feedback]:
    """The client's feedback through the emailed link: a rating and words per worker, once."""
    order = _lock_order(order_id)
    if order.status not in FEEDBACK_STATES or order.feedback_requested_at is None:
        raise DomainError(_("This order is not waiting for feedback."))
    approved = _approved_assignments(order)
    if Feedback.objects.filter(assignment__in=approved.values()).exists():
        raise DomainError(_("Feedback for this order has already been given. Thank you!"))
    entries = list(entries)
    if not entries:
        raise DomainError(_("Give a rating to at least one worker."))
    saved = []
    for entry in entries:
        assignment = approved.get(entry.assignment_id)
        if assignment is None:
            raise DomainError(_("The feedback names a worker who did not work on this order."))
        saved.append(
            _feedback_save(
                assignment=assignment,
                entry=entry,
                source=FeedbackSource.CLIENT_LINK,
                given_by_name=given_by_name,
                by=None,
            )
        )
    _order_event(
        order,
        by=order.contact.user,
        kind=OrderEvent.FEEDBACK_GIVEN,
        params={"name": given_by_name.strip() or order.contact.name},
    )
    return saved


@transaction.atomic
def feedback_record(
    *, assignment_id: int, by, rating: int, text: str = "", given_by_name: str = "", may_quote: bool = False
) -> Feedback:
    """The coordinator records feedback the client gave another way (e.g. by phone). Replaces none."""
    _require(permissions.can_coordinate(by))
    order, assignment = seams._lock_assignment(assignment_id)
    if assignment.status != AssignmentStatus.APPROVED:
        raise DomainError(_("Feedback can be recorded for approved work only."))
    if Feedback.objects.filter(assignment=assignment).exists():
        raise DomainError(_("This worker already has feedback for this gig."))
    return _feedback_save(
        assignment=assignment,
        entry=FeedbackEntry(assignment_id=assignment.pk, rating=rating, text=text, may_quote=may_quote),
        source=FeedbackSource.COORDINATOR,
        given_by_name=given_by_name or order.contact.name,
        by=by,
    )
