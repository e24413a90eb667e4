"""Clients are matched, never merged silently.

A public order names its organisation by what a stranger types. When the business ID (or, failing
that, the email domain) is an existing client's, the order goes under that client only when it is
plainly the same one: same business ID, type and name, the sender already a contact of it or
writing from the domain of one of its contacts, and no typed billing detail that differs from a
stored one. Anything else becomes a *provisional* organisation holding exactly what was typed, with
its own contact and the order, pointing at the client it may be (`match_candidate`). The matched
client's contacts do not see the order, and the sender does not see the matched client's orders,
until the coordinator decides on the order's page: the same client (the orders and the contact
move there; the billing details are updated only if the coordinator says so) or a new client.
Until then the terms are not sent (`require_client_checked`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobcenter.errors import DomainError
from jobcenter.validators import normalize_business_id
from orders import permissions
from orders.models import (
    ClientContact,
    ClientOrganisation,
    ClientType,
    MatchReason,
    Order,
    OrderEvent,
    OrderStatusChange,
)
from orders.services.common import _lock_order, _require

# Email domains that many unrelated people share: the same domain there says nothing about being
# the same client. A subdomain of one counts as shared too (edu.hel.fi under hel.fi).
# Overridden by the setting JOBCENTER_SHARED_EMAIL_DOMAINS (a list of domains).
DEFAULT_SHARED_EMAIL_DOMAINS = (
    "gmail.com",
    "googlemail.com",
    "hotmail.com",
    "hotmail.fi",
    "outlook.com",
    "live.com",
    "msn.com",
    "yahoo.com",
    "icloud.com",
    "me.com",
    "luukku.com",
    "suomi24.fi",
    "kolumbus.fi",
    "elisanet.fi",
    "saunalahti.fi",
    "welho.com",
    "dnainternet.net",
    "netti.fi",
    "pp.inet.fi",
    "protonmail.com",
    "proton.me",
    "hel.fi",
)

# The typed billing details that are compared with the stored ones, with their labels on the page.
BILLING_FIELDS = {
    "billing_name": gettext_lazy("Billing name"),
    "billing_street": gettext_lazy("Billing street address"),
    "billing_postal_code": gettext_lazy("Billing postal code"),
    "billing_city": gettext_lazy("Billing city"),
    "billing_email": gettext_lazy("Billing email"),
    "einvoice_address": gettext_lazy("E-invoice address"),
    "einvoice_operator": gettext_lazy("E-invoice operator"),
}
# Types that must have a business ID (as the public form asks).
BUSINESS_ID_REQUIRED = frozenset({ClientType.COMPANY, ClientType.ASSOCIATION})


# --- Comparing ------------------------------------------------------------------------------------
def same_text(a: str, b: str) -> bool:
    """Equal but for case and runs of whitespace ("Kahvila  kulma oy" is "Kahvila Kulma Oy")."""
    return " ".join((a or "").split()).casefold() == " ".join((b or "").split()).casefold()


def email_domain(email: str) -> str:
    return (email or "").rpartition("@")[2].strip().lower()


def shared_email_domains() -> frozenset[str]:
    domains = getattr(settings, "JOBCENTER_SHARED_EMAIL_DOMAINS", None)
    if domains is None:
        domains = DEFAULT_SHARED_EMAIL_DOMAINS
    return frozenset(d.strip().lower().lstrip("@") for d in domains if d.strip())


def is_shared_domain(domain: str) -> bool:
    shared = shared_email_domains()
    return any(domain == d or domain.endswith(f".{d}") for d in shared)


def billing_differences(stored: ClientOrganisation, typed: dict[str, str]) -> list[str]:
    """The billing fields where a typed value is not the stored one. A typed value where the stored
    one is blank is a difference too: an unverified form must not fill in a client's billing email."""
    return [
        field
        for field in BILLING_FIELDS
        if (typed.get(field) or "").strip() and not same_text(typed[field], getattr(stored, field))
    ]


