"""The unit's forms of the partner model: a worker's employment contract and the income clarification."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jobcenter.forms import NoBidiControlsMixin, hds_widget_class
from orders.hours import hours_field
from orders.models import EmployerPartner
from orders.models.partners import WEEKDAY_CHOICES

DATE_WIDGET = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


def _hds(form: forms.Form) -> None:
    for field in form.fields.values():
        if not isinstance(field.widget, forms.CheckboxSelectMultiple):
            field.widget.attrs["class"] = hds_widget_class(field.widget)


class ContractForm(NoBidiControlsMixin, forms.Form):
    partner = forms.ModelChoiceField(label=_("Employer partner"), queryset=EmployerPartner.objects.none())
    start_date = forms.DateField(label=_("Start date"), **DATE_WIDGET)
    end_date = forms.DateField(
        label=_("End date"),
        required=False,
        help_text=_("Leave empty when the contract is until further notice."),
        **DATE_WIDGET,
    )
    hours_per_occurrence = hours_field(planned=True, label=_("Hours each time"))
    every_n_weeks = forms.TypedChoiceField(
        label=_("How often"),
        coerce=int,
        choices=[
            (1, _("every week")),
            (2, _("every second week")),
            (3, _("every third week")),
            (4, _("every fourth week")),
        ],
        initial=2,
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Weekdays"),
        coerce=int,
        required=False,
        choices=WEEKDAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty when the days are agreed each time."),
    )

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners
        _hds(self)

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("The contract cannot end before it starts."))
        return data


class ClarificationForm(NoBidiControlsMixin, forms.Form):
    done_on = forms.DateField(label=_("Date of the clarification"), **DATE_WIDGET)
    done_by = forms.TypedChoiceField(label=_("Done by"), coerce=int, choices=[])
    benefits_checked = forms.BooleanField(
        label=_("We went through how the wage affects the worker's benefits"),
        error_messages={
            "required": _("Go through how the wage affects the worker's benefits, and tick that it was done.")
        },
    )
    note = forms.CharField(
        label=_("What was gone through"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("In short, e.g. which benefits were looked at and what the worker was advised to report."),
    )

    def __init__(self, *args, staff_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["done_by"].choices = staff_choices
        _hds(self)
