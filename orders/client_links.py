"""The order's signed client link: the client's contact person opens the order's gigs from an
email, without logging in, and may cancel a gig there. Nothing sensitive is in the URL; the link
names the order and the moment its terms were accepted, so it exists only for an accepted order."""

from __future__ import annotations

from django.conf import settings
from django.core import signing

CLIENT_ORDER_SALT = "jobcenter.orders.client-order"


def make_client_order_token(order) -> str:
    payload = {"o": order.pk, "a": int(order.terms_accepted_at.timestamp())}
    return signing.dumps(payload, salt=CLIENT_ORDER_SALT, compress=True)


def read_client_order_token(token: str, *, max_age: int | None = None) -> tuple[int, int]:
    """The order id and the acceptance stamp. Raises `signing.SignatureExpired` or `signing.BadSignature`."""
    data = signing.loads(token, salt=CLIENT_ORDER_SALT, max_age=max_age or settings.JOBCENTER_SIGNED_LINK_MAX_AGE)
    return int(data["o"]), int(data["a"])
