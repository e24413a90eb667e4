"""The form of a message to everyone on a gig; the service (orders.services.gig_messages) decides."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jobcenter.forms import NoBidiControlsMixin
from orders.services.gig_messages import MESSAGE_MAX_LENGTH
from web.coordinator.forms import TEXT_INPUT_CLASS


class GigMessageForm(NoBidiControlsMixin, forms.Form):
    text = forms.CharField(
        label=_("Message"),
        max_length=MESSAGE_MAX_LENGTH,
        help_text=_("Short and plain: what changed and what to do. Name no one's illness."),
        error_messages={"required": _("Write the message.")},
        widget=forms.Textarea(attrs={"rows": 4, "class": TEXT_INPUT_CLASS}),
    )
    include_client = forms.BooleanField(
        label=_("Send it to the client's contact person too"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "hds-checkbox__input"}),
    )
