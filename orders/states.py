"""The two state machines of the order flow, in one place.

The enums, their groups (class properties on the enums, so a caller writes
`OrderStatus.gig_editable_states` and never restates a list), both transition tables, which
assignment moves each order state allows, and the happy path. The services guard with them, the
database constraints are built from them, the pages derive their buttons from them, and the
factories and seeds put objects in states that they allow.

A group is a frozenset of enum members; members compare equal to their string values, so
`"staffing" in OrderStatus.gig_editable_states` holds, and a group can go straight into
`status__in=...`.
"""

from __future__ import annotations

from django.db import models
from django.utils.functional import classproperty
from django.utils.translation import pgettext_lazy


class OrderStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("order status", "Submitted")
    TERMS_SENT = "terms_sent", pgettext_lazy("order status", "Terms sent")
    TERMS_ACCEPTED = "terms_accepted", pgettext_lazy("order status", "Terms accepted")
    STAFFING = "staffing", pgettext_lazy("order status", "Staffing")
    SCHEDULED = "scheduled", pgettext_lazy("order status", "Scheduled")
    DONE = "done", pgettext_lazy("order status", "Done")
    APPROVED = "approved", pgettext_lazy("order status", "Approved")
    INVOICED = "invoiced", pgettext_lazy("order status", "Invoiced")
    CLOSED = "closed", pgettext_lazy("order status", "Closed")
    CANCELLED = "cancelled", pgettext_lazy("order status", "Cancelled")
    REJECTED = "rejected", pgettext_lazy("order status", "Rejected")

    # --- Groups -----------------------------------------------------------------------------------
    @classproperty
    def open_states(cls) -> frozenset[OrderStatus]:
        """Not finished yet: everything but closed, cancelled and rejected (the retention of a
        client contact waits for these)."""
        return frozenset(cls) - cls.final_states

    @classproperty
    def final_states(cls) -> frozenset[OrderStatus]:
        """No way out of these (derived from the table)."""
        return frozenset(s for s in cls if not ORDER_TRANSITIONS[s])

    @classproperty
    def awaiting_acceptance_states(cls) -> frozenset[OrderStatus]:
        """The happy path before the client accepts the terms: asked for, terms perhaps sent."""
        return frozenset(ORDER_HAPPY_PATH[: ORDER_HAPPY_PATH.index(cls.TERMS_ACCEPTED)])

    @classproperty
    def accepted_states(cls) -> frozenset[OrderStatus]:
        """The client has accepted the terms: every state on the happy path from `terms_accepted` on
        (closed included: an order is closed only after it was invoiced, so it was accepted)."""
        return frozenset(ORDER_HAPPY_PATH[ORDER_HAPPY_PATH.index(cls.TERMS_ACCEPTED) :])

    @classproperty
    def client_cancellable_states(cls) -> frozenset[OrderStatus]:
        """The client may cancel the order themselves while nobody has been asked to work on it yet:
        the cancellable states before staffing."""
        before_staffing = ORDER_HAPPY_PATH[: ORDER_HAPPY_PATH.index(cls.STAFFING)]
        return frozenset(s for s in before_staffing if cls.CANCELLED in ORDER_TRANSITIONS[s])

    @classproperty
    def changeable_states(cls) -> frozenset[OrderStatus]:
        """The order's task, place and gigs may be changed from when it was sent until its work is
        done: the happy path before done."""
        return frozenset(ORDER_HAPPY_PATH[: ORDER_HAPPY_PATH.index(cls.DONE)])

    @classproperty
    def gig_editable_states(cls) -> frozenset[OrderStatus]:
        """Gigs may be entered once the terms are accepted and until the work is done."""
        return frozenset({cls.TERMS_ACCEPTED, cls.STAFFING, cls.SCHEDULED})

    @classproperty
    def unit_informing_states(cls) -> frozenset[OrderStatus]:
        """Units may be informed of the need (again, for more units) in the same states in which gigs
        may be added: a new gig may need workers from a unit not yet told."""
        return cls.gig_editable_states

    @classproperty
    def work_states(cls) -> frozenset[OrderStatus]:
        """The order's gigs have assignments that a person may move (derived from the guard table)."""
        return frozenset(s for s in cls if ASSIGNMENT_MOVES_BY_ORDER_STATE[s])

    @classproperty
    def billable_states(cls) -> frozenset[OrderStatus]:
        """All work approved, not yet on an invoice: billing may invoice these."""
        return frozenset(s for s in cls if cls.INVOICED in ORDER_TRANSITIONS[s])

    @classproperty
    def invoiced_states(cls) -> frozenset[OrderStatus]:
        """An issued invoice covers the order's work."""
        return frozenset({cls.INVOICED, cls.CLOSED})

    @classproperty
    def feedback_states(cls) -> frozenset[OrderStatus]:
        """The client may give feedback (a link sent before closing still works after it)."""
        return frozenset({cls.APPROVED, cls.INVOICED, cls.CLOSED})

    @classproperty
    def feedback_request_states(cls) -> frozenset[OrderStatus]:
        """The coordinator may ask for feedback: work approved, order not closed (closing says the
        feedback round is over)."""
        return frozenset({cls.APPROVED, cls.INVOICED})

    # --- The table, per state ---------------------------------------------------------------------
    @property
    def next_states(self) -> frozenset[OrderStatus]:
        return ORDER_TRANSITIONS[self]

    def can_move_to(self, target: str) -> bool:
        return target in ORDER_TRANSITIONS[self]

    @classmethod
    def states_that_can_move_to(cls, target: str) -> frozenset[OrderStatus]:
        return frozenset(s for s in cls if target in ORDER_TRANSITIONS[s])


