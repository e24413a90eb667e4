""" "Order again": the public order form filled in as a copy of an earlier order, to edit.

The address names the earlier order (`?again=<id>`); only a logged-in contact of that order's
organisation gets the copy (anyone else a 404, as for an order that does not exist). The task, the
place, the hours, the workers and the contract are copied, not the dates; the organisation, the
contact and the billing details are the stored ones, so the new order goes through the normal intake
(`orders.services.order_submit`) and lands under the same client when nothing is changed. The
form carries the earlier order's id (a hidden field); it is checked again when the form is sent, and
the new order records it (`Order.copied_from`), shown on the coordinator's order page.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils import formats
from django.utils.translation import gettext as _

from orders.models import ClientContact, Order
from orders.selectors.client_account import client_order_get_for

AGAIN_PARAM = "again"
BILLING_FIELDS = (
    "billing_street",
    "billing_postal_code",
    "billing_city",
    "billing_email",
    "einvoice_address",
    "einvoice_operator",
)


def _hours(value) -> str:
    """3.00 -> "3", 2.50 -> "2,5" in Finnish: as a person would type it."""
    return formats.number_format(value.normalize(), use_l10n=True)


def order_again_initial(request: HttpRequest) -> tuple[dict, Order | None]:
    """The form's initial values copied from the earlier order, and that order (or ({}, None))."""
    raw = request.GET.get(AGAIN_PARAM, "")
    if not raw or not request.user.is_authenticated:
        return {}, None
    source = client_order_get_for(user=request.user, pk=int(raw) if raw.isdigit() else 0)
    organisation = source.client
    contact = (
        ClientContact.objects.filter(user=request.user, organisation=organisation, is_active=True)
        .order_by("pk")
        .first()
    )
    initial = {
        AGAIN_PARAM: source.pk,
        "organisation_name": organisation.name,
        "client_type": organisation.client_type,
        "business_id": organisation.business_id,
        "task_type": source.task_type_id,
        "title": source.title,
        "description": source.description,
        "orientation": source.orientation,
        "tools_provided": source.tools_provided,
        "street_address": source.street_address,
        "postal_code": source.postal_code,
        "city": source.city,
        "estimated_hours": _hours(source.estimated_hours),
        "hours_indicative": source.hours_indicative,
        "workers_needed": source.workers_needed,
        "contract_type": source.contract_type,
        # The stored name on the invoice; empty when it is the organisation's (the form's own rule).
        "billing_name": "" if organisation.billing_name == organisation.name else organisation.billing_name,
        **{field: getattr(organisation, field) for field in BILLING_FIELDS},
    }
    if contact is not None:
        initial.update(contact_name=contact.name, contact_email=contact.email, contact_phone=contact.phone)
    return initial, source


def order_again_checked(request: HttpRequest, form) -> int | None:
    """The id of the earlier order a sent form was copied from, when it is an order of the user's own
    organisation. Any other id (a changed hidden field, a form sent after logging out) is refused
    with an error on the form and dropped from it, so sending it again sends a new order."""
    pk = form.cleaned_data.get(AGAIN_PARAM)
    if pk is None:
        return None
    try:
        return client_order_get_for(user=request.user, pk=pk).pk
    except Http404:
        form.data = form.data.copy()
        form.data[AGAIN_PARAM] = ""
        form.add_error(
            None,
            _(
                "The earlier order this form was copied from is not one of your organisation's orders. "
                "Log in as its contact person, or send this form again as a new order."
            ),
        )
        return None