@dataclass(frozen=True)
class TypedClient:
    """The organisation as the public form gave it (business ID normalised, or "")."""

    name: str
    business_id: str
    client_type: str
    email: str
    billing: dict[str, str]


def find_existing_client(typed: TypedClient) -> tuple[ClientOrganisation | None, str]:
    """The decided client that the typed one may be, locked, and why: (organisation, MatchReason) or (None, "")."""
    decided = ClientOrganisation.objects.select_for_update().filter(match_candidate__isnull=True)
    if typed.business_id:
        same_id = decided.filter(business_id=typed.business_id)
        if typed.client_type == ClientType.CITY_UNIT:
            # Every city unit orders under the City's business ID; the unit is told apart by its name.
            found = same_id.filter(client_type=ClientType.CITY_UNIT, name__iexact=" ".join(typed.name.split())).first()
        else:
            found = same_id.exclude(client_type=ClientType.CITY_UNIT).order_by("pk").first()
            if found is None:
                # Another type with the City's ID meets a city unit: never the same, the coordinator sees it.
                found = same_id.order_by("pk").first()
        if found is not None:
            return found, MatchReason.BUSINESS_ID
    domain = email_domain(typed.email)
    if typed.client_type != ClientType.CITY_UNIT and domain and not is_shared_domain(domain):
        with_domain = ClientContact.objects.filter(email__iendswith=f"@{domain}").values("organisation_id")
        candidates = list(decided.filter(pk__in=with_domain).order_by("pk")[:20])
        if candidates:
            named = [org for org in candidates if same_text(org.name, typed.name)]
            return (named or candidates)[0], MatchReason.EMAIL_DOMAIN
    return None, ""


def is_plainly_the_same(organisation: ClientOrganisation, typed: TypedClient) -> bool:
    """Same business ID, type and name; the sender a contact of it or from a contact's own domain;
    no typed billing detail that differs from a stored one."""
    if organisation.business_id != typed.business_id or organisation.client_type != typed.client_type:
        return False
    if not same_text(organisation.name, typed.name):
        return False
    emails = [e.lower() for e in organisation.contacts.values_list("email", flat=True)]
    email, domain = typed.email.lower(), email_domain(typed.email)
    known = email in emails or (not is_shared_domain(domain) and domain in {email_domain(e) for e in emails})
    return known and not billing_differences(organisation, typed.billing)


# --- What the coordinator sees ----------------------------------------------------------------------
@dataclass(frozen=True)
class CheckRow:
    label: str
    typed: str
    stored: str
    differs: bool


def client_check_rows(provisional: ClientOrganisation, matched: ClientOrganisation) -> list[CheckRow]:
    """What was typed beside what the matched client has, field by field, and whether they differ."""
    rows = [
        (_("Name"), provisional.name, matched.name),
        (_("Business ID"), provisional.business_id, matched.business_id),
        (_("Type"), provisional.get_client_type_display(), matched.get_client_type_display()),
    ]
    rows += [(label, getattr(provisional, field), getattr(matched, field)) for field, label in BILLING_FIELDS.items()]
    return [CheckRow(str(label), typed, stored, not same_text(typed, stored)) for label, typed, stored in rows]


# --- The guard ------------------------------------------------------------------------------------
def require_client_checked(order: Order) -> None:
    """Refuse to go on with an order whose client the coordinator has not checked yet."""
    if ClientOrganisation.objects.filter(pk=order.client_id, match_candidate__isnull=False).exists():
        raise DomainError(
            _(
                "Check the client first. The business ID or email of this order belongs to an existing client: "
                "decide on the order's page whether it is the same client or a new one."
            )
        )


# --- The coordinator's two decisions ----------------------------------------------------------------
def _lock_provisional(order_id: int, by) -> tuple[Order, ClientOrganisation, ClientOrganisation]:
    _require(permissions.can_coordinate(by))
    order = _lock_order(order_id)
    provisional = ClientOrganisation.objects.select_for_update().get(pk=order.client_id)
    if provisional.match_candidate_id is None:
        raise DomainError(_("The client of this order has already been checked. Nothing was changed."))
    matched = ClientOrganisation.objects.select_for_update().get(pk=provisional.match_candidate_id)
    return order, provisional, matched


