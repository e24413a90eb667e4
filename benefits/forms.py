"""Forms of the benefits pages. They check the shape of the input; the services decide the rest."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from benefits.models import Actor, Benefit, ClarificationKind, ConsentData, PaymentPeriod
from jobcenter.forms import HdsForm

NOTE_MAX = 300
TEXT_MAX = 5000


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ConsentForm(HdsForm):
    actors = forms.MultipleChoiceField(
        label=_("Who may exchange the information"),
        choices=Actor.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose who may exchange the information.")},
    )
    data = forms.MultipleChoiceField(
        label=_("Which information"),
        choices=ConsentData.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose which information the consent covers.")},
    )
    given_on = forms.DateField(label=_("Signed on"), widget=DateInput())
    valid_until = forms.DateField(
        label=_("Valid until"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty if the consent is valid until it is withdrawn."),
    )
    scan = forms.FileField(
        label=_("Scan or photo of the signed form"),
        required=False,
        help_text=_("PDF, JPEG or PNG. You can also add it later."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"given_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        for name in ("actors", "data"):
            self.fields[name].widget.attrs["class"] = "hds-checkbox__input"

    def clean(self):
        cleaned = super().clean()
        given, until = cleaned.get("given_on"), cleaned.get("valid_until")
        if given and until and until < given:
            self.add_error("valid_until", _("The consent must be valid at least on the day it is signed."))
        if given and given > timezone.localdate():
            self.add_error("given_on", _("The date cannot be in the future."))
        return cleaned


class ConsentWithdrawForm(HdsForm):
    withdrawn_on = forms.DateField(label=_("Withdrawn on"), widget=DateInput())
    note = forms.CharField(
        label=_("How the worker withdrew it"),
        required=False,
        max_length=NOTE_MAX,
        help_text=_("For example: “Told me in person at the unit.”"),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"withdrawn_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class ScanForm(HdsForm):
    scan = forms.FileField(label=_("Scan or photo of the signed form"), help_text=_("PDF, JPEG or PNG."))


class ReceivedBenefitForm(HdsForm):
    benefit = forms.ChoiceField(label=_("Benefit"), choices=[("", "—"), *Benefit.choices])
    payment_period = forms.ChoiceField(
        label=_("Paid"),
        choices=[("", _("Not known")), *PaymentPeriod.choices],
        required=False,
        help_text=_("Unemployment benefits are paid per month or per four weeks."),
    )
    started_on = forms.DateField(label=_("Since"), required=False, widget=DateInput())
    ended_on = forms.DateField(label=_("Until"), required=False, widget=DateInput())
    note = forms.CharField(label=_("Note"), required=False, max_length=NOTE_MAX)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("started_on"), cleaned.get("ended_on")
        if start and end and end < start:
            self.add_error("ended_on", _("The end date must not be before the start date."))
        return cleaned


class BenefitNotesForm(HdsForm):
    text = forms.CharField(
        label=_("Notes"), required=False, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )


class ClarificationForm(HdsForm):
    kind = forms.ChoiceField(label=_("Clarification"), choices=ClarificationKind.choices, widget=forms.RadioSelect)
    done_on = forms.DateField(label=_("Done on"), widget=DateInput())
    with_actor = forms.ChoiceField(label=_("Done with"), choices=[("", "—"), *Actor.choices])
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"done_on": timezone.localdate(), "kind": ClarificationKind.BENEFIT})
        super().__init__(*args, **kwargs)


class CommissionExplanationForm(HdsForm):
    confirmed = forms.BooleanField(
        label=_("I explained that commission work counts as self-employment, and the worker still wants this gig."),
        error_messages={"required": _("Tick the box to confirm you explained it.")},
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=NOTE_MAX)
