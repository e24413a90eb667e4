"""The data inventory: every field of every project model, classified.

Each app declares the fields of its own models in its `privacy.py` (`register_inventory`, called
from its `AppConfig.ready()`); this module merges them and answers what class a field has.

- `PUBLIC`: not about a person on its own (ids, states, reference data, prices, the gig's place).
- `PERSONAL`: identifies or describes a person (names, contact details, who did what and when).
- `SPECIAL`: special-category (GDPR Art. 9) or social-welfare client data: health, disability,
  support needs, benefits, consents about them. Shown only in a strong session, every read logged.
- `FINANCIAL`: money of a person or an organisation: pay, tax, invoices, bank details.
- `SECRET`: authentication secrets (password hashes, code hashes). Never shown, never exported.

A test walks `apps.get_models()` and fails on any field of a project model that has no class (and
on entries for fields that no longer exist), so a new field needs its line in the same change: the
class decides whether reads are access-logged, whether a value is masked, what the worker's data
export holds and what the retention job removes, and a field nobody classified would silently fall
outside all of them.
"""

from __future__ import annotations

from pathlib import Path

PUBLIC = "public"
PERSONAL = "personal"
SPECIAL = "special"
FINANCIAL = "financial"
SECRET = "secret"  # noqa: S105 - the name of a class, not a password

CLASSES = (PUBLIC, PERSONAL, SPECIAL, FINANCIAL, SECRET)

# "app_label.Model" -> {field name: class}, filled by the apps' registrations.
INVENTORY: dict[str, dict[str, str]] = {}


def register_inventory(models: dict[str, dict[str, str]]) -> None:
    """Add the classified fields of some models ("app_label.Model" -> {field: class}).

    Registering a model again replaces its entry (a reloaded app states its fields afresh).
    """
    for label, fields in models.items():
        INVENTORY[label] = dict(fields)


def model_fields(model) -> list[str]:
    """The names of a model's own fields: columns and many-to-many relations (not reverse relations)."""
    return [
        field.name
        for field in model._meta.get_fields()
        if (getattr(field, "concrete", False) or field.many_to_many) and not field.auto_created
    ] + [model._meta.pk.name] * bool(model._meta.pk.auto_created)


def classification(model, field_name: str) -> str | None:
    return INVENTORY.get(model._meta.label, {}).get(field_name)


def fields_of_class(cls: str) -> list[tuple[str, str]]:
    """(model label, field name) of every field in a class, e.g. every `SPECIAL` field."""
    return [(label, name) for label, fields in INVENTORY.items() for name, c in fields.items() if c == cls]


def _is_project_app(app_config) -> bool:
    # The project's own apps live in the repository; Django's, allauth's and the other installed
    # packages' models are theirs to describe. Deciding by place rather than by a list of names means
    # a new app is covered from its first model, whether or not it registers anything.
    from django.conf import settings

    path = Path(app_config.path).resolve()
    base = Path(settings.BASE_DIR).resolve()
    return path.is_relative_to(base) and "site-packages" not in path.parts


def project_models():
    from django.apps import apps

    return [model for model in apps.get_models() if _is_project_app(model._meta.app_config)]


def unclassified() -> list[str]:
    """ "app.Model.field" of every project field with no class (or an unknown class)."""
    missing = []
    for model in project_models():
        for name in model_fields(model):
            if classification(model, name) not in CLASSES:
                missing.append(f"{model._meta.label}.{name}")
    return missing


def stale() -> list[str]:
    """Entries for models or fields that no longer exist."""
    from django.apps import apps

    gone = []
    for label, fields in INVENTORY.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            gone.append(label)
            continue
        present = set(model_fields(model))
        gone += [f"{label}.{name}" for name in fields if name not in present]
    return gone


# --- The kernel's own models ----------------------------------------------------------------------
P, PE, F, X = PUBLIC, PERSONAL, FINANCIAL, SECRET

register_inventory(
    {
        "jobcenter.User": {
            "id": P,
            "password": X,
            "last_login": PE,
            "is_superuser": P,
            "first_name": PE,
            "last_name": PE,
            "is_staff": P,
            "is_active": P,
            "date_joined": PE,
            "email": PE,
            "phone": PE,
            "language": PE,
            "groups": P,
            "user_permissions": P,
        },
        "jobcenter.OutboundEmail": {
            "id": P,
            "code": P,
            "to": PE,
            "language": P,
            "subject": PE,
            "body_text": PE,
            "body_html": PE,
            "status": P,
            "attempts": P,
            "last_error": P,
            "created_at": P,
            "sent_at": P,
            "next_attempt_at": P,
            "sending_since": P,
            "resent_at": P,
            "resent_by": PE,
            "attachment": F,  # invoices and fee statements
            "attachment_name": PE,
            "attachment_mimetype": P,
        },
        "jobcenter.OutboundSms": {
            "id": P,
            "code": P,
            "to": PE,
            "language": P,
            "text": PE,
            "status": P,
            "attempts": P,
            "last_error": P,
            "gateway_id": P,
            "created_at": P,
            "sent_at": P,
            "next_attempt_at": P,
            "sending_since": P,
        },
        "jobcenter.StepUpRequest": {
            "id": P,
            "user": PE,
            "session_key_hash": X,
            "code_hash": X,
            "created_at": P,
            "expires_at": P,
            "cancelled_at": P,
            "confirmed_by": PE,
            "confirmed_at": PE,
            "strong_until": P,
        },
    }
)

del P, PE, F, X
