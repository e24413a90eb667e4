"""Forms of the billing pages: they check only the shape of the input."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobcenter.forms import NoBidiControlsMixin

TEXT_INPUT_CLASS = "hds-text-input__input"


class MarkPaidForm(NoBidiControlsMixin, forms.Form):
    amount = forms.DecimalField(
        label=_("Amount paid (EUR)"),
        max_digits=10,
        decimal_places=2,
        min_value=0.01,
        localize=True,
        widget=forms.TextInput(attrs={"class": TEXT_INPUT_CLASS, "inputmode": "decimal"}),
    )
    paid_on = forms.DateField(
        label=_("Paid on"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date", "class": TEXT_INPUT_CLASS}, format="%Y-%m-%d"),
    )


class CreditNoteForm(NoBidiControlsMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        help_text=_("Printed on the credit note."),
        error_messages={"required": _("Write the reason.")},
        widget=forms.Textarea(attrs={"rows": 4, "class": TEXT_INPUT_CLASS}),
    )
    confirm = forms.BooleanField(
        label=_("I confirm: the whole invoice is credited."),
        error_messages={"required": _("Confirm the credit note.")},
    )
