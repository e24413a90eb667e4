"""The coordinator's check of a client matched by business ID or email domain (the order's page)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jobcenter.forms import NoBidiControlsMixin, hds_widget_class
from jobcenter.validators import normalize_business_id
from web.coordinator.forms import TEXT_INPUT_CLASS


class SameClientForm(NoBidiControlsMixin, forms.Form):
    update_billing = forms.BooleanField(
        label=_("Also replace the client's stored billing details with those typed in this order"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Without its HDS class the checkbox showed twice: the browser's own box and the HDS one.
        self.fields["update_billing"].widget.attrs["class"] = hds_widget_class(self.fields["update_billing"].widget)


class NewClientForm(NoBidiControlsMixin, forms.Form):
    """A new client keeps what was typed; its business ID must be confirmed, as it must stay unique."""

    name = forms.CharField(label=_("Name of the client"), max_length=200)
    business_id = forms.CharField(
        label=_("Business ID"),
        max_length=12,
        required=False,
        help_text=_("Check it, for example in the Business Information System (ytj.fi), and correct it if needed."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = TEXT_INPUT_CLASS

    def clean_business_id(self) -> str:
        value = self.cleaned_data["business_id"].strip()
        if not value:
            return ""
        try:
            return normalize_business_id(value)
        except ValidationError:
            raise ValidationError(
                _("Check the business ID. It has seven digits, a hyphen and a check digit."), code="invalid"
            ) from None
