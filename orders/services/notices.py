"""Telling the people a staffing move concerns: a worker taking a gig, saying no to it or being taken
off it, and the client told once when a gig has all its workers.

Called by the assignment services right after their move, inside their transaction and with the
order row locked: each email is queued there and sent only when the move commits, in the
recipient's language (`orders.selectors.notices` says who). A repeated move is a no-op in the
service and never reaches these functions, so nobody is told twice.
"""

from __future__ import annotations

from jobcenter.mail import queue_email
from orders.models import Assignment, AssignmentStatus, AssignmentStatusChange, Order, OrderEvent
from orders.selectors.changes import Recipient
from orders.selectors.notices import (
    accepted_recipients,
    client_told_staffed,
    declined_recipients,
    gig_staffing,
    staffed_recipients,
    withdrawn_recipients,
)
from orders.services.common import _order_event
from workers.contact import tell_worker

ACCEPTED_EMAIL = "gig_accepted_unit"
DECLINED_EMAIL = "gig_declined_unit"
WITHDRAWN_EMAILS = {
    "worker": "gig_withdrawn_worker",
    "staff": "gig_withdrawn_unit",
    "unit": "gig_withdrawn_unit",
    "client": "gig_restaffing_client",
}
STAFFED_EMAIL = "gig_staffed_client"


def _last_move(assignment: Assignment) -> AssignmentStatusChange | None:
    return assignment.status_changes.order_by("-pk").first()


def _send(recipients: list[Recipient], *, codes: dict[str, str], context: dict) -> None:
    for recipient in recipients:
        code = codes.get(recipient.role)
        if code is not None and recipient.role == "worker" and recipient.assignment is not None:
            tell_worker(recipient.assignment.worker, code=code, context={**context, "recipient": recipient})
        elif code is not None:
            queue_email(
                to=recipient.email,
                code=code,
                language=recipient.language,
                context={**context, "recipient": recipient},
            )


def _context(order: Order, assignment: Assignment) -> dict:
    return {"order": order, "gig": assignment.gig, "assignment": assignment, "worker": assignment.worker}


def tell_accepted(order: Order, assignment: Assignment, *, by) -> None:
    """The worker took the gig: her unit and the staff member along are told; and if that filled the
    gig's last place, the client is told it has its workers."""
    move = _last_move(assignment)
    if move is None or move.to_status != AssignmentStatus.ACCEPTED:
        return
    recipients = accepted_recipients(assignment=assignment, by=by, on_behalf=move.on_behalf)
    _send(recipients, codes=dict.fromkeys(("unit", "staff"), ACCEPTED_EMAIL), context=_context(order, assignment))
    if move.from_status not in AssignmentStatus.filling_states:
        confirm_staffed(order, assignment.gig, by=by)


def tell_declined(order: Order, assignment: Assignment, *, by) -> None:
    """The worker said no: the proposing unit is told (with her reason), so it can propose someone else."""
    move = _last_move(assignment)
    if move is None or move.to_status != AssignmentStatus.DECLINED:
        return
    recipients = declined_recipients(assignment=assignment, by=by, on_behalf=move.on_behalf)
    _send(recipients, codes={"unit": DECLINED_EMAIL}, context={**_context(order, assignment), "reason": move.note})


def tell_withdrawn(order: Order, assignment: Assignment, *, by) -> None:
    """The worker was taken off the gig: she is told plainly (else she finds out only by opening the
    gig), with the staff member along, her unit when the coordinator did it, and the client when
    the place she had taken is filled again."""
    move = _last_move(assignment)
    if move is None or move.to_status != AssignmentStatus.WITHDRAWN:
        return
    recipients = withdrawn_recipients(assignment=assignment, by=by, was=move.from_status)
    # The reason goes to the unit and the staff member only: the worker's and the client's emails leave it
    # out (it may be about her health), and her instructor tells her in person.
    context = {**_context(order, assignment), "reason": move.note}
    _send(recipients, codes=WITHDRAWN_EMAILS, context=context)


def confirm_staffed(order: Order, gig, *, by) -> None:
    """Tell the client once that the gig has all its workers: when the place just taken was its last.
    A gig staffed again after a worker dropped out is confirmed again, as a change (by a stand-in
    for a worker who could not come, the stand-in email is that news). Each confirmation is a line
    in the order's history (which is also how the next one knows it is a change)."""
    staffing = gig_staffing(gig=gig)
    if staffing.workers != gig.workers_needed:
        return
    is_change = client_told_staffed(gig=gig)
    _order_event(
        order,
        by=by,
        kind=OrderEvent.GIG_STAFFED,
        params={
            "gig": gig.pk,
            "date": gig.date.isoformat(),
            "time": gig.start_time.strftime("%H:%M"),
            "workers": staffing.workers,
        },
    )
    if gig.assignments.filter(status=AssignmentStatus.CANT_COME).exists():
        # A stand-in took the place of a worker who could not come: `stand_in_tell_client` tells the
        # client in the same acceptance, so a second email on the same news is left out.
        return
    _send(
        staffed_recipients(gig=gig),
        codes={"client": STAFFED_EMAIL},
        context={"order": order, "gig": gig, "staffing": staffing, "is_change": is_change},
    )
