"""The public order form (Tilaa keikka).

It checks the shape of the input only (required fields, formats, dates in order). The rules of the
order flow live in `orders.services`; a refusal from there is shown as a form error.
"""

from __future__ import annotations

import datetime as dt
import re
import time
import uuid
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from jobcenter.forms import NoBidiControlsMixin
from jobcenter.validators import normalize_business_id
from orders.models import ClientType, ContractType, TaskType
from orders.services import OrderRequest
from web.public.forms.antibot import HONEYPOT_FIELD, STARTED_FIELD, form_started_at
from web.public.forms.common import DATE_INPUT_FORMATS, add_hds_classes

# The order's estimate covers all its workers and gigs together, so it may be far more than one
# gig's hours; a quarter of an hour is the least work worth ordering.
MIN_HOURS = Decimal("0.25")
MAX_HOURS = Decimal("1000")

postal_code_validator = RegexValidator(
    r"^\d{5}$", _("Write the postal code as five digits, for example 00100."), code="postal_code"
)
_PHONE_ALLOWED = re.compile(r"^\+?[\d\s()/-]+$")
_EINVOICE_ADDRESS = re.compile(r"^[A-Z0-9]{12,35}$")
_EINVOICE_OPERATOR = re.compile(r"^[A-Z0-9]{4,35}$")


def _date(label, help_text="") -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=help_text,
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Write the date as day.month.year, for example 3.3.2026.")},
    )


