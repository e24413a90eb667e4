"""The client cancels a gig, or every gig of an order, from the order's signed client link or when
logged in as a contact person of the order's organisation.

The terms decide what follows (`orders.cancellation`, the dated cancellation rule of billing): a
cancellation less than the rule's window before the gig starts is late, and a late cancellation of
a gig that workers had taken charges the client and pays each of those workers a minimum. The
figures are frozen at that moment: the charge on the gig (`Gig.cancellation_charge*`), each
worker's minimum on her assignment (`Assignment.cancellation_pay*`). The invoice, the payment run
and the benefit foresight read these, as they read approved hours. An order left with only charged
cancellations moves on to approved (`staffing._order_advance`), so the charge is invoiced.

The cancellation itself is the coordinator's (`gig_changes._cancel_gig`): the workers and units
are told in their language, the client gets a confirmation and the Jobcenter's address a notice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.mail import queue_email
from jobcenter.roles import client_organisation_ids
from orders.cancellation import CancellationQuote, quote_cancellation
from orders.models import Gig, Order, OrderEvent
from orders.services.common import _lock_order
from orders.services.gig_changes import REASON_MAX_LENGTH, _cancel_gig, _lock_gig, _require_no_work_done
from orders.states import AssignmentStatus, OrderStatus

CLIENT_CANCEL_EMAILS = {
    "worker": "gig_client_cancelled_worker",
    "staff": "gig_client_cancelled_unit",
    "unit": "gig_client_cancelled_unit",
    "client": "gig_client_cancelled_client",
}
COORDINATOR_EMAIL = "gig_client_cancelled_coordinator"


def client_may_cancel(order: Order, *, by=None, token_order_id: int | None = None) -> bool:
    """The order's signed client link, or a contact person of the order's organisation."""
    if token_order_id is not None:
        return token_order_id == order.pk
    return by is not None and order.client_id in client_organisation_ids(by)


def _require_cancellable(order: Order, gig: Gig) -> None:
    if gig.is_cancelled:
        raise DomainError(_("This gig is already cancelled."))
    if order.status not in OrderStatus.gig_editable_states:
        raise DomainError(
            _("Order %(number)s is “%(status)s”; its gigs can no longer be cancelled.")
            % {"number": order.number, "status": OrderStatus(order.status).label}
        )
    _require_no_work_done(gig)


def gig_cancellation_quote(*, gig_id: int, by=None, token_order_id: int | None = None) -> CancellationQuote:
    """What cancelling the gig now would cost, for the confirmation page (nothing is saved)."""
    gig = Gig.objects.select_related("order").filter(pk=gig_id).first()
    if gig is None or not client_may_cancel(gig.order, by=by, token_order_id=token_order_id):
        raise ActionNotPermitted()
    now = timezone.now()
    _require_cancellable(gig.order, gig)
    return quote_cancellation(gig, at=now)


def _reason(reason: str) -> str:
    reason = (reason or "").strip() or _("Cancelled by the client.")
    if len(reason) > REASON_MAX_LENGTH:
        raise DomainError(_("Write the reason in at most %(count)s characters.") % {"count": REASON_MAX_LENGTH})
    return reason


def _cancel_one(order: Order, gig: Gig, *, by, reason: str) -> CancellationQuote:
    now = timezone.now()
    _require_cancellable(order, gig)
    quote = quote_cancellation(gig, at=now)
    if quote.starts_at <= now:
        raise DomainError(_("The gig has already started. Call the coordinator."))
    gig.cancelled_by_client = True
    gig.cancelled_late = quote.late
    gig_fields = ["cancelled_by_client", "cancelled_late"]
    if quote.charged:
        gig.cancellation_charge_hours = quote.charge_hours
        gig.cancellation_charge_unit_price = quote.unit_price
        gig.cancellation_charge = quote.charge
        gig_fields += ["cancellation_charge_hours", "cancellation_charge_unit_price", "cancellation_charge"]

    def pay_minimum(assignment) -> list[str]:
        # Only a worker who had taken the gig is paid; one still deciding had not kept the time free.
        if not quote.charged or assignment.status != AssignmentStatus.ACCEPTED:
            return []
        assignment.cancellation_pay_hours = quote.worker_hours
        assignment.cancellation_pay_rate = quote.worker_rate
        assignment.cancellation_pay = quote.worker_pay
        return ["cancellation_pay_hours", "cancellation_pay_rate", "cancellation_pay"]

    params = {}
    kind = OrderEvent.CLIENT_CANCELLED_GIG
    if quote.charged:
        kind = OrderEvent.CLIENT_CANCELLED_GIG_LATE
        params = {"amount": str(quote.charge), "workers": str(quote.workers)}
    actor = by if by is not None and by.is_authenticated else None
    _cancel_gig(
        order,
        gig,
        by=actor,
        reason=reason,
        codes=CLIENT_CANCEL_EMAILS,
        kind=kind,
        params=params,
        on_withdraw=pay_minimum,
        gig_fields=tuple(gig_fields),
        context={"quote": quote},
    )
    if settings.JOBCENTER_CONTACT_EMAIL:
        queue_email(
            to=settings.JOBCENTER_CONTACT_EMAIL,
            code=COORDINATOR_EMAIL,
            language=settings.LANGUAGE_CODE,
            context={"order": order, "gig": gig, "reason": reason, "quote": quote},
        )
    return quote


@transaction.atomic
def gig_cancel_by_client(*, gig_id: int, by=None, token_order_id: int | None = None, reason: str = "") -> Gig:
    """The client cancels one gig (logged in as the order organisation's contact, or through the
    order's signed link: `token_order_id`). Late by the terms and taken by workers: charged, and
    those workers paid their minimum; otherwise a plain cancellation. Refused once the gig has
    started or work on it is reported, and for a gig already cancelled."""
    order, gig = _lock_gig(gig_id)
    if not client_may_cancel(order, by=by, token_order_id=token_order_id):
        raise ActionNotPermitted()
    _cancel_one(order, gig, by=by, reason=_reason(reason))
    return gig


@transaction.atomic
def order_cancel_by_client(*, order_id: int, by=None, token_order_id: int | None = None, reason: str = "") -> Order:
    """The client cancels every gig of the order still to come, each as `gig_cancel_by_client` would
    (each late one charged by itself). Refused when no gig is left to cancel."""
    order = _lock_order(order_id)
    if not client_may_cancel(order, by=by, token_order_id=token_order_id):
        raise ActionNotPermitted()
    reason = _reason(reason)
    gigs = list(Gig.objects.select_for_update().filter(order=order).live().order_by("date", "start_time", "pk"))
    if not gigs:
        raise DomainError(_("The order has no gig left to cancel."))
    for gig in gigs:
        _cancel_one(order, gig, by=by, reason=reason)
    return order
