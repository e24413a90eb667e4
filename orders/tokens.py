"""Signed, expiring links sent by email (terms acceptance). Nothing sensitive is in the URL."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing

TERMS_SALT = "jobcenter.orders.terms-acceptance"


@dataclass(frozen=True)
class TermsLink:
    order_id: int
    terms_version: str
    sent_stamp: int


def make_terms_token(order) -> str:
    payload = {"o": order.pk, "v": order.terms.version, "s": int(order.terms_sent_at.timestamp())}
    return signing.dumps(payload, salt=TERMS_SALT, compress=True)


def read_terms_token(token: str, *, max_age: int | None = None) -> TermsLink:
    """Return the link's content. Raises `signing.SignatureExpired` or `signing.BadSignature`."""
    data = signing.loads(token, salt=TERMS_SALT, max_age=max_age or settings.JOBCENTER_SIGNED_LINK_MAX_AGE)
    return TermsLink(order_id=int(data["o"]), terms_version=str(data["v"]), sent_stamp=int(data["s"]))


FEEDBACK_SALT = "jobcenter.orders.feedback"


@dataclass(frozen=True)
class FeedbackLink:
    order_id: int
    requested_stamp: int


def make_feedback_token(order) -> str:
    payload = {"o": order.pk, "r": int(order.feedback_requested_at.timestamp())}
    return signing.dumps(payload, salt=FEEDBACK_SALT, compress=True)


def read_feedback_token(token: str, *, max_age: int | None = None) -> FeedbackLink:
    """Return the link's content. Raises `signing.SignatureExpired` or `signing.BadSignature`."""
    data = signing.loads(token, salt=FEEDBACK_SALT, max_age=max_age or settings.JOBCENTER_SIGNED_LINK_MAX_AGE)
    return FeedbackLink(order_id=int(data["o"]), requested_stamp=int(data["r"]))
