"""An invoice's channel and dispatch state for the invoice page, from billing's one channel rule.

`{% invoice_dispatch_state invoice as sending %}`: `sending.channel` ("einvoice", "email", "none"),
`sending.channel_label` and, for an e-invoice, `sending.dispatch` (None until it is queued).
`{{ dispatch|dispatch_explanation }}`: what happened to an e-invoice, in words the coordinator acts on.
"""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from billing.models import DispatchStatus, EInvoiceDispatch
from billing.selectors_dispatch import DispatchState
from billing.selectors_dispatch import invoice_dispatch_state as _state
from billing.services.dispatch import INTERRUPTED

register = template.Library()


@register.simple_tag
def invoice_dispatch_state(invoice) -> DispatchState:
    return _state(invoice)


@register.filter
def dispatch_explanation(dispatch: EInvoiceDispatch | None) -> str:
    if dispatch is None:
        return _("Not queued yet: it is sent once the invoice's PDF is ready.")
    if dispatch.status == DispatchStatus.SENT:
        return _("Handed over to the e-invoice operator.")
    if dispatch.status == DispatchStatus.SENDING:
        return _("Being sent now.")
    if dispatch.status == DispatchStatus.WAITING:
        if dispatch.last_error:
            return _("The e-invoice transport had a temporary problem. It is tried again automatically.")
        return _("Waiting to be sent.")
    if dispatch.last_error == INTERRUPTED:
        return _(
            "The sending was interrupted. The e-invoice may have arrived. "
            "Check with the operator before sending it again."
        )
    return _("The e-invoice could not be sent. Fix the cause shown below, then send it again.")


@register.filter
def dispatch_error(dispatch: EInvoiceDispatch | None) -> str:
    """The technical reason, when there is one to show (not for an interrupted send)."""
    if dispatch is None or dispatch.last_error == INTERRUPTED:
        return ""
    return dispatch.last_error
