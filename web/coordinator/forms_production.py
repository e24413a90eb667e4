"""The coordinator's forms of production orders: the order and its item rows, a step, the timing
and price, the gig plan, stopping and reopening, and the list's filters."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jobcenter.forms import HdsForm
from orders.hours import hours_field
from orders.models import ClientContact, ContractType, ProductionStepKind, StopReason
from units.models import Unit


class ContactChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ClientContact) -> str:
        return f"{obj.organisation.name} – {obj.name}"


class ProductionOrderForm(HdsForm):
    contact = ContactChoiceField(label=_("Client and contact person"), queryset=ClientContact.objects.none())
    unit = forms.ModelChoiceField(label=_("Producing unit"), queryset=Unit.objects.none())
    title = forms.CharField(label=_("What is made"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = (
            ClientContact.objects.filter(is_active=True, organisation__match_candidate__isnull=True)
            .select_related("organisation")
            .order_by("organisation__name", "name")
        )
        self.fields["unit"].queryset = Unit.objects.active().order_by("name")


class ItemForm(HdsForm):
    name = forms.CharField(label=_("Item"), max_length=120, required=False)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=100000, required=False)
    unit_label = forms.CharField(label=_("Unit of quantity"), max_length=20, required=False, initial="kpl")

    def clean(self):
        data = super().clean()
        if data.get("name") and not data.get("quantity"):
            self.add_error("quantity", _("Write how many are made."))
        if data.get("quantity") and not data.get("name"):
            self.add_error("name", _("Write what the item is."))
        return data


ItemFormSet = forms.formset_factory(ItemForm, extra=4, max_num=20, absolute_max=20)


class StepForm(HdsForm):
    """The next step: its date, the person responsible and a note."""

    done_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    owner = forms.ChoiceField(label=_("Responsible person"))
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, owners: list[tuple[int, str]], owner_label=None, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("done_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [(str(pk), name) for pk, name in owners]
        if owner_label:
            self.fields["owner"].label = owner_label


class PriceForm(StepForm):
    contract_type = forms.ChoiceField(label=_("Contract"), choices=ContractType.choices)
    hourly_price = forms.DecimalField(
        label=_("Agreed hourly price, € excl. VAT"), min_value=0, max_digits=8, decimal_places=2, localize=True
    )
    field_order = ["done_on", "owner", "contract_type", "hourly_price"]

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.item_fields = []
        for item in items:
            name = f"minutes_{item.pk}"
            self.fields[name] = forms.DecimalField(
                label=_("Minutes of work per item: %(item)s (%(quantity)s %(unit)s)")
                % {"item": item.name, "quantity": item.quantity, "unit": item.unit_label},
                min_value=0.1,
                max_digits=7,
                decimal_places=1,
                localize=True,
            )
            self.fields[name].widget.attrs["class"] = "hds-text-input__input"
            self.item_fields.append((item, name))
        self.order_fields([*self.field_order, *(name for _item, name in self.item_fields), "note"])

    def minutes(self) -> dict[int, object]:
        return {item.pk: self.cleaned_data[name] for item, name in self.item_fields}


class ProduceForm(HdsForm):
    first_date = forms.DateField(
        label=_("Date of the first gig"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    start_time = forms.TimeField(label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}))
    hours_per_gig = hours_field(planned=True, label=_("Hours per gig"))
    workers_per_gig = forms.IntegerField(label=_("Workers per gig"), min_value=1, max_value=50, initial=2)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class StopForm(HdsForm):
    reason = forms.ChoiceField(label=_("Reason"), choices=[("", "---------"), *StopReason.choices])
    note = forms.CharField(label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 4}))


class ReopenForm(HdsForm):
    note = forms.CharField(label=_("Why is the order reopened?"), widget=forms.Textarea(attrs={"rows": 3}))


STOPPED_CHOICES = [
    ("", pgettext_lazy("production filter", "All")),
    ("no", pgettext_lazy("production filter", "Going on")),
    ("yes", pgettext_lazy("production filter", "Stopped")),
]


class ProductionFilterForm(HdsForm):
    step = forms.ChoiceField(
        label=_("Step"),
        required=False,
        choices=[("", pgettext_lazy("production filter", "All")), *ProductionStepKind.choices],
    )
    stopped = forms.ChoiceField(label=_("Stopped"), required=False, choices=STOPPED_CHOICES)
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        required=False,
        queryset=Unit.objects.none(),
        empty_label=pgettext_lazy("production filter", "All"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.order_by("name")

    def stopped_value(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("stopped") or "")
