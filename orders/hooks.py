"""Questions the order flow must ask of apps above it (billing, benefits), which orders may not import.

Each hook is a plain list. The higher app appends its function in its `AppConfig.ready()`; the order
services call every registered function. The lists are filled once at start-up and only read after
that. Where no app has registered, the services refuse what the hook would have had to allow,
rather than let it through unchecked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from orders.models import Assignment, Order

# Does an issued invoice cover this order's work? An order becomes invoiced only when one of these
# says yes: the invoiced state stands for a document, so only the service that makes the document
# may lead to it. Billing registers its check (`billing.coverage.order_has_issued_invoice`).
invoice_covers_order: list[Callable[[Order], bool]] = []

# Why this proposed assignment may not be offered yet, or None. Benefits registers a check that
# refuses a commission-contract offer while a benefit rule still needs the consequences explained
# to the worker. The sentence is shown to the coordinator as is.
offer_blockers: list[Callable[[Assignment], str | None]] = []

# Record that unit staff explained to the worker what commission work means for their benefits and
# that the worker still wants the gig (asked for with a proposal). Called as
# `record(assignment_id=..., by=...)` inside the proposal's transaction. Benefits registers
# `benefits.services.commission_explanation_record`.
commission_explanation_recorders: list[Callable[..., object]] = []

# What a client's cancellation of a gig at a moment would cost, by the terms' dated cancellation rule
# and the price list (`orders.cancellation.CancellationQuote`). Called as `quote(gig, at=...)`.
# Billing registers `billing.cancellation.cancellation_quote`; with none registered, the client
# cannot cancel (the charge could not be told).
cancellation_quoters: list[Callable[..., object]] = []

# What an order is estimated to cost: its work dates at the price and VAT of each date
# (`orders.estimate.OrderEstimate`), shown with the terms and kept in the accepted terms' PDF.
# Called as `estimate(order)`. Billing registers `billing.selectors_estimate.order_estimate`; with
# none registered, the terms cannot be accepted (the price could not be stated).
order_estimators: list[Callable[..., object]] = []


def order_is_covered_by_invoice(order: Order) -> bool:
    """True if a registered check says an issued invoice covers the order; False if none is registered."""
    return any(check(order) for check in invoice_covers_order)


def offer_blocker(assignment: Assignment) -> str | None:
    """The first reason a registered check gives for not offering the assignment yet, or None."""
    for check in offer_blockers:
        reason = check(assignment)
        if reason:
            return reason
    return None
