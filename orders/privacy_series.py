"""Repeating gigs in the data inventory: the rule of the dates and the gig's fields, like a gig's;
who made the series is a staff member's name (personal)."""

from __future__ import annotations

from jobcenter.privacy import PERSONAL, PUBLIC, register_inventory
from orders import privacy as orders_privacy  # noqa: F401  (the gig's entries come first)

register_inventory(
    {
        "orders.GigSeries": {
            "id": PUBLIC,
            "created_at": PUBLIC,
            "updated_at": PUBLIC,
            "order": PUBLIC,
            "interval_weeks": PUBLIC,
            "weekdays": PUBLIC,
            "first_date": PUBLIC,
            "rule_from": PUBLIC,
            "until_date": PUBLIC,
            "count": PUBLIC,
            "start_time": PUBLIC,
            "planned_hours": PUBLIC,
            "workers_needed": PUBLIC,
            "notes": PUBLIC,
            "created_by": PERSONAL,
        }
    }
)
