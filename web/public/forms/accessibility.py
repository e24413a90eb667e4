"""The accessibility feedback form: anyone, no login. The order form's defences against bots apply
(a honeypot, a signed time of when the form was shown); the view adds a per-connection limit."""

from __future__ import annotations

import time

from django import forms
from django.utils.translation import gettext_lazy as _

from jobcenter.forms import NoBidiControlsMixin
from web.public.forms.antibot import HONEYPOT_FIELD, STARTED_FIELD, form_started_at
from web.public.forms.common import add_hds_classes

MESSAGE_MAX_LENGTH = 5000


class AccessibilityFeedbackForm(NoBidiControlsMixin, forms.Form):
    message = forms.CharField(
        label=_("Your feedback"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "What did not work, and what were you trying to do? "
            "Tell us also what device or assistive technology you use, if you like."
        ),
        error_messages={"required": _("Write your feedback.")},
    )
    page_url = forms.CharField(
        label=_("The page the feedback is about"),
        max_length=500,
        required=False,
        help_text=_("The address or the name of the page. You may leave this empty."),
    )
    name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("Your email address"),
        required=False,
        help_text=_("Optional. We need it to answer you. We answer within 14 days."),
        error_messages={"invalid": _("Check the email address. It should look like name@example.fi.")},
    )
    started = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_hds_classes(self)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def visible_fields_in_order(self):
        return [self[name] for name in ("message", "page_url", "name", "email")]

    def clean_message(self) -> str:
        message = self.cleaned_data["message"].strip()
        if not message:
            raise forms.ValidationError(_("Write your feedback."), code="required")
        return message

    def honeypot_filled(self) -> bool:
        return bool((self.data.get(HONEYPOT_FIELD) or "").strip())

    def fill_seconds(self) -> float | None:
        started = form_started_at(str(self.data.get(STARTED_FIELD) or ""))
        return None if started is None else time.time() - started
