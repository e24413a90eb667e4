"""Forms of the unit's path (jatkopolku) and gig follow-up pages. Shape only; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jobcenter.forms import HdsForm
from orders.models.follow_ups import NOTE_MAX_LENGTH
from workers.services_paths import NOTE_MAX_LENGTH as PATH_NOTE_MAX_LENGTH


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PathStepAddForm(HdsForm):
    kind = forms.ModelChoiceField(label=_("Step"), queryset=None, empty_label=_("Choose a step"))
    started_on = forms.DateField(label=_("Started"), widget=DateInput())
    ended_on = forms.DateField(label=_("Ended (if it has)"), required=False, widget=DateInput())
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=PATH_NOTE_MAX_LENGTH)

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = kinds


class PathStepEndForm(HdsForm):
    ended_on = forms.DateField(label=_("Ended"), widget=DateInput())


class FollowUpNoteForm(HdsForm):
    note = forms.CharField(
        label=_("A short note"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "A working note for the next gigs. The worker can ask to see it. Only her unit and the coordinator see it."
        ),
    )
