"""The orders app's personal data: its inventory, its sections of the data export, its retention.

Registered in the kernel's privacy registry (`jobcenter.privacy`) when the app is ready.

Retention: a worker's gigs count as their activity and open work keeps them; when a worker is
anonymised their words on the gigs go (interest notes, the notes of their status changes, the
feedback texts). A client contact is anonymised `JOBCENTER_RETENTION_CONTACT_YEARS` after their last
order or login, unless an order of theirs is still open; their account closes too, unless it has
another role.
"""

from __future__ import annotations

from django.db.models import OuterRef, Q
from django.utils.translation import gettext_lazy as _

from jobcenter.privacy import (
    FINANCIAL,
    PERSONAL,
    PUBLIC,
    SPECIAL,
    latest,
    register_inventory,
    register_retention_activity,
    register_retention_hold,
    register_retention_step,
    register_section,
)
from orders.models import Assignment, AssignmentStatusChange, Feedback, Order
from orders.states import AssignmentStatus
from workers.models import Worker
from workers.privacy import WORKER, person_name

P, PE, S, F_ = PUBLIC, PERSONAL, SPECIAL, FINANCIAL

register_inventory(
    {
        "orders.TaskType": {"id": P, "code": P, "name": P, "name_fi": P, "name_sv": P, "name_en": P, "is_active": P},
        "orders.ClientOrganisation": {
            "id": P,
            "created_at": P,
            "updated_at": P,
            "name": P,
            "business_id": P,
            "client_type": P,
            "language": P,
            "billing_name": P,
            "billing_street": P,
            "billing_postal_code": P,
            "billing_city": P,
            "billing_email": PE,
            "einvoice_address": F_,
            "einvoice_operator": F_,
            "invoicing_mode": P,
            "contract_number": F_,
            "payment_term_days": F_,
            "match_candidate": P,
            "match_reason": P,
        },
        "orders.ClientContact": {
            "id": P,
            "created_at": P,
            "updated_at": P,
            "organisation": P,
            "user": PE,
            "name": PE,
            "email": PE,
            "phone": PE,
            "is_active": P,
        },
        "orders.OrderTerms": {
            "id": P,
            "version": P,
            "valid_from": P,
            "text": P,
            "text_fi": P,
            "text_sv": P,
            "text_en": P,
        },
        "orders.Order": {
            "id": P,
            "created_at": P,
            "updated_at": P,
            "client": P,
            "contact": PE,
            "task_type": P,
            "title": P,
            "description": P,
            "orientation": P,
            "street_address": P,
            "postal_code": P,
            "city": P,
            "preferred_start": P,
            "preferred_end": P,
            "timing_notes": P,
            "estimated_hours": P,
            "hours_indicative": P,
            "workers_needed": P,
            "tools_provided": P,
            "contract_type": P,
            "client_reference": F_,
            "language": P,
            "status": P,
            "submitted_at": P,
            "submission_key": P,
            "copied_from": P,  # another order of the same organisation ("order again")
            "terms": P,
            "terms_sent_at": P,
            "terms_accepted_at": PE,
            "terms_accepted_by": PE,
            "terms_accepted_name": PE,
            "closed_reason": P,
            "feedback_requested_at": P,
            "informed_units": P,
        },
        "orders.OrderStatusChange": {
            "id": P,
            "order": P,
            "from_status": P,
            "to_status": P,
            "by": PE,
            "kind": P,
            "params": PE,  # the name of who accepted the terms or gave feedback
            "note": PE,
            "at": P,
        },
        "orders.OrderUnitNotice": {"id": P, "order": P, "unit": P, "informed_at": P, "informed_by": PE},
        "orders.Gig": {
            "id": P,
            "created_at": P,
            "updated_at": P,
            "order": P,
            "date": P,
            "start_time": P,
            "planned_hours": P,
            "workers_needed": P,
            "notes": P,
            "series": P,
            "cancelled_at": P,
            "cancelled_by": PE,
            "cancellation_reason": PE,  # may say why a person cannot come
            "cancelled_by_client": P,
            "cancelled_late": P,
            "cancellation_charge_hours": F_,
            "cancellation_charge_unit_price": F_,
            "cancellation_charge": F_,
        },
        "orders.Assignment": {
            "id": P,
            "created_at": P,
            "updated_at": P,
            "gig": P,
            "worker": PE,
            "proposed_by": PE,
            "unit": PE,
            "support": S,  # how the worker is supported at work (staff along, by phone): about their ability
            "support_person": PE,
            "skills_checked": PE,
            "interest_note": PE,
            "status": PE,
            "reported_hours": PE,
            "reported_at": PE,
            "approved_hours": PE,
            "hours_correction_reason": PE,
            "approved_at": PE,
            "approved_by": PE,
            "cancellation_pay_hours": F_,  # the worker's pay for a gig the client cancelled late
            "cancellation_pay_rate": F_,
            "cancellation_pay": F_,
        },
        "orders.AssignmentStatusChange": {
            "id": P,
            "assignment": P,
            "from_status": PE,
            "to_status": PE,
            "by": PE,
            "on_behalf": PE,
            "kind": PE,
            "params": PE,  # the hours reported and approved
            "note": PE,  # a decline reason may tell about the person's health
            "at": PE,
        },
        "orders.Feedback": {
            "id": P,
            "created_at": P,
            "updated_at": P,
            "assignment": PE,
            "rating": PE,
            "text": PE,
            "source": P,
            "given_by_name": PE,
            "recorded_by": PE,
            "may_quote": PE,  # the client's permission to quote its words on the worker's CV
        },
    }
)

