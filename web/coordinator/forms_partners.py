"""The coordinator's forms of the partner model: a partner, the partner of an order, a partner's
invoice to a client, and its payment."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobcenter.forms import NoBidiControlsMixin, hds_widget_class
from orders.models import EmployerPartner


def _hds(form: forms.Form) -> None:
    for field in form.fields.values():
        field.widget.attrs["class"] = hds_widget_class(field.widget)


class _HdsForm(NoBidiControlsMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _hds(self)


class PartnerForm(NoBidiControlsMixin, forms.ModelForm):
    """The partner's details; the service validates them again (the business ID's check digit)."""

    class Meta:
        model = EmployerPartner
        fields = ["name", "business_id", "contact_person", "email", "phone", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _hds(self)


class OrderPartnerForm(_HdsForm):
    """One per order on the partner list: the partners are read once for all of them (a list)."""

    partner = forms.TypedChoiceField(label=_("Employer partner"), coerce=int, choices=[])

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = [("", "---------")] + [(p.pk, p.name) for p in partners]


def month_choices(today: dt.date, count: int = 13) -> list[tuple[str, str]]:
    """This month and the twelve before it, newest first, as ("2026-11", "11/2026")."""
    first = today.replace(day=1)
    choices = []
    for _i in range(count):
        choices.append((f"{first:%Y-%m}", f"{first.month}/{first.year}"))
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return choices


class MonthForm(_HdsForm):
    month = forms.ChoiceField(label=_("Month"), choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = month_choices(timezone.localdate())

    def year_month(self) -> tuple[int, int]:
        year, month = self.cleaned_data["month"].split("-")
        return int(year), int(month)


class PartnerInvoiceForm(_HdsForm):
    client = forms.ModelChoiceField(label=_("Client"), queryset=None)
    month = forms.ChoiceField(label=_("Month of the work"), choices=[])
    invoice_number = forms.CharField(label=_("The partner's invoice number"), max_length=40)
    amount = forms.DecimalField(
        label=_("Amount (EUR)"),
        min_value=0.01,
        max_digits=10,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    received_on = forms.DateField(
        label=_("Received on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, clients, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = clients
        self.fields["month"].choices = month_choices(timezone.localdate())
        _hds(self)

    def year_month(self) -> tuple[int, int]:
        year, month = self.cleaned_data["month"].split("-")
        return int(year), int(month)


class PaidForm(_HdsForm):
    paid_on = forms.DateField(label=_("Paid on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
