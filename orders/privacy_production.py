"""Production orders in the data inventory. They describe work a unit makes for a client; the
personal data in them is who was responsible for a step (staff, or the client's contact for the
acceptance), who recorded, stopped or reopened it, and the free-text notes. No worker data: the
workers are on the gigs of the order made from the production order."""

from __future__ import annotations

from jobcenter.privacy import PERSONAL, PUBLIC, register_inventory
from orders import privacy as orders_privacy  # noqa: F401  (the order and contact entries come first)

P, PE = PUBLIC, PERSONAL

register_inventory(
    {
        "orders.ProductionOrder": {
            "id": P,
            "created_at": P,
            "updated_at": P,
            "client": P,
            "contact": PE,
            "unit": P,
            "title": P,
            "description": P,
            "current_step": P,
            "stopped": P,
            "contract_type": P,
            "agreed_hourly_price": P,
            "order": P,
            "created_by": PE,
        },
        "orders.ProductionItem": {
            "id": P,
            "production_order": P,
            "position": P,
            "name": P,
            "quantity": P,
            "unit_label": P,
            "minutes_per_item": P,
        },
        "orders.ProductionStep": {
            "id": P,
            "production_order": P,
            "step": P,
            "done_on": P,
            "owner_user": PE,
            "owner_contact": PE,
            "note": PE,
            "recorded_by": PE,
            "recorded_at": P,
        },
        "orders.ProductionStop": {
            "id": P,
            "production_order": P,
            "at_step": P,
            "reason": P,
            "note": PE,
            "stopped_by": PE,
            "stopped_at": P,
            "reopened_by": PE,
            "reopened_at": P,
            "reopen_note": PE,
        },
    }
)
