"""The login of a client contact: a user account tied to a `ClientContact` of an organisation."""

from __future__ import annotations

from django.db import transaction

from jobcenter.models import User
from jobcenter.services import user_create
from orders.models import ClientContact


@transaction.atomic
def client_contact_account_create(*, contact, password: str | None = None, password_hash: str | None = None) -> User:
    """Give a client contact a user account (or link the existing account with the same email).

    A contact who already has an account keeps it. Without a password the account logs in with an
    emailed code only; `password_hash` is a password already hashed with `make_password`."""
    contact = ClientContact.objects.select_for_update().get(pk=contact.pk)
    if contact.user_id is not None:
        return contact.user
    user = User.objects.filter(email__iexact=contact.email).first()
    if user is None:
        first_name, _sep, last_name = contact.name.strip().partition(" ")
        user = user_create(
            email=contact.email,
            first_name=first_name,
            last_name=last_name,
            password=password,
            password_hash=password_hash,
            language=contact.organisation.language,
            phone=contact.phone,
        )
    contact.user = user
    contact.full_clean()
    contact.save(update_fields=["user", "updated_at"])
    return user
