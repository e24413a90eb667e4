"""The forms of a repeating gig (a gig series): making one, and changing it from a date on. Shared
by the coordinator's and the unit's pages; they check the input's shape, the services the rest
(`orders.services.series`). A page dresses the widgets for its look."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from jobcenter.forms import HdsFormMixin
from orders.forms import GIG_NOTES_MAX
from orders.hours import hours_field
from orders.series_rule import MAX_DATES, MAX_INTERVAL_WEEKS, Rule, rule_dates

WEEKDAY_CHOICES = [
    (0, pgettext_lazy("weekday", "Monday")),
    (1, pgettext_lazy("weekday", "Tuesday")),
    (2, pgettext_lazy("weekday", "Wednesday")),
    (3, pgettext_lazy("weekday", "Thursday")),
    (4, pgettext_lazy("weekday", "Friday")),
    (5, pgettext_lazy("weekday", "Saturday")),
    (6, pgettext_lazy("weekday", "Sunday")),
]


def _every_n_weeks(count: int) -> str:
    return gettext("Every %(count)s weeks") % {"count": count}


# The labels are worked out in the reader's language when the page is shown, not at import.
INTERVAL_CHOICES = [(1, _("Every week"))] + [
    (n, lazy(_every_n_weeks, str)(n)) for n in range(2, MAX_INTERVAL_WEEKS + 1)
]
END_UNTIL, END_COUNT = "until", "count"
END_CHOICES = [(END_COUNT, _("A number of times")), (END_UNTIL, _("Until a date"))]


class _RuleFields(HdsFormMixin, forms.Form):
    interval_weeks = forms.TypedChoiceField(label=_("Repeats"), coerce=int, choices=INTERVAL_CHOICES, initial=2)
    weekdays = forms.TypedMultipleChoiceField(
        label=_("On these weekdays"),
        coerce=int,
        choices=WEEKDAY_CHOICES,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "hds-checkbox__input"}),
        error_messages={"required": _("Choose at least one weekday.")},
    )
    ends = forms.ChoiceField(label=_("Ends"), choices=END_CHOICES, initial=END_COUNT, widget=forms.RadioSelect)
    count = forms.IntegerField(label=_("Number of times"), min_value=1, max_value=MAX_DATES, required=False)
    until_date = forms.DateField(
        label=_("Last date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    start_time = forms.TimeField(
        label=_("Start time"), initial=dt.time(9, 0), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    planned_hours = hours_field(planned=True, label=_("Planned hours"), help_text=_("For example 2 or 2,5."))
    workers_needed = forms.IntegerField(label=_("Workers needed"), min_value=1, max_value=50, initial=1)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("ends") == END_COUNT:
            cleaned["until_date"] = None
            if not cleaned.get("count") and "count" not in self.errors:
                self.add_error("count", _("Give the number of times."))
        elif cleaned.get("ends") == END_UNTIL:
            cleaned["count"] = None
            if not cleaned.get("until_date") and "until_date" not in self.errors:
                self.add_error("until_date", _("Give the last date."))
        return cleaned

    def preview_dates(self, start_key: str) -> list[dt.date]:
        """The dates the rule typed makes (a `DomainError` says why there are none)."""
        data = self.cleaned_data
        return rule_dates(
            Rule(
                start=data[start_key],
                interval_weeks=data["interval_weeks"],
                weekdays=tuple(data["weekdays"]),
                until=data.get("until_date"),
                count=data.get("count"),
            )
        )

    def rule_data(self) -> dict:
        """The cleaned data as the service's keyword arguments."""
        data = dict(self.cleaned_data)
        data.pop("ends", None)
        return data


class SeriesForm(_RuleFields):
    """A new repeating gig: its first date, its rule and the gig's fields."""

    field_order = ["first_date", "interval_weeks", "weekdays", "ends", "count", "until_date"]

    first_date = forms.DateField(
        label=_("First date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    notes = forms.CharField(
        label=_("Notes for the workers"),
        required=False,
        max_length=GIG_NOTES_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        cleaned = super().clean()
        first = cleaned.get("first_date")
        if first is not None and not cleaned.get("weekdays") and "weekdays" in self.errors:
            # A single weekday is the usual case: the first date's, when none was ticked.
            del self.errors["weekdays"]
            cleaned["weekdays"] = [first.weekday()]
        return cleaned


class SeriesChangeForm(_RuleFields):
    """Change a repeating gig from one of its coming dates on. `count` is the times from that date on."""

    field_order = ["from_date", "interval_weeks", "weekdays", "ends", "count", "until_date"]

    from_date = forms.TypedChoiceField(label=_("Change from this date on"), coerce=dt.date.fromisoformat)
    reason = forms.CharField(
        label=_("Why dates are removed (told to the people on them)"),
        required=False,
        max_length=500,
        widget=forms.TextInput(),
    )

    def __init__(self, *args, dates: list[dt.date], date_label, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_date"].choices = [(day.isoformat(), date_label(day)) for day in dates]

    @classmethod
    def initial_for(cls, series, from_date: dt.date | None) -> dict:
        return {
            "from_date": from_date.isoformat() if from_date else None,
            "interval_weeks": series.interval_weeks,
            "weekdays": list(series.weekday_numbers),
            "ends": END_UNTIL if series.until_date else END_COUNT,
            "until_date": series.until_date,
            "count": series.count,
            "start_time": series.start_time,
            "planned_hours": series.planned_hours,
            "workers_needed": series.workers_needed,
        }


class SkipForm(HdsFormMixin, forms.Form):
    date = forms.DateField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Why this date is skipped (told to the people on it)"), max_length=500, widget=forms.TextInput()
    )
