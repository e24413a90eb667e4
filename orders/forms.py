from django import forms
from django.utils.translation import gettext_lazy as _

from orders.models import ClientOrganisation


class TermsAcceptanceForm(forms.ModelForm):
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
