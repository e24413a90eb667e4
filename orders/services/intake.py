"""An order from the public form: the client, the contact and the order, created once per form."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.mail import queue_email
from jobcenter.roles import client_organisation_ids
from jobcenter.validators import normalize_business_id

# Created through the package (`seams._order_create`), so a race test can hold two submits of one
# form between the "already sent?" read and the write, and show that the unique key keeps it one order.
from orders import services as seams
from orders.models import (
    ClientContact,
    ClientOrganisation,
    ClientType,
    ContractType,
    Order,
    OrderStatusChange,
    TaskType,
)
from orders.services.client_match import BILLING_FIELDS, TypedClient, find_existing_client, is_plainly_the_same
from orders.states import OrderStatus


# --- Order: request from the public form ----------------------------------------------------------
@dataclass(frozen=True)
class OrderRequest:
    """What the public order form collects (validated for shape by the form)."""

    organisation_name: str
    business_id: str
    client_type: str
    contact_name: str
    contact_email: str
    contact_phone: str
    title: str
    description: str
    street_address: str
    estimated_hours: Decimal
    contract_type: str
    orientation: str = ""
    postal_code: str = ""
    city: str = "Helsinki"
    task_type_id: int | None = None
    preferred_start: dt.date | None = None
    preferred_end: dt.date | None = None
    timing_notes: str = ""
    hours_indicative: bool = True
    workers_needed: int = 1
    tools_provided: bool = False
    client_reference: str = ""
    language: str = "fi"
    billing_name: str = ""
    billing_street: str = ""
    billing_postal_code: str = ""
    billing_city: str = ""
    billing_email: str = ""
    einvoice_address: str = ""
    einvoice_operator: str = ""
    # "Order again": the earlier order the form was filled in from (the contact's own organisation's).
    copied_from_id: int | None = None


def order_submit(*, request: OrderRequest, submission_key: uuid.UUID | None = None, by=None) -> tuple[Order, bool]:
    """Create an order from a client's request. Returns (order, created).

    The same `submission_key` (a hidden field of the form) always gives the same single order, so a
    double-click or a re-sent form never creates two. An order copied from an earlier one
    (`request.copied_from_id`) records it; `by`, the logged-in user, must be a contact of that
    order's organisation.
    """
    if submission_key is not None:
        existing = Order.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return existing, False
    try:
        with transaction.atomic():
            order = seams._order_create(request=request, submission_key=submission_key, by=by)
    except IntegrityError:
        # Two submits of the same form raced; the other one won. Return its order.
        existing = Order.objects.filter(submission_key=submission_key).first() if submission_key else None
        if existing is None:
            raise
        return existing, False
    return order, True


def _copy_source(copied_from_id: int | None, by) -> Order | None:
    """The earlier order a copy was made from: only one of the user's own organisations' orders."""
    if copied_from_id is None:
        return None
    source = Order.objects.filter(pk=copied_from_id).only("pk", "client_id").first()
    if source is None or by is None or source.client_id not in client_organisation_ids(by):
        raise ActionNotPermitted(_("You can order again only the orders of your own organisation."))
    return source


def _order_create(*, request: OrderRequest, submission_key, by=None) -> Order:
    copied_from = _copy_source(request.copied_from_id, by)
    if request.contract_type not in ContractType.values:
        raise DomainError(_("Choose a contract option."))
    if request.client_type not in ClientType.values:
        raise DomainError(_("Choose the type of organisation."))
    business_id = normalize_business_id(request.business_id) if request.business_id else ""
    email = request.contact_email.strip().lower()
    typed = TypedClient(
        name=" ".join(request.organisation_name.split()),
        business_id=business_id,
        client_type=request.client_type,
        email=email,
        billing={field: getattr(request, field).strip() for field in BILLING_FIELDS},
    )
    # A stranger may type any business ID: the order goes under an existing client only when it is
    # plainly that client; otherwise it waits, with what was typed, for the coordinator's check.
    matched, reason = find_existing_client(typed)
    if matched is not None and is_plainly_the_same(matched, typed):
        organisation = matched
    else:
        organisation = ClientOrganisation(
            name=typed.name,
            business_id=business_id,
            client_type=request.client_type,
            language=request.language,
            match_candidate=matched,
            match_reason=reason,
            **typed.billing,
        )
        organisation.full_clean()
        organisation.save()

    contact, _created = ClientContact.objects.get_or_create(
        organisation=organisation,
        email=email,
        defaults={"name": request.contact_name.strip(), "phone": request.contact_phone.strip()},
    )
    task_type = TaskType.objects.filter(pk=request.task_type_id).first() if request.task_type_id else None
    order = Order(
        client=organisation,
        contact=contact,
        task_type=task_type,
        title=request.title.strip(),
        description=request.description.strip(),
        orientation=request.orientation.strip(),
        street_address=request.street_address.strip(),
        postal_code=request.postal_code.strip(),
        city=request.city.strip() or "Helsinki",
        preferred_start=request.preferred_start,
        preferred_end=request.preferred_end,
        timing_notes=request.timing_notes.strip(),
        estimated_hours=request.estimated_hours,
        hours_indicative=request.hours_indicative,
        workers_needed=request.workers_needed,
        tools_provided=request.tools_provided,
        contract_type=request.contract_type,
        client_reference=request.client_reference.strip(),
        language=request.language,
        status=OrderStatus.SUBMITTED,
        submitted_at=timezone.now(),
        submission_key=submission_key,
        copied_from=copied_from,
    )
    order.full_clean(validate_unique=False)
    order.save()
    OrderStatusChange.objects.create(order=order, from_status="", to_status=OrderStatus.SUBMITTED, by=None)
    queue_email(
        to=contact.email,
        code="order_received",
        language=order.language,
        context={"order": order, "contact": contact},
    )
    return order
