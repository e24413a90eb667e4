"""Gig reminders in the data inventory. A row says that a reminder of a gig went to the worker on it
or to the staff member coming along, and when: personal, like the assignment it belongs to. The
rows go with their assignment; the email's text stays in the outbox (jobcenter's inventory)."""

from __future__ import annotations

from jobcenter.privacy import PERSONAL, PUBLIC, register_inventory
from orders import privacy as orders_privacy  # noqa: F401  (the assignment entries come first)

register_inventory(
    {
        "orders.GigReminder": {
            "id": PUBLIC,
            "assignment": PERSONAL,
            "recipient_kind": PERSONAL,
            "reminder": PERSONAL,
            "recipient": PERSONAL,
            "email": PERSONAL,
            "sent_at": PERSONAL,
        }
    }
)
