"""Forms of the coordinator's dashboard. They check the shape of the input only; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jobcenter.forms import NoBidiControlsMixin
from orders import forms as orders_forms
from orders.hours import hours_field
from units.models import Unit

TEXT_INPUT_CLASS = "hds-text-input__input"
SELECT_CLASS = "coordinator-select"


class NonEmptyListSelect(forms.Select):
    """A one-choice `<select>` for a multiple-choice filter: sends `[value]`, or `[]` for "all"."""

    def value_from_datadict(self, data, files, name):
        getlist = getattr(data, "getlist", None)
        values = getlist(name) if getlist else [data.get(name)]
        return [value for value in values if value]

    def format_value(self, value):
        return super().format_value(value) or [""]


def dress_filter_form(form: forms.Form, *, status_choices) -> forms.Form:
    """Give the order filter's form the dashboard's widgets: one state at a time, the client by part of
    its name or business ID (a city has thousands: no list), HDS classes on the inputs. A client chosen
    by id (`?client=`, from a link) is kept in a hidden field; the page names it with a way to remove it."""
    fields = form.fields
    fields["status"].label = _("State")
    fields["status"].widget = NonEmptyListSelect(choices=[("", _("All states")), *status_choices])
    fields["client"].widget = forms.HiddenInput()
    fields["client_name"].label = _("Client")
    fields["client_name"].help_text = _("Name or business ID, or a part of it.")
    fields["service"].label = _("Work-activity service")
    fields["unit"].label = _("Unit informed")
    fields["q"].label = _("Search")
    fields["q"].help_text = _("Task, client, business ID or contact person.")
    fields["date_field"].label = _("Dates of")
    fields["date_from"].label = _("From")
    fields["date_to"].label = _("To")
    for name, field in fields.items():
        if name == "task_type" or field.widget.is_hidden:
            continue
        css = SELECT_CLASS if isinstance(field.widget, forms.Select) else TEXT_INPUT_CLASS
        field.widget.attrs["class"] = css
    fields["q"].widget.input_type = "search"  # not attrs["type"]: that writes the attribute twice
    return form


class ReasonForm(NoBidiControlsMixin, forms.Form):
    """Cancelling, rejecting and withdrawing need a reason; it is kept in the history."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        help_text=_("Saved in the history."),
        error_messages={"required": _("Write the reason.")},
        widget=forms.Textarea(attrs={"rows": 4, "class": TEXT_INPUT_CLASS}),
    )


class InformUnitsForm(NoBidiControlsMixin, forms.Form):
    units = forms.ModelMultipleChoiceField(
        label=_("Units"),
        queryset=Unit.objects.active().select_related("service").order_by("service__name", "name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one unit.")},
    )


class GigForm(orders_forms.GigForm):
    """The gig form (`orders.forms.GigForm`) in the dashboard's look."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", TEXT_INPUT_CLASS)


class ApproveForm(NoBidiControlsMixin, forms.Form):
    """Approve done work; changing the hours needs a reason (the service says so if it is missing).

    Empty hours approve the hours as reported."""

    hours = hours_field(
        label=_("Approved hours"),
        required=False,
        widget=forms.TextInput(attrs={"class": TEXT_INPUT_CLASS, "size": 5}),
    )
    reason = forms.CharField(
        label=_("Reason for a change"),
        required=False,
        max_length=2000,
        widget=forms.TextInput(attrs={"class": TEXT_INPUT_CLASS}),
    )


class FeedbackForm(NoBidiControlsMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        coerce=int,
        choices=[(n, str(n)) for n in range(1, 6)],
        widget=forms.RadioSelect,
        help_text=_("1 (poor) to 5 (excellent)"),
        error_messages={"required": _("Choose a rating from 1 to 5.")},
    )
    text = forms.CharField(
        label=_("Feedback"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4, "class": TEXT_INPUT_CLASS}),
    )
    given_by_name = forms.CharField(
        label=_("Given by"),
        required=False,
        max_length=200,
        help_text=_("Leave empty for the order's contact person."),
        widget=forms.TextInput(attrs={"class": TEXT_INPUT_CLASS}),
    )
    # Only with the client's yes do their words go into the worker's gig CV (read by employers) or,
    # without names, into the results report.
    may_quote = forms.BooleanField(
        label=_("The client allows quoting this in the worker's CV and, without names, in the City's reports"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "hds-checkbox__input"}),
    )
