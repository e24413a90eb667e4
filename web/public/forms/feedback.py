"""The feedback form behind the link emailed to the client once the work is done."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jobcenter.forms import NoBidiControlsMixin
from web.public.forms.common import add_hds_classes

RATING_CHOICES = [
    ("1", pgettext_lazy("rating", "1 – Poor")),
    ("2", pgettext_lazy("rating", "2 – Fair")),
    ("3", pgettext_lazy("rating", "3 – Satisfactory")),
    ("4", pgettext_lazy("rating", "4 – Good")),
    ("5", pgettext_lazy("rating", "5 – Excellent")),
]


class FeedbackForm(NoBidiControlsMixin, forms.Form):
    """A rating and free words for each worker (by first name), and the name of the person giving it.

    `workers` is a list of `(key, first_name)`; the fields are `rating_<key>` and `text_<key>`.
    """

    given_by_name = forms.CharField(label=_("Your name"), max_length=200)
    # The worker's gig CV is read by future employers, and the City's results report quotes
    # feedback without names: the client's words go to either only with its yes.
    may_quote = forms.BooleanField(
        label=_(
            "Our words may be quoted: in the workers' CVs, to show future employers, and without our "
            "or the workers' names in the City's reports."
        ),
        required=False,
    )

    def __init__(self, *args, workers: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.workers = workers
        for key, first_name in workers:
            self.fields[f"rating_{key}"] = forms.ChoiceField(
                label=pgettext_lazy("feedback form", "Rating"),
                choices=RATING_CHOICES,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose a rating for the worker %(name)s.") % {"name": first_name}},
            )
            self.fields[f"text_{key}"] = forms.CharField(
                label=_("Feedback in your own words (optional)"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        # The name goes last, after the workers.
        last = ["given_by_name", "may_quote"]
        self.order_fields([name for name in self.fields if name not in last] + last)
        self.fields["given_by_name"].widget.attrs["autocomplete"] = "name"
        add_hds_classes(self)

    def worker_fields(self):
        """(first_name, rating bound field, text bound field) per worker, for the template."""
        return [(name, self[f"rating_{key}"], self[f"text_{key}"]) for key, name in self.workers]

    def ratings(self) -> dict[str, tuple[int, str]]:
        return {
            key: (int(self.cleaned_data[f"rating_{key}"]), self.cleaned_data[f"text_{key}"]) for key, _n in self.workers
        }
