"""A reminder of the order terms: the client has not answered, the coordinator reminds them.

Like sending the terms again (a new link, the old one stops working) but with a reminder's wording
(`templates/emails/order_terms_reminder/`). The order's history records it as the terms sent again,
with `{"reminder": true}` in the row's facts, so the history tells a reminder from a plain resend.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobcenter.errors import DomainError
from jobcenter.mail import queue_email
from orders import permissions
from orders.models import Order, OrderEvent
from orders.services.common import _lock_order, _order_event, _require, _reverse_in, _site_url
from orders.services.terms import current_terms
from orders.states import OrderStatus
from orders.tokens import make_terms_token


@transaction.atomic
def order_remind_terms(*, order_id: int, by) -> Order:
    """Remind the client's contact of terms sent and not accepted; only while the order waits for them."""
    _require(permissions.can_coordinate(by))
    order = _lock_order(order_id)
    if order.status != OrderStatus.TERMS_SENT:
        raise DomainError(_("This order is not waiting for the terms to be accepted. No reminder was sent."))
    first_sent = order.terms_sent_at
    _order_event(order, by=by, kind=OrderEvent.TERMS_RESENT, params={"reminder": True})
    order.terms = current_terms()
    order.terms_sent_at = timezone.now()
    order.save(update_fields=["terms", "terms_sent_at", "updated_at"])
    contact = order.contact
    link = _site_url(_reverse_in(order.language, "orders:terms", token=make_terms_token(order)))
    queue_email(
        to=contact.email,
        code="order_terms_reminder",
        language=order.language,
        context={"order": order, "contact": contact, "link": link, "terms": order.terms, "first_sent": first_sent},
    )
    return order