def _note_on_orders(orders: list[Order], *, by, kind: str, params: dict) -> None:
    OrderStatusChange.objects.bulk_create(
        OrderStatusChange(order=o, from_status=o.status, to_status=o.status, by=by, kind=kind, params=params)
        for o in orders
    )


@transaction.atomic
def client_match_confirm_same(*, order_id: int, by, update_billing: bool = False) -> ClientOrganisation:
    """The coordinator says the order's provisional client is the matched one: its orders and contacts
    move there (a contact with the same email is reused), optionally with the typed billing details,
    and the provisional organisation is deleted. Returns the matched organisation."""
    order, provisional, matched = _lock_provisional(order_id, by)
    if update_billing:
        changed = [field for field in BILLING_FIELDS if getattr(provisional, field)]
        for field in changed:
            setattr(matched, field, getattr(provisional, field))
        if changed:
            matched.full_clean(validate_unique=False)
            matched.save(update_fields=[*changed, "updated_at"])
    orders = list(Order.objects.select_for_update().filter(client=provisional).order_by("pk"))
    for contact in ClientContact.objects.select_for_update().filter(organisation=provisional).order_by("pk"):
        existing = matched.contacts.filter(email__iexact=contact.email).first()
        if existing is None:
            contact.organisation = matched
            contact.save(update_fields=["organisation", "updated_at"])
            continue
        Order.objects.filter(contact=contact).update(contact=existing)
        Order.objects.filter(terms_accepted_by=contact).update(terms_accepted_by=existing)
        if existing.user_id is None and contact.user_id is not None:
            existing.user_id = contact.user_id
            existing.save(update_fields=["user", "updated_at"])
        contact.delete()
    Order.objects.filter(client=provisional).update(client=matched)
    _note_on_orders(
        orders,
        by=by,
        kind=OrderEvent.CLIENT_SAME,
        params={"name": matched.name, "business_id": matched.business_id or "–", "billing_updated": update_billing},
    )
    provisional.delete()
    return matched


@transaction.atomic
def client_match_confirm_new(*, order_id: int, by, business_id: str, name: str = "") -> ClientOrganisation:
    """The coordinator says the order's provisional client is a new client. The business ID must stay
    unique, so the coordinator confirms or corrects it (empty only for types that need none)."""
    order, provisional, matched = _lock_provisional(order_id, by)
    name = " ".join((name or provisional.name).split())
    business_id = (business_id or "").strip()
    if business_id:
        try:
            business_id = normalize_business_id(business_id)
        except ValidationError as err:
            raise DomainError(err.messages[0]) from None
    elif provisional.client_type in BUSINESS_ID_REQUIRED:
        raise DomainError(_("Give the business ID. Companies and associations must have one."))
    if business_id:
        others = ClientOrganisation.objects.filter(business_id=business_id, match_candidate__isnull=True)
        if provisional.client_type == ClientType.CITY_UNIT:
            # City units share the City's ID: only another type with it, or a unit of the same name, clashes.
            others = others.filter(~Q(client_type=ClientType.CITY_UNIT) | Q(name__iexact=name))
        clash = others.exclude(pk=provisional.pk).order_by("pk").first()
        if clash is not None:
            raise DomainError(
                _("The business ID %(business_id)s is already that of %(name)s. Correct it, or choose the same client.")
                % {"business_id": business_id, "name": clash.name}
            )
    provisional.name = name
    provisional.business_id = business_id
    provisional.match_candidate = None
    provisional.match_reason = ""
    provisional.full_clean()
    provisional.save()
    orders = list(Order.objects.select_for_update().filter(client=provisional).order_by("pk"))
    _note_on_orders(
        orders,
        by=by,
        kind=OrderEvent.CLIENT_NEW,
        params={"name": matched.name, "business_id": business_id or "–"},
    )
    return provisional