class AssignmentStatus(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("assignment status", "Proposed")
    OFFERED = "offered", pgettext_lazy("assignment status", "Offered")
    ACCEPTED = "accepted", pgettext_lazy("assignment status", "Accepted")
    DECLINED = "declined", pgettext_lazy("assignment status", "Declined")
    DONE = "done", pgettext_lazy("assignment status", "Done")
    APPROVED = "approved", pgettext_lazy("assignment status", "Approved")
    WITHDRAWN = "withdrawn", pgettext_lazy("assignment status", "Withdrawn")
    # The worker took the gig and then could not come (told so, or did not come): the place is free.
    CANT_COME = "cant_come", pgettext_lazy("assignment status", "Can't come")

    # --- Groups -----------------------------------------------------------------------------------
    @classproperty
    def ended_states(cls) -> frozenset[AssignmentStatus]:
        """The worker is off the gig for good: proposing them again is refused."""
        return frozenset({cls.DECLINED, cls.WITHDRAWN, cls.CANT_COME})

    @classproperty
    def active_states(cls) -> frozenset[AssignmentStatus]:
        """Holds (or asks for) a place on the gig: every state but the ended ones."""
        return frozenset(cls) - cls.ended_states

    @classproperty
    def filling_states(cls) -> frozenset[AssignmentStatus]:
        """Fills a place on the gig: the worker said yes."""
        return frozenset(ASSIGNMENT_HAPPY_PATH[ASSIGNMENT_HAPPY_PATH.index(cls.ACCEPTED) :])

    @classproperty
    def coming_states(cls) -> frozenset[AssignmentStatus]:
        """The worker is still deciding or going: the work lies ahead (and the worker can still be
        taken off the gig: derived from the table)."""
        return cls.states_that_can_move_to(cls.WITHDRAWN)

    @classproperty
    def work_done_states(cls) -> frozenset[AssignmentStatus]:
        """The work is reported done, so the assignment has reported hours."""
        return frozenset({cls.DONE, cls.APPROVED})

    @classproperty
    def billable_states(cls) -> frozenset[AssignmentStatus]:
        """Approved hours: what the client is invoiced for and the worker is paid for."""
        return frozenset({cls.APPROVED})

    @classproperty
    def undecided_states(cls) -> frozenset[AssignmentStatus]:
        """Asked but not yet taken: withdrawn when the order's work is over without them."""
        return frozenset({cls.PROPOSED, cls.OFFERED})

    # --- The table, per state ---------------------------------------------------------------------
    @property
    def next_states(self) -> frozenset[AssignmentStatus]:
        return ASSIGNMENT_TRANSITIONS[self]

    def can_move_to(self, target: str) -> bool:
        return target in ASSIGNMENT_TRANSITIONS[self]

    @classmethod
    def states_that_can_move_to(cls, target: str) -> frozenset[AssignmentStatus]:
        return frozenset(s for s in cls if target in ASSIGNMENT_TRANSITIONS[s])


# --- The transition tables --------------------------------------------------------------------------
# Which order state may follow which. Every order transition in orders.services checks this table.
ORDER_TRANSITIONS: dict[OrderStatus, frozenset[OrderStatus]] = {
    OrderStatus.SUBMITTED: frozenset({OrderStatus.TERMS_SENT, OrderStatus.REJECTED, OrderStatus.CANCELLED}),
    OrderStatus.TERMS_SENT: frozenset({OrderStatus.TERMS_ACCEPTED, OrderStatus.REJECTED, OrderStatus.CANCELLED}),
    OrderStatus.TERMS_ACCEPTED: frozenset({OrderStatus.STAFFING, OrderStatus.CANCELLED}),
    OrderStatus.STAFFING: frozenset({OrderStatus.SCHEDULED, OrderStatus.CANCELLED}),
    # A worker dropping out (or a new gig) sends a scheduled order back to staffing.
    OrderStatus.SCHEDULED: frozenset({OrderStatus.DONE, OrderStatus.STAFFING, OrderStatus.CANCELLED}),
    OrderStatus.DONE: frozenset({OrderStatus.APPROVED}),
    # Only billing's issued invoice moves an approved order on (see orders.hooks).
    OrderStatus.APPROVED: frozenset({OrderStatus.INVOICED}),
    # A credit note that makes some of the work invoiceable again sends the order back to approved
    # (only billing's coverage check allows it, see orders.hooks).
    OrderStatus.INVOICED: frozenset({OrderStatus.CLOSED, OrderStatus.APPROVED}),
    OrderStatus.CLOSED: frozenset(),
    OrderStatus.CANCELLED: frozenset(),
    OrderStatus.REJECTED: frozenset(),
}

# Which assignment state may follow which.
ASSIGNMENT_TRANSITIONS: dict[AssignmentStatus, frozenset[AssignmentStatus]] = {
    AssignmentStatus.PROPOSED: frozenset({AssignmentStatus.OFFERED, AssignmentStatus.WITHDRAWN}),
    AssignmentStatus.OFFERED: frozenset(
        {AssignmentStatus.ACCEPTED, AssignmentStatus.DECLINED, AssignmentStatus.WITHDRAWN}
    ),
    AssignmentStatus.ACCEPTED: frozenset(
        {AssignmentStatus.DONE, AssignmentStatus.WITHDRAWN, AssignmentStatus.CANT_COME}
    ),
    AssignmentStatus.DONE: frozenset({AssignmentStatus.APPROVED}),
    AssignmentStatus.DECLINED: frozenset(),
    AssignmentStatus.APPROVED: frozenset(),
    AssignmentStatus.WITHDRAWN: frozenset(),
    AssignmentStatus.CANT_COME: frozenset(),
}

# Which assignment moves (by their target state; PROPOSED is a new proposal) a person may make while
# the order is in a state. The order's own transitions take assignments with them and are not
# limited by this: cancelling withdraws the open assignments, and the order becoming done withdraws
# the proposals nobody took.
_STAFFING_MOVES = frozenset(
    {
        AssignmentStatus.PROPOSED,
        AssignmentStatus.OFFERED,
        AssignmentStatus.ACCEPTED,
        AssignmentStatus.DECLINED,
        AssignmentStatus.DONE,
        AssignmentStatus.APPROVED,
        AssignmentStatus.WITHDRAWN,
        AssignmentStatus.CANT_COME,
    }
)
ASSIGNMENT_MOVES_BY_ORDER_STATE: dict[OrderStatus, frozenset[AssignmentStatus]] = {
    OrderStatus.SUBMITTED: frozenset(),
    OrderStatus.TERMS_SENT: frozenset(),
    OrderStatus.TERMS_ACCEPTED: frozenset(),
    OrderStatus.STAFFING: _STAFFING_MOVES,
    # Every place is filled: nobody new is proposed, but an offer may still be passed on (a stand-in
    # waiting for a place that frees up).
    OrderStatus.SCHEDULED: _STAFFING_MOVES - {AssignmentStatus.PROPOSED},
    # All reported: what remains is approving the hours.
    OrderStatus.DONE: frozenset({AssignmentStatus.APPROVED}),
    OrderStatus.APPROVED: frozenset(),
    OrderStatus.INVOICED: frozenset(),
    OrderStatus.CLOSED: frozenset(),
    OrderStatus.CANCELLED: frozenset(),
    OrderStatus.REJECTED: frozenset(),
}

# The way an order and an assignment go when nothing goes wrong.
ORDER_HAPPY_PATH: tuple[OrderStatus, ...] = (
    OrderStatus.SUBMITTED,
    OrderStatus.TERMS_SENT,
    OrderStatus.TERMS_ACCEPTED,
    OrderStatus.STAFFING,
    OrderStatus.SCHEDULED,
    OrderStatus.DONE,
    OrderStatus.APPROVED,
    OrderStatus.INVOICED,
    OrderStatus.CLOSED,
)
ASSIGNMENT_HAPPY_PATH: tuple[AssignmentStatus, ...] = (
    AssignmentStatus.PROPOSED,
    AssignmentStatus.OFFERED,
    AssignmentStatus.ACCEPTED,
    AssignmentStatus.DONE,
    AssignmentStatus.APPROVED,
)


def in_declared_order(group) -> list:
    """A group as a list in the enum's order: a stable value for `status__in` in a database
    constraint, so its migration does not change with the iteration order of a set."""
    members = list(OrderStatus) if all(isinstance(s, OrderStatus) for s in group) else list(AssignmentStatus)
    return [s for s in members if s in group]


def order_allows_assignment_move(order_status: str, target: str) -> bool:
    """May a person move an assignment to `target` while its order is in `order_status`?"""
    return target in ASSIGNMENT_MOVES_BY_ORDER_STATE[OrderStatus(order_status)]


def available_order_statuses(status: str) -> frozenset[OrderStatus]:
    """The states an order in `status` may move to (the buttons of an order come from this)."""
    return ORDER_TRANSITIONS[OrderStatus(status)]


def available_assignment_statuses(status: str, *, order_status: str) -> frozenset[AssignmentStatus]:
    """The states a person may move an assignment to: the assignment table, narrowed by its order's state."""
    return ASSIGNMENT_TRANSITIONS[AssignmentStatus(status)] & ASSIGNMENT_MOVES_BY_ORDER_STATE[OrderStatus(order_status)]
