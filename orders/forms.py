"""Input forms of the order flow's services, shared by every page and the admin that call them."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from jobcenter.forms import NoBidiControlsMixin
from orders.hours import hours_field
from orders.models import ClientOrganisation, Gig

# Long enough for where to meet, whom to ask for and what to bring.
GIG_NOTES_MAX = 2000


class TermsAcceptanceForm(NoBidiControlsMixin, forms.ModelForm):
    """The client confirms billing details and accepts the terms in one step."""

    accepted_name = forms.CharField(label=_("Your name"), max_length=200)
    accept = forms.BooleanField(label=_("I have read the terms and accept them on behalf of the organisation."))

    class Meta:
        model = ClientOrganisation
        fields = [
            "billing_name",
            "billing_street",
            "billing_postal_code",
            "billing_city",
            "billing_email",
            "einvoice_address",
            "einvoice_operator",
            "invoicing_mode",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("billing_name", "billing_street", "billing_postal_code", "billing_city"):
            self.fields[name].required = True

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("billing_email") and not cleaned.get("einvoice_address"):
            raise forms.ValidationError(_("Give an email address for invoices or an e-invoice address."))
        if self.instance.requires_einvoice and not cleaned.get("einvoice_address"):
            self.add_error("einvoice_address", _("City units receive e-invoices. Give the e-invoice address."))
        return cleaned


class GigForm(NoBidiControlsMixin, forms.ModelForm):
    """A gig's fields, the one form for them: the coordinator's and the unit's pages and the admin.

    It checks the input's shape and the hours rule (`orders.hours`); whether the order may take a
    gig on that date is the service's (`gig_create`) to say. Nothing is saved by the form: the pages
    pass `cleaned_data` to the service. A page dresses the widgets for its look (see its subclass).
    """

    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    start_time = forms.TimeField(
        label=_("Start time"),
        initial=dt.time(9, 0),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    planned_hours = hours_field(planned=True, label=_("Planned hours"), help_text=_("For example 2 or 2,5."))
    workers_needed = forms.IntegerField(label=_("Workers needed"), min_value=1, max_value=50, initial=1)
    notes = forms.CharField(
        label=_("Notes for the workers"),
        required=False,
        max_length=GIG_NOTES_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = Gig
        fields = ["date", "start_time", "planned_hours", "workers_needed", "notes"]
