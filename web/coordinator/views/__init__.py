"""The coordinator's dashboard (desktop): the order list, an order's page, and the actions on it.

Every view lets only coordinators and administrators in (`CoordinatorRequiredMixin`), reads through
the scoped selectors and writes through one service call. A refusal (`DomainError`) becomes an error
message and nothing changes; changes are POST-only, and the ones that cannot be undone (cancel,
reject, withdraw) first show a page that asks for the reason. The buttons of a page come from the
transition tables (`web.coordinator.views.actions`).
"""

from web.coordinator.views.actions import Action, dress_assignment_actions, order_actions
from web.coordinator.views.assignments import ApproveView, FeedbackRecordView, OfferView, WithdrawView
from web.coordinator.views.base import ASSIGNMENT_TONES, PAGE_SIZE, STATUS_TONES, CoordinatorView, CountedPaginator
from web.coordinator.views.client_decisions import NewClientView, SameClientView
from web.coordinator.views.dashboard import DashboardView, dashboard
from web.coordinator.views.order_changes import (
    CancelView,
    CloseView,
    GigAddView,
    InformUnitsView,
    OrderPostAction,
    ReasonConfirmView,
    RejectView,
    RequestFeedbackView,
    SendTermsView,
)
from web.coordinator.views.order_page import OrderDetailView, dress_assignment, order_page_context

__all__ = [
    "ASSIGNMENT_TONES",
    "PAGE_SIZE",
    "STATUS_TONES",
    "Action",
    "ApproveView",
    "CancelView",
    "CloseView",
    "CoordinatorView",
    "CountedPaginator",
    "DashboardView",
    "FeedbackRecordView",
    "GigAddView",
    "InformUnitsView",
    "NewClientView",
    "OfferView",
    "OrderDetailView",
    "OrderPostAction",
    "ReasonConfirmView",
    "RejectView",
    "RequestFeedbackView",
    "SameClientView",
    "SendTermsView",
    "WithdrawView",
    "dashboard",
    "dress_assignment",
    "dress_assignment_actions",
    "order_actions",
    "order_page_context",
]
