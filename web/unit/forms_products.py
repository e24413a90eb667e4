"""The unit's forms of product sales: a product (with its photo), more made, a compensation
agreement, one party's agreement, a delivery and the sales review."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jobcenter.forms import NoBidiControlsMixin, hds_widget_class
from orders.models import ClientOrganisation

DATE_WIDGET = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
MONEY = {"max_digits": 10, "decimal_places": 2, "localize": True}
QUANTITY_MAX = 100_000


def _hds(form: forms.Form) -> None:
    for field in form.fields.values():
        if not isinstance(field.widget, (forms.RadioSelect, forms.ClearableFileInput)):
            field.widget.attrs["class"] = hds_widget_class(field.widget)


def _quantity(label, **kwargs):
    return forms.IntegerField(label=label, min_value=1, max_value=QUANTITY_MAX, **kwargs)


class ProductForm(NoBidiControlsMixin, forms.Form):
    unit = forms.TypedChoiceField(label=_("Unit"), coerce=int, choices=[])
    maker = forms.TypedChoiceField(label=_("Maker"), coerce=int, choices=[], help_text=_("The worker who made it."))
    name = forms.CharField(label=_("Product name"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    quantity_made = _quantity(_("Quantity made"))
    material_cost = forms.DecimalField(
        label=_("Material cost, euros"),
        min_value=0,
        initial=0,
        help_text=_("Paid from the unit's budget."),
        **MONEY,
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("A JPEG or PNG image. Only the unit's staff and the coordinator see it."),
    )

    def __init__(self, *args, units, makers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(unit.pk, unit.name) for unit in units]
        self.fields["maker"].choices = [("", "—")] + [(w.pk, f"{w.display_name} ({w.home_unit.name})") for w in makers]
        if len(units) == 1:
            self.fields["unit"].initial = units[0].pk
        self.fields["photo"].widget.attrs["accept"] = "image/jpeg,image/png"
        _hds(self)


class MadeMoreForm(NoBidiControlsMixin, forms.Form):
    quantity = _quantity(_("How many more were made"))
    material_cost = forms.DecimalField(label=_("Their material cost, euros"), min_value=0, initial=0, **MONEY)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _hds(self)


class AgreementForm(NoBidiControlsMixin, forms.Form):
    buyer = forms.ModelChoiceField(label=_("Buyer"), queryset=ClientOrganisation.objects.none())
    compensation = forms.DecimalField(label=_("Compensation per product, euros"), min_value=0.01, **MONEY)
    valid_from = forms.DateField(label=_("Valid from"), **DATE_WIDGET)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buyer"].queryset = ClientOrganisation.objects.filter(match_candidate__isnull=True).order_by("name")
        _hds(self)


class PartyForm(NoBidiControlsMixin, forms.Form):
    """One party's agreement: a staff member chosen from the unit's staff of that role, or the
    buyer's representative by name; and the day they agreed."""

    person = forms.TypedChoiceField(label=_("Person"), coerce=int, choices=[], required=False)
    representative = forms.CharField(label=_("Name of the buyer's representative"), max_length=200, required=False)
    agreed_on = forms.DateField(label=_("Agreed on"), **DATE_WIDGET)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is None:
            del self.fields["person"]
            self.fields["representative"].required = True
        else:
            del self.fields["representative"]
            self.fields["person"].required = True
            self.fields["person"].choices = [("", "—")] + list(people)
        _hds(self)


class DeliveryForm(NoBidiControlsMixin, forms.Form):
    date = forms.DateField(label=_("Delivery date"), **DATE_WIDGET)
    quantity = _quantity(_("Quantity delivered"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _hds(self)


class ReviewForm(NoBidiControlsMixin, forms.Form):
    reviewed_on = forms.DateField(label=_("Review date"), **DATE_WIDGET)
    sold = forms.IntegerField(label=_("How many were sold"), min_value=0, max_value=QUANTITY_MAX)
    reorder = forms.TypedChoiceField(
        label=_("Does the buyer reorder?"),
        coerce=lambda value: value == "yes",
        choices=[("yes", _("Yes, the buyer reorders")), ("no", _("No reorder"))],
        widget=forms.RadioSelect,
    )
    reorder_quantity = forms.IntegerField(
        label=_("How many are reordered"), min_value=0, max_value=QUANTITY_MAX, required=False
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _hds(self)

    def clean(self):
        data = super().clean()
        if data.get("reorder") and not data.get("reorder_quantity"):
            self.add_error("reorder_quantity", _("Give how many products the buyer reorders."))
        return data
