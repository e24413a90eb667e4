"""The input of noting a gig not come to (the unit's and the coordinator's pages)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jobcenter.forms import HdsForm, NoBidiControlsMixin
from orders.models import AbsenceReason
from orders.services.absence import NOTE_MAX_LENGTH


class NoShowForm(HdsForm):
    """Why the worker did not come, if known, and a note for the unit (never shown to the client)."""

    reason = forms.ChoiceField(
        label=_("Why did the worker not come, if you know?"),
        choices=[("", _("Not known")), *AbsenceReason.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note for the unit (not shown to the client)"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class WorkerCantComeForm(NoBidiControlsMixin, forms.Form):
    """ "En pääse" on her phone (her gig page or the reminder's link): why, if she wants to tell."""

    reason = forms.ChoiceField(
        label=_("Why can you not come? You do not have to tell."),
        choices=[*AbsenceReason.choices, ("", _("I do not want to tell"))],
        required=False,
        # HDS's radio: without the class the label's own HDS circle (never checked) shows beside it.
        widget=forms.RadioSelect(attrs={"class": "hds-radio-button__input"}),
    )


class CantComeForHerForm(NoShowForm):
    """ "En pääse" said by staff for the worker (she phoned or came by): why, if she told."""

    reason = forms.ChoiceField(
        label=_("Why can the worker not come, if she told?"),
        choices=[("", _("Not known")), *AbsenceReason.choices],
        required=False,
        widget=forms.RadioSelect,
    )
