"""Input forms of the workers' services (used by the worker's own pages and the unit's)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from jobcenter.forms import NoBidiControlsMixin
from workers.models import NotifyBy

# Each language is named in itself: a reader who does not understand the page still finds hers.
LANGUAGE_NAMES = {"fi": "suomi", "sv": "svenska", "en": "English"}


class WorkerLanguageForm(NoBidiControlsMixin, forms.Form):
    """The language of the worker's emails and papers (`workers.services.worker_set_language`)."""

    language = forms.ChoiceField(
        label=_("Language of emails and papers"),
        choices=[(code, LANGUAGE_NAMES.get(code, code)) for code, _name in settings.LANGUAGES],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a language."), "invalid_choice": _("Choose a language.")},
    )


class WorkerNotifyByForm(NoBidiControlsMixin, forms.Form):
    """How the worker is told of her gigs (`workers.contact.worker_set_notify_by`)."""

    notify_by = forms.ChoiceField(
        label=_("How we tell you"),
        choices=NotifyBy.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one."), "invalid_choice": _("Choose one.")},
    )
