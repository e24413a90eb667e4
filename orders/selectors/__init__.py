"""Reads of orders, gigs and assignments, always scoped to the acting user.

Who sees which orders:
- coordinators and administrators: every order;
- unit staff: orders their unit was informed of, and orders with an assignment from their unit
  (proposed by it, or of a worker whose home unit it is);
- client contacts: the orders of their organisation(s);
- workers (as workers): no orders; they see their own gigs through `gig_list_for_worker`.
A person with several roles sees the union. Anything outside the scope is a 404 (`order_get_for`).

The package's modules: `orders` (scoped order lists, the dashboard, an order's page), `gigs` (the
worker's gigs, assignments, the units' needs), `history` (an order's timeline), `worker` (the
worker's own pages), `units` (the unit staff's pages), `certificates` (work certificates and the
gig CV). The first three are re-exported here; the page modules import the others by name.
"""

from orders.selectors.gigs import assignment_get_for, assignment_list_for, gig_list_for_worker, needs_for_unit
from orders.selectors.history import HistoryEntry, order_history_for
from orders.selectors.orders import (
    OrderDashboard,
    order_dashboard_for,
    order_detail_for,
    order_get_for,
    order_list_for,
    order_status_counts_for,
)

__all__ = [
    "HistoryEntry",
    "OrderDashboard",
    "assignment_get_for",
    "assignment_list_for",
    "gig_list_for_worker",
    "needs_for_unit",
    "order_dashboard_for",
    "order_detail_for",
    "order_get_for",
    "order_history_for",
    "order_list_for",
    "order_status_counts_for",
]
