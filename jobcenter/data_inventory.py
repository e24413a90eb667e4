"""The data inventory (TRUST.md DATA-1): every field of every project model, classified.

One registry, read by tests and by the features that depend on the class of a field:

- `PUBLIC`: not about a person on its own (ids, states, reference data, prices, the gig's place).
- `PERSONAL`: identifies or describes a person (names, contact details, who did what and when).
- `SPECIAL`: special-category (GDPR Art. 9) or social-welfare client data: health, disability,
  support needs, benefits, consents about them. Shown only in a strong session, every read logged.
- `FINANCIAL`: money of a person or an organisation: pay, tax, invoices, bank details.
- `SECRET`: authentication secrets (password hashes, code hashes). Never shown, never exported.

`tests/trust/test_data_inventory.py` walks `apps.get_models()` and fails on any field of a project
model that is not classified here (and on entries for fields that no longer exist). A new field
therefore needs a line here in the same change. The class drives access logging (LOG-1), masking
(AUTHZ-3), the worker's data export (GDPR-2) and retention (GDPR-1).
"""

from __future__ import annotations

PUBLIC = "public"
PERSONAL = "personal"
SPECIAL = "special"
FINANCIAL = "financial"
SECRET = "secret"  # noqa: S105 - the name of a class, not a password

CLASSES = (PUBLIC, PERSONAL, SPECIAL, FINANCIAL, SECRET)

# The apps whose models the inventory covers (Django's and allauth's own models are theirs).
PROJECT_APPS = ("jobcenter", "units", "workers", "orders", "billing", "benefits")

P, PE, S, F, X = PUBLIC, PERSONAL, SPECIAL, FINANCIAL, SECRET

