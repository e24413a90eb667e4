"""Admin of clients, terms, orders, gigs and assignments (one module each; importing them registers them).

Order and assignment states, the terms fields and the hours are read-only in the admin: they change
only through the services in `orders.services`, called by the admin actions.
"""

from orders.admin import assignments, clients, insurance, orders

__all__ = ["assignments", "clients", "insurance", "orders"]
