"""Clients, orders, gigs and assignments. The state machines themselves live in `orders.states`.

Everything is importable from `orders.models` as before, including the states and their groups under
their old module-level names: each old name is the very group of `orders.states`, not a copy.
"""

from orders.models.accepted_terms import AcceptedTermsCopy
from orders.models.assignments import (
    Assignment,
    AssignmentStatusChange,
    Feedback,
    FeedbackSource,
    Gig,
)
from orders.models.attendance import AbsenceReason, AttendanceKind, AttendanceNote
from orders.models.clients import (
    ClientContact,
    ClientOrganisation,
    ClientType,
    InvoicingMode,
    MatchReason,
    OrderTerms,
    TaskType,
)
from orders.models.follow_ups import FollowUpKind, GigFollowUp
from orders.models.history import AssignmentEvent, OrderEvent
from orders.models.insurance import InsuranceCover, InsurancePolicy
from orders.models.orders import (
    ContractType,
    Order,
    OrderQuerySet,
    OrderStatusChange,
    OrderUnitNotice,
)
from orders.models.partners import (
    ContractStatus,
    EmployerPartner,
    EmploymentContract,
    IncomeClarification,
)
from orders.models.production import (
    PRODUCTION_STEPS,
    ProductionItem,
    ProductionOrder,
    ProductionStep,
    ProductionStepKind,
    ProductionStop,
    StopReason,
)
from orders.models.reminders import GigReminder, ReminderKind, ReminderRecipient
from orders.models.series import GigSeries
from orders.models.worker_again import WorkerAgainOutcome, WorkerAgainRequest
from orders.states import (
    ASSIGNMENT_HAPPY_PATH,
    ASSIGNMENT_MOVES_BY_ORDER_STATE,
    ASSIGNMENT_TRANSITIONS,
    ORDER_HAPPY_PATH,
    ORDER_TRANSITIONS,
    AssignmentStatus,
    OrderStatus,
)

# The old names of the tables and groups.
ORDER_NEXT_STATES = ORDER_TRANSITIONS
ASSIGNMENT_NEXT_STATES = ASSIGNMENT_TRANSITIONS
ORDER_OPEN_STATES = OrderStatus.open_states
ORDER_GIG_EDITABLE_STATES = OrderStatus.gig_editable_states
ASSIGNMENT_ACTIVE_STATES = AssignmentStatus.active_states
ASSIGNMENT_FILLING_STATES = AssignmentStatus.filling_states

__all__ = [
    "ASSIGNMENT_ACTIVE_STATES",
    "ASSIGNMENT_FILLING_STATES",
    "ASSIGNMENT_HAPPY_PATH",
    "ASSIGNMENT_MOVES_BY_ORDER_STATE",
    "ASSIGNMENT_NEXT_STATES",
    "ASSIGNMENT_TRANSITIONS",
    "AbsenceReason",
    "AcceptedTermsCopy",
    "ORDER_GIG_EDITABLE_STATES",
    "ORDER_HAPPY_PATH",
    "ORDER_NEXT_STATES",
    "ORDER_OPEN_STATES",
    "ORDER_TRANSITIONS",
    "PRODUCTION_STEPS",
    "Assignment",
    "AssignmentEvent",
    "AssignmentStatus",
    "AssignmentStatusChange",
    "AttendanceKind",
    "AttendanceNote",
    "ClientContact",
    "ClientOrganisation",
    "ClientType",
    "ContractStatus",
    "ContractType",
    "EmployerPartner",
    "EmploymentContract",
    "Feedback",
    "FeedbackSource",
    "FollowUpKind",
    "Gig",
    "GigFollowUp",
    "GigReminder",
    "GigSeries",
    "IncomeClarification",
    "InsuranceCover",
    "InsurancePolicy",
    "InvoicingMode",
    "MatchReason",
    "Order",
    "OrderEvent",
    "OrderQuerySet",
    "OrderStatus",
    "OrderStatusChange",
    "OrderTerms",
    "OrderUnitNotice",
    "ProductionItem",
    "ProductionOrder",
    "ProductionStep",
    "ProductionStepKind",
    "ProductionStop",
    "ReminderKind",
    "ReminderRecipient",
    "StopReason",
    "TaskType",
    "WorkerAgainOutcome",
    "WorkerAgainRequest",
]
