"""The signed link in a gig reminder: "Tulen" / "En pääse" without logging in.

The link names one assignment (an opaque id, nothing personal), is signed with a salt of its own
purpose, and stops working when the gig is over (and in any case after
JOBCENTER_SIGNED_LINK_MAX_AGE). "Tulen" is refused once the gig has started; "En pääse" is for the
absence service to decide until the end. Once the worker has said she cannot come, the assignment is no
longer accepted and the page says the link is used; "Tulen" leaves the link working, so she can
still say "En pääse" from the same email if she falls ill.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.utils import timezone

from orders.gig_times import gig_ends_at

ANSWER_SALT = "jobcenter.orders.gig-answer"


@dataclass(frozen=True)
class AnswerLink:
    assignment_id: int
    until_stamp: int  # when the link stops working (the gig's planned end when it was sent)


def make_answer_token(assignment) -> str:
    payload = {"a": assignment.pk, "u": int(gig_ends_at(assignment.gig).timestamp())}
    return signing.dumps(payload, salt=ANSWER_SALT, compress=True)


def read_answer_token(token: str) -> AnswerLink:
    """The link's content. Raises `signing.SignatureExpired` (too old, or the gig is over) or
    `signing.BadSignature` (changed, or signed for another purpose)."""
    data = signing.loads(token, salt=ANSWER_SALT, max_age=settings.JOBCENTER_SIGNED_LINK_MAX_AGE)
    try:
        link = AnswerLink(assignment_id=int(data["a"]), until_stamp=int(data["u"]))
    except (KeyError, TypeError, ValueError):
        raise signing.BadSignature("not an answer link") from None
    if timezone.now().timestamp() >= link.until_stamp:
        raise signing.SignatureExpired("the gig is over")
    return link