del P, PE, S, F_


# --- Export sections ------------------------------------------------------------------------------
_GIG_LABELS = {
    "start_time": _("Start time"),
    "planned_hours": _("Planned hours"),
    "support": _("Support"),
    "support_person": _("Supporting staff member"),
    "interest_note": _("Your interest"),
    "reported_hours": _("Reported hours"),
    "reported_at": _("Reported"),
    "approved_hours": _("Approved hours"),
    "approved_at": _("Approved"),
    "hours_correction_reason": _("Reason for correcting the hours"),
    "history": _("History"),
    "from_status": _("Earlier status"),
    "to_status": _("New status"),
    "on_behalf": _("Done by staff for you"),
}


def _address(order: Order) -> str:
    return ", ".join(p for p in (order.street_address, f"{order.postal_code} {order.city}".strip()) if p)


@register_section("gigs", _("Your gigs and hours"), order=50, labels=_GIG_LABELS)
def _gigs(worker: Worker) -> list[dict]:
    assignments = (
        Assignment.objects.filter(worker=worker)
        .select_related("gig__order__client", "gig__order__task_type", "unit", "support_person")
        .prefetch_related("status_changes__by")
        .order_by("gig__date", "gig__start_time", "pk")
    )
    rows = []
    for a in assignments:
        order = a.gig.order
        rows.append(
            {
                "date": a.gig.date,
                "start_time": a.gig.start_time,
                "planned_hours": a.gig.planned_hours,
                "task": order.task_type.name if order.task_type_id else order.title,
                "client": order.client.name,
                "address": _address(order),
                "status": a.get_status_display(),
                "unit": a.unit.name,
                "support": a.get_support_display(),
                "support_person": person_name(a.support_person),
                "interest_note": a.interest_note,
                "reported_hours": a.reported_hours,
                "reported_at": a.reported_at,
                "approved_hours": a.approved_hours,
                "approved_at": a.approved_at,
                "hours_correction_reason": a.hours_correction_reason,
                "history": [
                    {
                        "at": change.at,
                        "from_status": change.get_from_status_display(),
                        "to_status": change.get_to_status_display(),
                        "by": person_name(change.by),
                        "on_behalf": change.on_behalf,
                        # What happened in the worker's language, then what a person typed.
                        "note": " ".join(text for text in (change.describe(), change.note) if text),
                    }
                    for change in a.status_changes.all()
                ],
            }
        )
    return rows


_FEEDBACK_LABELS = {"rating": _("Rating"), "text": _("Feedback"), "source": _("Source"), "given_by": _("Given by")}


@register_section("feedback", _("Feedback on your work"), order=60, labels=_FEEDBACK_LABELS)
def _feedback(worker: Worker) -> list[dict]:
    items = (
        Feedback.objects.filter(assignment__worker=worker)
        .select_related("assignment__gig__order__client")
        .order_by("assignment__gig__date", "pk")
    )
    return [
        {
            "date": f.assignment.gig.date,
            "client": f.assignment.gig.order.client.name,
            "rating": f.rating,
            "text": f.text,
            "source": f.get_source_display(),
            "given_by": f.given_by_name,
            "created_at": f.created_at,
        }
        for f in items
    ]


# --- Retention of a worker: the gigs --------------------------------------------------------------
register_retention_activity(
    WORKER, "assignments", lambda: latest(Assignment.objects.filter(worker=OuterRef("pk")), "updated_at")
)
# Work still open keeps the worker; an approved gig is done (it waits only for pay and invoicing).
register_retention_hold(
    WORKER,
    "open_work",
    lambda: Q(assignments__status__in=set(AssignmentStatus.active_states) - {AssignmentStatus.APPROVED}),
)


@register_retention_step(
    WORKER,
    "gigs",
    order=30,
    keeps="Assignments with their hours and states, the status history and feedback ratings, without words.",
)
def _forget_gig_words(job) -> None:
    """The worker's interest notes, the notes of their status changes and the feedback texts go."""
    worker = job.row
    worker.assignments.update(interest_note="")
    AssignmentStatusChange.objects.filter(assignment__worker=worker).update(note="")
    Feedback.objects.filter(assignment__worker=worker).update(text="")
