"""Forms of the worker's mobile view. They check only the shape of the input; services decide."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from orders.services import HOURS_STEP, MAX_HOURS_PER_GIG

# "3", "2,5", "2.5", "2,25": what a worker types. Words ("kolme") and units are not numbers.
HOURS_PATTERN = re.compile(r"^\d{1,2}([.,]\d{1,2})?$")


class HoursForm(forms.Form):
    """How many hours the worker worked ("Tein työn"). Accepts a comma: "2,5"."""

    hours = forms.CharField(
        label=_("How many hours did you work?"),
        max_length=10,
        help_text=_("Write a number. For example 3 or 2.5."),
        widget=forms.TextInput(
            attrs={
                "inputmode": "decimal",
                "autocomplete": "off",
                "class": "hds-text-input__input hours-input",
                "size": "5",
            }
        ),
        error_messages={"required": _("Write how many hours you worked. For example 3 or 2.5.")},
    )

    def clean_hours(self) -> Decimal:
        text = self.cleaned_data["hours"].strip()
        if not HOURS_PATTERN.match(text):
            raise forms.ValidationError(_("Write the hours as a number. For example 3 or 2.5."), code="not_a_number")
        hours = Decimal(text.replace(",", ".")).quantize(HOURS_STEP, rounding=ROUND_HALF_UP)
        if hours <= 0:
            raise forms.ValidationError(_("The hours must be more than 0."), code="zero")
        if hours > MAX_HOURS_PER_GIG:
            raise forms.ValidationError(
                _("One gig can have at most %(max)s hours. Ask your instructor if you worked more.")
                % {"max": int(MAX_HOURS_PER_GIG)},
                code="too_many",
            )
        return hours


class DeclineForm(forms.Form):
    """ "En voi tulla": the reason is optional."""

    reason = forms.CharField(
        label=_("Why can you not come? You do not have to tell."),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "class": "hds-text-input__input"}),
    )
