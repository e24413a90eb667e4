"""The coordinator's check of an order's client, when its business ID or email domain is an existing
client's but the order was not plainly from that client (`orders.services.client_match`)."""

from __future__ import annotations

from orders.models import Order
from orders.services.client_match import client_check_rows
from web.coordinator.forms_clients import NewClientForm, SameClientForm


def client_check_context(order: Order, *, new_form: NewClientForm | None = None) -> dict:
    """The "Check the client" panel of the order's page; empty when there is nothing to check."""
    provisional = order.client
    if not provisional.awaits_client_check:
        return {}
    matched = provisional.match_candidate
    return {
        "client_check": {
            "provisional": provisional,
            "matched": matched,
            "rows": client_check_rows(provisional, matched),
            "matched_contacts": list(matched.contacts.filter(is_active=True).order_by("name")[:10]),
            "same_form": SameClientForm(auto_id="same-client-%s"),
            "new_form": new_form
            or NewClientForm(
                auto_id="new-client-%s", initial={"name": provisional.name, "business_id": provisional.business_id}
            ),
        }
    }
