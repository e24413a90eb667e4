"""Every write of the order flow. One function per state change, each in one transaction.

Each transition re-reads its row with a lock, checks the role and the transition tables of
`orders.states`, saves the changed fields, writes a history row and queues side effects (emails)
to run after commit. Views, admin, tasks and tests all call these, as `services.x` or
`from orders.services import x`; the modules of this package are grouped by the part of the flow.
"""

from orders.hours import HOURS_STEP, MAX_HOURS_PER_GIG, parse_hours
from orders.services.absence import assignment_cant_come, attendance_record_no_show, stand_in_tell_client
from orders.services.assignments import (
    assignment_accept,
    assignment_approve,
    assignment_decline,
    assignment_offer,
    assignment_propose,
    assignment_propose_group,
    assignment_report_done,
    assignment_withdraw,
)
from orders.services.client_cancel import gig_cancel_by_client, gig_cancellation_quote, order_cancel_by_client
from orders.services.client_match import (
    client_match_confirm_new,
    client_match_confirm_same,
    require_client_checked,
)
from orders.services.common import (
    _check_order_move,
    _lock_assignment,
    _lock_order,
    _move_assignment,
    _move_order,
    _require,
    _require_order_allows,
    _require_reason,
    _reverse_in,
    _site_url,
)
from orders.services.feedback import (
    FEEDBACK_STATES,
    FeedbackEntry,
    feedback_record,
    feedback_submit,
    order_request_feedback,
)
from orders.services.follow_ups import (
    follow_up_prepare_if_first,
    follow_up_record_note,
    follow_ups_create_reviews,
)
from orders.services.gig_changes import (
    ORDER_CHANGEABLE_STATES,
    gig_cancel,
    gig_change,
    order_change,
    order_change_place,
    order_change_task,
    order_offers_cancelling,
)
from orders.services.intake import OrderRequest, _order_create, order_submit
from orders.services.lifecycle import (
    order_cancel,
    order_close,
    order_mark_invoiced,
    order_mark_uninvoiced,
    order_reject,
)
from orders.services.staffing import (
    _gig_filled_count,
    _order_advance,
    _withdraw_leftover_proposals,
    gig_create,
    order_inform_units,
)
from orders.services.terms import client_billing_update, current_terms, order_accept_terms, order_send_terms

__all__ = [
    "follow_up_prepare_if_first",
    "follow_up_record_note",
    "follow_ups_create_reviews",
    "FEEDBACK_STATES",
    "ORDER_CHANGEABLE_STATES",
    "HOURS_STEP",
    "MAX_HOURS_PER_GIG",
    "FeedbackEntry",
    "OrderRequest",
    "_check_order_move",
    "_gig_filled_count",
    "_lock_assignment",
    "_lock_order",
    "_move_assignment",
    "_move_order",
    "_order_advance",
    "_order_create",
    "_require",
    "_require_order_allows",
    "_require_reason",
    "_reverse_in",
    "_site_url",
    "_withdraw_leftover_proposals",
    "assignment_accept",
    "assignment_approve",
    "assignment_cant_come",
    "assignment_decline",
    "assignment_offer",
    "assignment_propose",
    "assignment_propose_group",
    "assignment_report_done",
    "assignment_withdraw",
    "attendance_record_no_show",
    "client_billing_update",
    "client_match_confirm_new",
    "client_match_confirm_same",
    "current_terms",
    "feedback_record",
    "feedback_submit",
    "gig_cancel",
    "gig_cancel_by_client",
    "gig_cancellation_quote",
    "gig_change",
    "gig_create",
    "order_accept_terms",
    "order_cancel",
    "order_cancel_by_client",
    "order_change",
    "order_change_place",
    "order_change_task",
    "order_close",
    "order_inform_units",
    "order_mark_invoiced",
    "order_mark_uninvoiced",
    "order_offers_cancelling",
    "order_reject",
    "order_request_feedback",
    "order_send_terms",
    "order_submit",
    "parse_hours",
    "require_client_checked",
    "stand_in_tell_client",
]
