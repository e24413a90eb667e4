"""The retention of client contacts: a contact whose last order and login are older than the
retention period, and who has no open order, is anonymised. Its orders and invoices stay (they are
accounting records); its account closes unless the person has another role."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import DateTimeField, F, OuterRef
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from jobcenter.models import User
from jobcenter.privacy import (
    ANONYMISED_DOMAIN,
    close_account,
    forget_emails_to,
    latest,
    register_retention_step,
    register_retention_subject,
    years_before,
)
from orders.models import ClientContact, Order
from orders.states import OrderStatus
from workers.models import Worker

CONTACT = "client_contact"


def contact_placeholder_email(contact_id: int) -> str:
    return f"anonymised-contact-{contact_id}@{ANONYMISED_DOMAIN}"


def contacts_past_retention(*, now: dt.datetime | None = None):
    """Client contacts not yet anonymised whose last order and login are older than the period."""
    now = now or timezone.now()
    cutoff = years_before(now, settings.JOBCENTER_RETENTION_CONTACT_YEARS)
    created = F("created_at")
    return (
        ClientContact.objects.exclude(email__endswith=f"@{ANONYMISED_DOMAIN}")
        .annotate(
            last_activity=Greatest(
                F("updated_at"),
                Coalesce(F("user__last_login"), created),
                Coalesce(latest(Order.objects.filter(contact=OuterRef("pk")), "updated_at"), created),
                output_field=DateTimeField(),
            )
        )
        .filter(last_activity__lt=cutoff)
        .exclude(orders__status__in=list(OrderStatus.open_states))
        .distinct()
        .order_by("pk")
    )


def _lock_contact(pk: int) -> ClientContact | None:
    contact = ClientContact.objects.select_for_update().filter(pk=pk).first()
    return None if contact is None or contact.email.endswith(f"@{ANONYMISED_DOMAIN}") else contact


register_retention_subject(
    CONTACT, order=30, count="contacts", due=lambda now: contacts_past_retention(now=now), lock=_lock_contact
)


def _user_has_other_roles(user: User, *, contact_id: int) -> bool:
    return (
        user.is_staff
        or user.is_superuser
        or Worker.objects.filter(user=user).exists()
        or user.unit_memberships.exists()
        or ClientContact.objects.filter(user=user)
        .exclude(pk=contact_id)
        .exclude(email__endswith=f"@{ANONYMISED_DOMAIN}")
        .exists()
    )


@register_retention_step(
    CONTACT,
    "contact",
    order=10,
    keeps="The contact row, inactive, under a placeholder; its orders; invoice emails with their attachments.",
)
def _forget_contact(job) -> None:
    """Name, email and phone go; the account closes unless it has another role; emails lose address and text."""
    contact = job.row
    old_email = contact.email
    placeholder = contact_placeholder_email(contact.pk)
    contact.name = f"Anonymised contact #{contact.pk}"
    contact.email = placeholder
    contact.phone = ""
    contact.is_active = False
    contact.save(update_fields=["name", "email", "phone", "is_active", "updated_at"])
    if contact.user_id is not None:
        user = User.objects.select_for_update().get(pk=contact.user_id)
        if not _user_has_other_roles(user, contact_id=contact.pk):
            close_account(user, email=f"anonymised-user-{user.pk}@{ANONYMISED_DOMAIN}", name=contact.name)
    # Invoice emails keep their attachment (an issued invoice, an accounting record).
    emails, _files = forget_emails_to(old_email, placeholder=placeholder, delete_attachments=False)
    job.report.add("emails", emails)