class OrderRequestForm(NoBidiControlsMixin, forms.Form):
    """The public order form (Tilaa keikka). Sections follow the template's fieldsets."""

    # Who orders
    organisation_name = forms.CharField(label=_("Name of the organisation"), max_length=200)
    client_type = forms.ChoiceField(
        label=_("Type of organisation"), choices=ClientType.choices, widget=forms.RadioSelect
    )
    business_id = forms.CharField(
        label=_("Business ID"),
        max_length=12,
        required=False,
        help_text=_("Companies and associations must give it. For example 7654321-2."),
    )
    # Contact person
    contact_name = forms.CharField(label=_("Contact person's name"), max_length=200)
    contact_email = forms.EmailField(
        label=_("Email"), max_length=254, help_text=_("We send the order confirmation to this address.")
    )
    contact_phone = forms.CharField(label=_("Phone number"), max_length=40)
    # The task
    task_type = forms.ModelChoiceField(
        label=_("Type of task"),
        queryset=TaskType.objects.none(),
        required=False,
        empty_label=_("Something else (describe it below)"),
    )
    title = forms.CharField(
        label=_("The task in a few words"),
        max_length=200,
        help_text=_("For example: washing the windows of a café."),
    )
    description = forms.CharField(
        label=_("Description of the task"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What should be done? What is good to know about the place and the work?"),
    )
    orientation = forms.CharField(
        label=_("How is the worker shown the work?"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Who shows the worker what to do, and how long it takes. For example: our caretaker, 15 minutes."),
    )
    tools_provided = forms.BooleanField(
        label=_("We provide the tools and materials needed for the work."), required=False
    )
    # Where
    street_address = forms.CharField(label=_("Street address"), max_length=200)
    postal_code = forms.CharField(label=_("Postal code"), max_length=5, validators=[postal_code_validator])
    city = forms.CharField(label=_("City"), max_length=100, initial="Helsinki")
    # When and how much
    preferred_start = _date(
        _("Earliest date"), help_text=_("The price below follows this date (the VAT of the work day).")
    )
    preferred_end = _date(_("Latest date"))
    timing_notes = forms.CharField(
        label=_("Times and other wishes about the timing"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: on weekdays between 9 and 15, or every second Tuesday."),
    )
    estimated_hours = forms.CharField(
        label=_("Hours of work in total"),
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_("All workers' hours together. For example, 2 workers for 3 hours is 6 hours."),
    )
    hours_indicative = forms.BooleanField(
        label=_("The hours are an estimate. The final hours are agreed later."), required=False, initial=True
    )
    workers_needed = forms.IntegerField(
        label=_("Number of workers"),
        min_value=1,
        max_value=50,
        initial=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    # Contract and price
    contract_type = forms.ChoiceField(
        label=_("Contract option"), choices=ContractType.choices, widget=forms.RadioSelect
    )
    client_reference = forms.CharField(
        label=_("Your order reference"),
        max_length=70,
        required=False,
        help_text=_("Printed on the invoice, for example a purchase order number."),
    )
    # Billing details
    billing_name = forms.CharField(
        label=_("Name on the invoice"),
        max_length=200,
        required=False,
        help_text=_("Leave empty if it is the name of the organisation."),
    )
    billing_street = forms.CharField(label=_("Billing street address"), max_length=200)
    billing_postal_code = forms.CharField(
        label=_("Billing postal code"), max_length=5, validators=[postal_code_validator]
    )
    billing_city = forms.CharField(label=_("Billing city"), max_length=100)
    billing_email = forms.EmailField(
        label=_("Email for invoices"),
        max_length=254,
        required=False,
        help_text=_("Give this or an e-invoice address."),
    )
    einvoice_address = forms.CharField(
        label=_("E-invoice address"),
        max_length=35,
        required=False,
        help_text=_("OVT code or IBAN. City units must give this."),
    )
    einvoice_operator = forms.CharField(
        label=_("E-invoice operator"),
        max_length=35,
        required=False,
        help_text=_("The operator's (intermediator's) code. Needed with an e-invoice address."),
    )
    # Not shown: a key against double submits, when the form was shown, and the honeypot.
    submission_key = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    again = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)  # web.public.order_again
    started = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    # The sections of the form, in order: (key, legend, fields).
    SECTIONS = [
        ("who", _("Who is ordering"), ["organisation_name", "client_type", "business_id"]),
        ("contact", _("Contact person"), ["contact_name", "contact_email", "contact_phone"]),
        ("task", _("The task"), ["task_type", "title", "description", "orientation", "tools_provided"]),
        ("where", _("Where is the work done?"), ["street_address", "postal_code", "city"]),
        (
            "when",
            _("When, and how much work?"),
            ["preferred_start", "preferred_end", "timing_notes", "estimated_hours", "hours_indicative"],
        ),
        ("workers", _("Workers"), ["workers_needed"]),
        ("contract", _("Contract and price"), ["contract_type", "client_reference"]),
        (
            "billing",
            _("Billing details"),
            [
                "billing_name",
                "billing_street",
                "billing_postal_code",
                "billing_city",
                "billing_email",
                "einvoice_address",
                "einvoice_operator",
            ],
        ),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = (translation.get_language() or "fi")[:2]
        name_field = f"name_{language}" if language in {"fi", "sv", "en"} else "name_fi"
        self.fields["task_type"].queryset = TaskType.objects.filter(is_active=True).order_by(name_field, "name_fi")
        for name in ("contact_email", "billing_email"):
            self.fields[name].widget.attrs["autocomplete"] = "email"
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        self.fields["contact_phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["contact_phone"].widget.input_type = "tel"
        self.fields["organisation_name"].widget.attrs["autocomplete"] = "organization"
        for name in ("postal_code", "billing_postal_code"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"
        # Changing the earliest date updates the prices shown (the VAT follows the work day).
        self.fields["preferred_start"].widget.attrs.update(
            {
                "data-hx-get": reverse("orders:price-quote"),
                "data-hx-trigger": "change",
                "data-hx-target": "#price-note",
                "data-hx-swap": "innerHTML",
            }
        )
        add_hds_classes(self)
        self.fields[HONEYPOT_FIELD].widget.attrs.pop("class", None)

    # --- Fields ---------------------------------------------------------------------------------
    def clean_submission_key(self) -> uuid.UUID | None:
        # Never an error the client cannot see or fix: a missing or broken key just means no key.
        try:
            return uuid.UUID(self.cleaned_data["submission_key"])
        except ValueError:
            return None

    def clean_business_id(self) -> str:
        value = self.cleaned_data["business_id"].strip()
        if not value:
            return ""
        try:
            return normalize_business_id(value)
        except ValidationError:
            # Our own words: the example (valid check digit) is no demo client's ID, nor one that the
            # city-scale demo generates, so a client who copies it does not meet an existing client.
            raise ValidationError(
                _("Check the business ID. It has seven digits, a hyphen and a check digit, for example 7654321-2."),
                code="invalid_business_id",
            ) from None

    def clean_contact_phone(self) -> str:
        value = " ".join(self.cleaned_data["contact_phone"].split())
        if not _PHONE_ALLOWED.match(value) or not 5 <= sum(c.isdigit() for c in value) <= 20:
            raise ValidationError(_("Check the phone number, for example 040 123 4567."), code="phone")
        return value

    def clean_estimated_hours(self) -> Decimal:
        raw = self.cleaned_data["estimated_hours"].strip().replace(",", ".").replace(" ", "")
        try:
            hours = Decimal(raw)
        except ArithmeticError:
            raise ValidationError(_("Write the hours as a number, for example 6 or 2.5."), code="invalid") from None
        if not hours.is_finite() or hours < MIN_HOURS or hours > MAX_HOURS:
            raise ValidationError(_("The hours must be from 0.25 to 1000."), code="range")
        return hours.quantize(Decimal("0.01"))

    def clean_preferred_start(self) -> dt.date | None:
        return self._not_in_past(self.cleaned_data["preferred_start"])

    def clean_preferred_end(self) -> dt.date | None:
        return self._not_in_past(self.cleaned_data["preferred_end"])

    @staticmethod
    def _not_in_past(day: dt.date | None) -> dt.date | None:
        if day is not None and day < timezone.localdate():
            raise ValidationError(_("Choose today or a later date."), code="past")
        if day is not None and day > timezone.localdate() + dt.timedelta(days=3 * 365):
            raise ValidationError(_("Choose a date within the next three years."), code="far")
        return day

    def clean_einvoice_address(self) -> str:
        value = "".join(self.cleaned_data["einvoice_address"].split()).upper()
        if value and not _EINVOICE_ADDRESS.match(value):
            raise ValidationError(
                _("Check the e-invoice address. It is an OVT code (for example 003712345678) or an IBAN."),
                code="einvoice_address",
            )
        return value

    def clean_einvoice_operator(self) -> str:
        value = "".join(self.cleaned_data["einvoice_operator"].split()).upper()
        if value and not _EINVOICE_OPERATOR.match(value):
            raise ValidationError(_("Check the operator code. It has letters and digits only."), code="operator")
        return value

    # --- Combinations -----------------------------------------------------------------------------
    def clean(self):
        cleaned = super().clean()
        client_type = cleaned.get("client_type")
        if (
            client_type in {ClientType.COMPANY, ClientType.ASSOCIATION}
            and not cleaned.get("business_id")
            and "business_id" not in self.errors
        ):
            self.add_error("business_id", _("Give the business ID. Companies and associations must give it."))
        start, end = cleaned.get("preferred_start"), cleaned.get("preferred_end")
        if start and end and end < start:
            self.add_error("preferred_end", _("The latest date cannot be before the earliest date."))
        einvoice = cleaned.get("einvoice_address")
        if client_type == ClientType.CITY_UNIT and not einvoice and "einvoice_address" not in self.errors:
            self.add_error("einvoice_address", _("City units receive e-invoices. Give the e-invoice address."))
        if einvoice and not cleaned.get("einvoice_operator") and "einvoice_operator" not in self.errors:
            self.add_error("einvoice_operator", _("Give the operator code of the e-invoice address."))
        if (
            not cleaned.get("billing_email")
            and not einvoice
            and not {"billing_email", "einvoice_address"} & set(self.errors)
        ):
            self.add_error("billing_email", _("Give an email address for invoices or an e-invoice address."))
        return cleaned

    def sections(self):
        """(key, legend, bound fields) per section, for the template."""
        return [(key, legend, [self[name] for name in names]) for key, legend, names in self.SECTIONS]

    def honeypot_filled(self) -> bool:
        return bool((self.data.get(HONEYPOT_FIELD) or "").strip())

    def fill_seconds(self) -> float | None:
        """Seconds since this form was shown (from the signed hidden field), or None if unknown."""
        started = form_started_at(str(self.data.get(STARTED_FIELD) or ""))
        return None if started is None else time.time() - started

    def to_order_request(self, *, language: str, copied_from_id: int | None = None) -> OrderRequest:
        data = self.cleaned_data
        task_type = data.get("task_type")
        return OrderRequest(
            organisation_name=data["organisation_name"],
            business_id=data["business_id"],
            client_type=data["client_type"],
            contact_name=data["contact_name"],
            contact_email=data["contact_email"],
            contact_phone=data["contact_phone"],
            title=data["title"],
            description=data["description"],
            orientation=data["orientation"],
            street_address=data["street_address"],
            postal_code=data["postal_code"],
            city=data["city"],
            task_type_id=task_type.pk if task_type else None,
            preferred_start=data["preferred_start"],
            preferred_end=data["preferred_end"],
            timing_notes=data["timing_notes"],
            estimated_hours=data["estimated_hours"],
            hours_indicative=data["hours_indicative"],
            workers_needed=data["workers_needed"],
            tools_provided=data["tools_provided"],
            contract_type=data["contract_type"],
            client_reference=data["client_reference"],
            language=language,
            billing_name=data["billing_name"] or data["organisation_name"],
            billing_street=data["billing_street"],
            billing_postal_code=data["billing_postal_code"],
            billing_city=data["billing_city"],
            billing_email=data["billing_email"],
            einvoice_address=data["einvoice_address"],
            einvoice_operator=data["einvoice_operator"],
            copied_from_id=copied_from_id,
        )

    # Where the service's field names (models) differ from this form's.
    SERVICE_FIELDS = {
        "name": "organisation_name",
        "email": "contact_email",
        "phone": "contact_phone",
        "task_type": "task_type",
    }

    def add_service_error(self, error: ValidationError) -> None:
        """Show a ValidationError raised by the service next to the field it concerns, if we have it."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, errors in error.message_dict.items():
            field = self.SERVICE_FIELDS.get(name, name)
            if field not in self.fields or field in {"submission_key", "again", HONEYPOT_FIELD}:
                field = None
            for message in errors:
                self.add_error(field, message)
