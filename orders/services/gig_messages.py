"""A message to everyone on a gig: a changed door code, the weather, where to meet.

The coordinator (or staff of a unit with a worker on the gig) writes a short text; every worker who
took the gig gets it by her own channel (`workers.contact.tell_worker`: email, text message or
both), the staff member along by email, and the client's contact when asked. Each once, in their
own language, after commit; the order's history keeps the text and how many were told.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jobcenter.errors import DomainError
from jobcenter.mail import queue_email
from jobcenter.roles import is_coordinator, staff_unit_ids
from jobcenter.templatetags.plain import plain_when
from orders.models import AssignmentStatus, Gig, OrderEvent
from orders.selectors.gig_messages import MessageRecipient, gig_message_recipients
from orders.services.common import _order_event, _require
from orders.services.gig_changes import _lock_gig
from orders.states import OrderStatus
from workers.contact import tell_worker

EMAIL_CODE = "gig_message"
# Two text messages at most with the gig's time in front (a message part holds 153 characters).
MESSAGE_MAX_LENGTH = 250
# The same text about the same gig again this soon is a double click: it is not sent twice.
REPEAT_SECONDS = 120


def can_message_gig(user, gig: Gig) -> bool:
    """A coordinator, or active staff of a unit whose worker took the gig."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if is_coordinator(user):
        return True
    units = staff_unit_ids(user)
    return bool(units) and gig.assignments.filter(status=AssignmentStatus.ACCEPTED, unit_id__in=units).exists()


def gig_message_refusal(gig: Gig) -> str:
    """Why no message can be sent about the gig now ("" when one can)."""
    order = gig.order
    if gig.is_cancelled:
        return _("The gig is cancelled. No message can be sent about it.")
    if order.status not in OrderStatus.gig_editable_states:
        return _("Order %(number)s is “%(status)s”. No message can be sent about its gigs.") % {
            "number": order.number,
            "status": OrderStatus(order.status).label,
        }
    if gig.date < timezone.localdate():
        return _("The gig is in the past. No message can be sent about it.")
    return ""


def sms_text(gig: Gig, text: str) -> str:
    """The text message in the active language: the gig's time first, then the message."""
    return _("Jobcenter, gig %(when)s: %(text)s") % {"when": plain_when(gig), "text": text}


def _sent_just_now(order, gig: Gig, text: str) -> bool:
    since = timezone.now() - dt.timedelta(seconds=REPEAT_SECONDS)
    recent = order.status_changes.filter(kind=OrderEvent.GIG_MESSAGE, at__gte=since).values_list("params", flat=True)
    return any(p.get("gig") == gig.pk and p.get("text") == text for p in recent)


@transaction.atomic
def gig_message_send(*, gig_id: int, by, text: str, include_client: bool = False) -> list[MessageRecipient]:
    """Send `text` to everyone on the gig (see the module's docstring); returns who was told.

    Refused for a cancelled gig, a past one, an order no longer before its work is done, an empty or
    too long text, and when nobody has taken the gig yet. The same text again within a couple of
    minutes (a double click) sends nothing more."""
    order, gig = _lock_gig(gig_id)
    _require(can_message_gig(by, gig))
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write the message."))
    if len(text) > MESSAGE_MAX_LENGTH:
        raise DomainError(_("Write the message in at most %(count)s characters.") % {"count": MESSAGE_MAX_LENGTH})
    refusal = gig_message_refusal(gig)
    if refusal:
        raise DomainError(refusal)
    recipients = gig_message_recipients(gig=gig, include_client=include_client)
    if not any(r.role == "worker" for r in recipients):
        raise DomainError(_("Nobody has taken the gig yet, so there is nobody to tell."))
    if _sent_just_now(order, gig, text):
        return recipients
    context = {"order": order, "gig": gig, "text": text}
    for recipient in recipients:
        extra = {**context, "recipient": recipient}
        if recipient.worker is not None:
            with translation.override(recipient.language):
                short = sms_text(gig, text)
            tell_worker(
                recipient.worker, code=EMAIL_CODE, context={**extra, "worker": recipient.worker}, sms_text=short
            )
        else:
            queue_email(to=recipient.email, code=EMAIL_CODE, language=recipient.language, context=extra)
    _order_event(
        order,
        by=by,
        kind=OrderEvent.GIG_MESSAGE,
        params={
            "gig": gig.pk,
            "date": gig.date.isoformat(),
            "time": gig.start_time.strftime("%H:%M"),
            "count": str(len(recipients)),
            "text": text,
        },
    )
    return recipients
