"""The accepted terms' PDFs in the data inventory. A PDF names the person who accepted the terms,
as the order's acceptance fields do, and is kept with them: it is the record of the agreement (its
price and estimate included), so a contact's anonymisation leaves it, as it leaves invoices."""

from __future__ import annotations

from jobcenter.privacy import PERSONAL, PUBLIC, register_inventory
from orders import privacy as orders_privacy  # noqa: F401  (the order entries come first)

register_inventory(
    {
        "orders.AcceptedTermsCopy": {
            "id": PUBLIC,
            "order": PUBLIC,
            "pdf": PERSONAL,
            "language": PUBLIC,
            "created_at": PUBLIC,
        }
    }
)
