"""The order form's defences against automation, which a person never notices.

- A honeypot: a field that is hidden from people (off screen, out of the tab order) and that a bot
  filling in every input fills in too.
- A signed time of when the empty form was shown: a person needs some seconds to fill in the form,
  a script posts at once. Signed, so a bot cannot send an old time of its own making.
"""

from __future__ import annotations

import time

from django.core import signing

# The field a bot fills in and a person never sees (see `OrderRequestForm.honeypot_filled`).
HONEYPOT_FIELD = "website"
# The hidden field with the signed time the form was shown (see `OrderRequestForm.fill_seconds`).
STARTED_FIELD = "started"
STARTED_SALT = "jobcenter.orders.order-form-started"
STARTED_MAX_AGE = 24 * 60 * 60


def form_started_token(at: float | None = None) -> str:
    """The signed value of the hidden `started` field: the time the empty form was shown."""
    return signing.dumps({"t": int(at if at is not None else time.time())}, salt=STARTED_SALT)


def form_started_at(token: str) -> float | None:
    """When the form was shown, from its signed token; None for a missing, tampered or old token."""
    try:
        data = signing.loads(token or "", salt=STARTED_SALT, max_age=STARTED_MAX_AGE)
        return float(data["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