INVENTORY: dict[str, dict[str, str]] = {
    # --- jobcenter --------------------------------------------------------------------------------
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
    "workers.AccessLogEntry": {
        "id": P,
        "at": PE,
        "user": PE,
        "worker": PE,
        "data": PE,
        "action": PE,
        "path": PE,
        "reason": PE,
        "actor_role": P,
        "actor_unit": P,
        "outcome": P,
        "request_id": P,
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
    # --- units ------------------------------------------------------------------------------------
    "units.WorkActivityService": {"id": P, "kind": P, "name": P, "default_support": P, "time_limited": P},
    "units.Unit": {
        "id": P,
        "created_at": P,
        "updated_at": P,
        "service": P,
        "name": P,
        "street_address": P,
        "postal_code": P,
        "city": P,
        "phone": P,
        "email": P,
        "is_active": P,
    },
    "units.UnitMembership": {
        "id": P,
        "created_at": P,
        "updated_at": P,
        "user": PE,
        "unit": P,
        "role": PE,
        "is_active": P,
    },
    # --- workers ----------------------------------------------------------------------------------
    # Being a worker at all tells that the person is a client of a work-activity service.
    "workers.Worker": {
        "id": P,
        "created_at": PE,
        "updated_at": P,
        "user": PE,
        "home_unit": S,  # the service (disability, mental health, ...) tells about the person's health
        "interests_note": PE,
        "support_needs": S,
        "is_active": PE,
        "anonymised_at": P,
        "skills": PE,
        "interests": PE,
    },
    "workers.WorkerGroup": {"id": P, "created_at": P, "updated_at": P, "unit": P, "name": P, "members": PE},
    "workers.WorkCertificate": {
        "id": P,
        "created_at": P,
        "updated_at": P,
        "worker": PE,
        "issued_by": PE,
        "issued_at": PE,
        "period_start": PE,
        "period_end": PE,
        "include_feedback": PE,
        "language": PE,
        "summary": PE,
        "pdf": PE,
    },
    # --- orders -----------------------------------------------------------------------------------
    "orders.TaskType": {"id": P, "code": P, "name_fi": P, "name_sv": P, "name_en": P, "is_active": P},
    "orders.ClientOrganisation": {
        "id": P,
        "created_at": P,
        "updated_at": P,
        "name": P,
        "business_id": P,
        "client_type": P,
        "language": P,
        "billing_name": P,
        "billing_street": P,
        "billing_postal_code": P,
        "billing_city": P,
        "billing_email": PE,
        "einvoice_address": F,
        "einvoice_operator": F,
        "invoicing_mode": P,
    },
    "orders.ClientContact": {
        "id": P,
        "created_at": P,
        "updated_at": P,
        "organisation": P,
        "user": PE,
        "name": PE,
        "email": PE,
        "phone": PE,
        "is_active": P,
    },
    "orders.OrderTerms": {"id": P, "version": P, "valid_from": P, "text_fi": P, "text_sv": P, "text_en": P},
    "orders.Order": {
        "id": P,
        "created_at": P,
        "updated_at": P,
        "client": P,
        "contact": PE,
        "task_type": P,
        "title": P,
        "description": P,
        "orientation": P,
        "street_address": P,
        "postal_code": P,
        "city": P,
        "preferred_start": P,
        "preferred_end": P,
        "timing_notes": P,
        "estimated_hours": P,
        "hours_indicative": P,
        "workers_needed": P,
        "tools_provided": P,
        "contract_type": P,
        "client_reference": F,
        "language": P,
        "status": P,
        "submitted_at": P,
        "submission_key": P,
        "terms": P,
        "terms_sent_at": P,
        "terms_accepted_at": PE,
        "terms_accepted_by": PE,
        "terms_accepted_name": PE,
        "closed_reason": P,
        "feedback_requested_at": P,
        "informed_units": P,
    },
    "orders.OrderStatusChange": {"id": P, "order": P, "from_status": P, "to_status": P, "by": PE, "note": PE, "at": P},
    "orders.OrderUnitNotice": {"id": P, "order": P, "unit": P, "informed_at": P, "informed_by": PE},
    "orders.Gig": {
        "id": P,
        "created_at": P,
        "updated_at": P,
        "order": P,
        "date": P,
        "start_time": P,
        "planned_hours": P,
        "workers_needed": P,
        "notes": P,
    },
    "orders.Assignment": {
        "id": P,
        "created_at": P,
        "updated_at": P,
        "gig": P,
        "worker": PE,
        "proposed_by": PE,
        "unit": PE,
        "support": S,  # how the worker is supported at work (staff along, by phone): about their ability
        "support_person": PE,
        "skills_checked": PE,
        "interest_note": PE,
        "status": PE,
        "reported_hours": PE,
        "reported_at": PE,
        "approved_hours": PE,
        "hours_correction_reason": PE,
        "approved_at": PE,
        "approved_by": PE,
    },
    "orders.AssignmentStatusChange": {
        "id": P,
        "assignment": P,
        "from_status": PE,
        "to_status": PE,
        "by": PE,
        "on_behalf": PE,
        "note": PE,  # a decline reason may tell about the person's health
        "at": PE,
    },
    "orders.Feedback": {
        "id": P,
        "created_at": P,
        "updated_at": P,
        "assignment": PE,
        "rating": PE,
        "text": PE,
        "source": P,
        "given_by_name": PE,
        "recorded_by": PE,
    },
    # --- billing ----------------------------------------------------------------------------------
    "billing.PriceList": {
        "id": P,
        "valid_from": P,
        "valid_to": P,
        "source": P,
        "contract_type": P,
        "client_hourly_price": P,
        "worker_hourly_pay": P,
        "side_costs_hourly": P,
        "service_fee_hourly": P,
    },
    "billing.VatRate": {"id": P, "valid_from": P, "valid_to": P, "source": P, "rate": P},
    "billing.InvoiceSeries": {"id": P, "code": P, "next_number": P},
    "billing.Invoice": {
        "id": P,
        "created_at": P,
        "updated_at": P,
        "series": P,
        "number": F,
        "kind": P,
        "credits": F,
        "credit_reason": F,
        "client": F,
        "seller_name": P,
        "seller_business_id": P,
        "seller_iban": P,
        "seller_bic": P,
        "buyer_name": F,
        "buyer_business_id": F,
        "buyer_street": F,
        "buyer_postal_code": F,
        "buyer_city": F,
        "buyer_email": PE,
        "buyer_einvoice_address": F,
        "buyer_einvoice_operator": F,
        "client_reference": F,
        "language": P,
        "issue_date": F,
        "due_date": F,
        "payment_term_days": F,
        "penalty_interest_note": P,
        "reference": F,
        "reference_rf": F,
        "net": F,
        "vat": F,
        "gross": F,
        "status": F,
        "paid_at": F,
        "paid_amount": F,
        "pdf": F,
        "emailed_at": F,
        "issued_by": PE,
        "orders": F,
    },
    "billing.InvoiceLine": {
        "id": P,
        "invoice": F,
        "position": P,
        "date": F,
        "task": F,
        "worker_count": F,
        "hours": F,
        "unit_price": F,
        "vat_rate": F,
        "net": F,
        "vat": F,
        "gross": F,
    },
    "billing.InvoiceEvent": {"id": P, "invoice": F, "action": F, "by": PE, "note": F, "at": F},
    "billing.YelLowerLimit": {"id": P, "year": P, "amount": P, "source": P},
    "billing.WorkerTaxInfo": {
        "id": P,
        "worker": PE,
        "withholding_percent": F,
        "in_prepayment_register": F,
        "valid_for_year": F,
        "updated_at": F,
        "updated_by": PE,
    },
    "billing.Payout": {
        "id": P,
        "worker": PE,
        "worker_name": PE,
        "worker_email": PE,
        "period_start": F,
        "period_end": F,
        "hours": F,
        "gross": F,
        "withholding_percent": F,
        "tax_withheld": F,
        "net": F,
        "language": PE,
        "created_by": PE,
        "created_at": F,
        "pdf": F,
    },
    "billing.PayoutLine": {
        "id": P,
        "payout": F,
        "assignment": PE,
        "date": F,
        "task": F,
        "hours": F,
        "rate": F,
        "amount": F,
    },
    # --- benefits (TRUST.md: social-welfare client data, special category) -----------------------
    "benefits.BenefitRule": {
        "id": P,
        "valid_from": P,
        "valid_to": P,
        "source": P,
        "benefit": P,
        "kind": P,
        "period": P,
        "amount": P,
        "reduction_rate": P,
        "note": P,
    },
    "benefits.ReceivedBenefit": {
        "id": P,
        "created_at": S,
        "updated_at": S,
        "worker": S,
        "benefit": S,
        "started_on": S,
        "ended_on": S,
        "payment_period": S,
        "note": S,
        "recorded_by": PE,
    },
    "benefits.BenefitNotes": {"id": P, "created_at": S, "updated_at": S, "worker": S, "text": S, "updated_by": PE},
    "benefits.Clarification": {
        "id": P,
        "created_at": S,
        "updated_at": S,
        "worker": S,
        "kind": S,
        "done_on": S,
        "done_by": PE,
        "with_actor": S,
        "notes": S,
    },
    "benefits.Consent": {
        "id": P,
        "created_at": S,
        "updated_at": S,
        "worker": S,
        "actors": S,
        "data": S,
        "given_on": S,
        "valid_until": S,
        "withdrawn_on": S,
        "withdrawn_note": S,
        "recorded_by": PE,
        "withdrawn_by": PE,
        "signed_scan": S,
        "signed_scan_type": S,
        "signed_scan_uploaded_at": S,
    },
    "benefits.CommissionWorkExplanation": {
        "id": P,
        "created_at": S,
        "updated_at": S,
        "assignment": S,
        "explained_by": PE,
        "explained_on": S,
        "note": S,
    },
}

del P, PE, S, F, X


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


def project_models():
    from django.apps import apps

    return [model for model in apps.get_models() if model._meta.app_label in PROJECT_APPS]


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
