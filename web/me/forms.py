"""Forms of the worker's mobile view. They check only the shape of the input; services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jobcenter.forms import NoBidiControlsMixin
from orders.hours import hours_field


class HoursForm(NoBidiControlsMixin, forms.Form):
    """How many hours the worker worked ("Tein työn"): the one hours rule (`orders.hours`), so "2,5"
    works, in plain words for the worker (the "too many" message says whom to ask)."""

    hours = hours_field(
        label=_("How many hours did you work?"),
        help_text=_("Write a number. For example 3 or 2.5."),
        widget=forms.TextInput(attrs={"class": "hds-text-input__input hours-input", "size": "5"}),
        error_messages={
            "required": _("Write how many hours you worked. For example 3 or 2.5."),
            "invalid": _("Write the hours as a number. For example 3 or 2.5."),
            "zero": _("The hours must be more than 0."),
            "too_many": _("One gig can have at most %(max)s hours. Ask your instructor if you worked more."),
        },
    )


class DeclineForm(NoBidiControlsMixin, forms.Form):
    """ "En voi tulla": the reason is optional."""

    reason = forms.CharField(
        label=_("Why can you not come? You do not have to tell."),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "class": "hds-text-input__input"}),
    )
