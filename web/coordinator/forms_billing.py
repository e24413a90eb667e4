"""Forms of the billing pages: they check only the shape of the input."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from jobcenter.forms import NoBidiControlsMixin
from orders.hours import HOURS_STEP

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


# The HDS checkbox draws its box over the browser's own only with this class (else both show).
CHECKBOX_CLASS = "hds-checkbox__input"


class InvoiceIssueForm(NoBidiControlsMixin, forms.Form):
    """The preview's "Issue and send": the invoice is issued only with this confirmation."""

    confirm = forms.BooleanField(
        widget=forms.HiddenInput, error_messages={"required": _("Look at the preview and confirm the invoice.")}
    )


def _credit_hours(text: str) -> Decimal:
    """Hours to credit as typed ("2,5", "2.5", "2 h"): more than zero, at most two decimals. The
    line's own limit (what it has left) is the service's guard."""
    cleaned = str(text).strip().lower().removesuffix("h").strip().replace(",", ".")
    try:
        hours = Decimal(cleaned)
    except InvalidOperation:
        raise ValidationError(_("Write the hours as a number, for example 2 or 2.5.")) from None
    if not hours.is_finite() or hours <= 0:
        raise ValidationError(_("The hours must be more than zero."))
    if hours % HOURS_STEP:
        raise ValidationError(_("Write the hours with at most two decimals, for example 2.25."))
    return hours.quantize(HOURS_STEP)


class CreditNoteForm(NoBidiControlsMixin, forms.Form):
    """The reason, and per invoice line a checkbox and the hours to credit (default: all it has left).

    `lines` are `billing.services.credit_notes.LineLeft` rows; lines with nothing left get no fields.
    `cleaned_data["chosen"]` maps the chosen line ids to their hours."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        help_text=_("Printed on the credit note."),
        error_messages={"required": _("Write the reason.")},
        widget=forms.Textarea(attrs={"rows": 4, "class": TEXT_INPUT_CLASS}),
    )
    confirm = forms.BooleanField(
        label=_("I confirm the credit note of the chosen rows and hours."),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": CHECKBOX_CLASS}),
    )

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for item in lines:
            if item.hours <= 0:
                continue
            pk = item.line.pk
            self.fields[f"line_{pk}"] = forms.BooleanField(
                label=_("Credit row %(row)s") % {"row": item.line.position},
                required=False,
                widget=forms.CheckboxInput(attrs={"class": CHECKBOX_CLASS}),
            )
            self.fields[f"hours_{pk}"] = forms.CharField(
                label=_("Hours to credit on row %(row)s") % {"row": item.line.position},
                initial=formats.number_format(item.hours),
                max_length=10,
                required=False,
                widget=forms.TextInput(attrs={"class": TEXT_INPUT_CLASS, "inputmode": "decimal", "size": 6}),
            )
            self.rows.append((item, self[f"line_{pk}"], self[f"hours_{pk}"]))

    def clean(self):
        cleaned = super().clean()
        chosen = {}
        for item, box, hours in self.rows:
            if not cleaned.get(box.name):
                continue
            text = cleaned.get(hours.name) or formats.number_format(item.hours)
            try:
                chosen[item.line.pk] = _credit_hours(text)
            except ValidationError as err:
                self.add_error(hours.name, err)
        if self.rows and not chosen and not self.errors:
            raise ValidationError(_("Choose at least one row to credit."))
        cleaned["chosen"] = chosen
        return cleaned
