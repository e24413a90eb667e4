"""The forms of the payment-run pages: a new run's dates, the name search, the bank's status report."""

from __future__ import annotations

import calendar
import datetime as dt

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from jobcenter.forms import NoBidiControlsMixin

TEXT_INPUT_CLASS = "hds-text-input__input"


def default_payment_date(today: dt.date) -> dt.date:
    """The next pay day after today: the 15th or the month's last day, whichever comes first. Not
    today itself: the bank file must reach the bank before the day it pays."""
    last = today.replace(day=calendar.monthrange(today.year, today.month)[1])
    for candidate in (today.replace(day=15), last):
        if candidate > today:
            return candidate
    return (last + dt.timedelta(days=1)).replace(day=15)


def default_cutoff_date(today: dt.date) -> dt.date:
    """Yesterday: the work done before the run is made. Only approved work is paid anyway, and
    today's work is rarely approved yet; what comes later waits for the next run."""
    return today - dt.timedelta(days=1)


def _date_widget():
    return forms.DateInput(attrs={"type": "date", "class": TEXT_INPUT_CLASS}, format="%Y-%m-%d")


class PaymentRunForm(NoBidiControlsMixin, forms.Form):
    payment_date = forms.DateField(label=_("Payment date"), widget=_date_widget())
    cutoff_date = forms.DateField(
        label=_("Work done up to"),
        help_text=_("Approved commission work with a gig date up to this day that is not yet paid."),
        widget=_date_widget(),
    )

    def clean(self):
        data = super().clean()
        payment_date, cutoff_date = data.get("payment_date"), data.get("cutoff_date")
        if payment_date and cutoff_date and cutoff_date > payment_date:
            self.add_error("cutoff_date", _("The work to pay must be done by the payment date."))
        return data


class PayoutSearchForm(NoBidiControlsMixin, forms.Form):
    q = forms.CharField(
        label=_("Search by name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"class": TEXT_INPUT_CLASS, "type": "search"}),
    )


class StatusReportForm(NoBidiControlsMixin, forms.Form):
    """The bank's status report (pain.002 XML). The service checks its content against the schema."""

    report = forms.FileField(
        label=_("The bank's status report (XML file)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xml,application/xml,text/xml"}),
    )

    def clean_report(self):
        upload = self.cleaned_data["report"]
        limit = settings.JOBCENTER_UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is too large (at most %(limit)s).") % {"limit": filesizeformat(limit)}
            )
        return upload
