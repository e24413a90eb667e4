"""The order terms: sending them to the client, the client accepting them, and the billing details."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.mail import queue_email
from orders import permissions
from orders.estimate import estimate_order
from orders.models import AcceptedTermsCopy, ClientContact, ClientOrganisation, Order, OrderEvent, OrderTerms
from orders.pdf_terms import render_accepted_terms_pdf
from orders.services.client_match import require_client_checked
from orders.services.common import (
    _lock_order,
    _move_order,
    _order_event,
    _require,
    _require_reason,
    _reverse_in,
    _site_url,
)
from orders.states import OrderStatus
from orders.tokens import make_terms_token


# --- Order: terms ---------------------------------------------------------------------------------
def current_terms(on: dt.date | None = None) -> OrderTerms:
    terms = OrderTerms.objects.filter(valid_from__lte=on or timezone.localdate()).order_by("-valid_from").first()
    if terms is None:
        raise DomainError(_("No order terms are in force. An administrator must add them first."))
    return terms


@transaction.atomic
def order_send_terms(*, order_id: int, by) -> Order:
    """Send the order terms to the client's contact (again, if already sent)."""
    _require(permissions.can_coordinate(by))
    order = _lock_order(order_id)
    # Terms (and so everything after them) wait until the coordinator has checked a matched client.
    require_client_checked(order)
    resend = order.status == OrderStatus.TERMS_SENT
    if not resend:
        _move_order(order, OrderStatus.TERMS_SENT, by=by)
    else:
        _order_event(order, by=by, kind=OrderEvent.TERMS_RESENT)
    order.terms = current_terms()
    order.terms_sent_at = timezone.now()
    order.save(update_fields=["status", "terms", "terms_sent_at", "updated_at"])
    contact = order.contact
    link = _site_url(_reverse_in(order.language, "orders:terms", token=make_terms_token(order)))
    queue_email(
        to=contact.email,
        code="order_terms",
        language=order.language,
        context={"order": order, "contact": contact, "link": link, "terms": order.terms},
    )
    return order


@transaction.atomic
def order_accept_terms(
    *, order_id: int, terms_version: str, accepted_name: str, contact_id: int | None = None
) -> Order:
    """The client accepts the terms (through the signed link). Records version, time and person,
    keeps the accepted version (terms, summary, price and estimate, who and when) as a PDF and
    emails it to the contact."""
    order = _lock_order(order_id)
    if order.status != OrderStatus.TERMS_SENT:
        if order.terms_accepted_at:
            raise DomainError(_("These terms have already been accepted. Nothing was changed."))
        raise DomainError(_("This order is not waiting for the terms to be accepted."))
    if order.terms is None or order.terms.version != terms_version:
        raise DomainError(_("The terms have changed since this link was sent. Ask the coordinator for a new link."))
    accepted_name = _require_reason(accepted_name, _("Write the name of the person who accepts the terms."))
    contact = order.contact
    if contact_id is not None and contact_id != order.contact_id:
        contact = ClientContact.objects.filter(pk=contact_id, organisation_id=order.client_id).first()
        if contact is None:
            raise ActionNotPermitted()
    # Read before anything moves: without a price the terms could not say what is accepted.
    estimate = estimate_order(order)
    _move_order(
        order,
        OrderStatus.TERMS_ACCEPTED,
        by=contact.user,
        kind=OrderEvent.TERMS_ACCEPTED,
        params={"version": terms_version, "name": accepted_name},
    )
    order.terms_accepted_at = timezone.now()
    order.terms_accepted_by = contact
    order.terms_accepted_name = accepted_name
    order.save(update_fields=["status", "terms_accepted_at", "terms_accepted_by", "terms_accepted_name", "updated_at"])
    _keep_and_send_accepted_terms(order, estimate, contact)
    return order


def _keep_and_send_accepted_terms(order: Order, estimate, contact: ClientContact) -> None:
    """The accepted version as a PDF, rendered once: kept with the order and sent to the contact."""
    content = render_accepted_terms_pdf(order, estimate)
    copy = AcceptedTermsCopy(order=order, language=order.language)
    copy.pdf.save(copy.filename, ContentFile(content), save=False)
    copy.save()
    queue_email(
        to=contact.email,
        code="order_terms_accepted",
        language=order.language,
        context={"order": order, "contact": contact, "terms": order.terms},
        attachments=[(copy.filename, content, "application/pdf")],
    )


@transaction.atomic
def client_billing_update(*, organisation_id: int, **fields) -> ClientOrganisation:
    """Confirm or correct billing details (when accepting the terms, or by the coordinator)."""
    allowed = {
        "billing_name",
        "billing_street",
        "billing_postal_code",
        "billing_city",
        "billing_email",
        "einvoice_address",
        "einvoice_operator",
        "invoicing_mode",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Not billing fields: {sorted(unknown)}")
    organisation = ClientOrganisation.objects.select_for_update().get(pk=organisation_id)
    for name, value in fields.items():
        setattr(organisation, name, value.strip() if isinstance(value, str) else value)
    organisation.full_clean()
    organisation.save(update_fields=[*fields, "updated_at"])
    return organisation
