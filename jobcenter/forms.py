"""The ui kit's forms: the Helsinki Design System dressing every audience uses, and the hours field.

The kernel knows no domain rule: `HoursField` is given the function that reads the hours (the
orders app's rule builds it, see `orders.hours.hours_field`).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats

from jobcenter.errors import DomainError


def hds_widget_class(widget: forms.Widget) -> str:
    """The Helsinki Design System class of a widget, as `templates/units/_field.html` expects it."""
    if isinstance(widget, forms.RadioSelect):
        return "hds-radio-button__input"
    if isinstance(widget, forms.CheckboxInput):
        return "hds-checkbox__input"
    if isinstance(widget, forms.Select):
        return "hds-text-input__input unit-select__input"
    if isinstance(widget, forms.Textarea):
        return "hds-text-input__input unit-textarea"
    return "hds-text-input__input"


class HdsFormMixin:
    """Gives each widget its Helsinki Design System class (one set on the widget wins). Mixes into a
    Form or a ModelForm, so a shared domain form can be dressed for a page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", hds_widget_class(field.widget))


class HdsForm(HdsFormMixin, forms.Form):
    """A form of the staff and worker pages, rendered with the Helsinki Design System."""


class HoursField(forms.Field):
    """Hours typed as text ("2,5", "2.5", "2 h"), read by the `parse` function it is given.

    `parse(text)` returns a Decimal or raises a `DomainError` (or a `ValidationError`). A
    `DomainError` with a `code` (and `params`) is shown in the form's own words when the field has
    an error message for that code, else with the rule's message. Text rather than a number input:
    a number input refuses the decimal comma in some browsers and steps with arrows, and the
    browser's own step check would refuse hours the rule allows.
    """

    widget = forms.TextInput

    def __init__(
        self,
        *,
        parse: Callable[[str], Decimal],
        max_value: Decimal | None = None,
        step: Decimal | None = None,
        max_length: int = 10,
        **kwargs,
    ):
        self.parse = parse
        self.max_value = max_value
        self.step = step
        self.max_length = max_length
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.setdefault("inputmode", "decimal")
        attrs.setdefault("autocomplete", "off")
        if not widget.is_hidden:
            attrs["maxlength"] = str(self.max_length)
        if getattr(widget, "input_type", "") == "number":
            # Only a number input reads these; for text the parse function checks them.
            if self.max_value is not None:
                attrs["max"] = str(self.max_value)
            if self.step is not None:
                attrs["step"] = str(self.step)
        return attrs

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            # 3 rather than 3.00; 2,5 with the decimal mark of the page's language.
            shown = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
            return formats.localize_input(shown)
        return value

    def to_python(self, value) -> Decimal | None:
        text = "" if value in self.empty_values else str(value).strip()
        if not text:
            return None
        try:
            return self.parse(text)
        except DomainError as err:
            code = getattr(err, "code", None) or "invalid"
            if code in self.error_messages:
                params = getattr(err, "params", None) or None
                raise ValidationError(self.error_messages[code], code=code, params=params) from None
            raise ValidationError(str(err.message), code=code) from None
