"""The ui kit's forms: the refusal of invisible text-direction characters, the Helsinki Design System
dressing every audience uses, and the hours field.

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
from jobcenter.validators import strip_bidi_controls, validate_no_bidi_controls


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


def _stripping(to_python: Callable[[object], object]) -> Callable[[object], object]:
    def to_python_stripped(value):
        value = to_python(value)
        return strip_bidi_controls(value) if isinstance(value, str) else value

    return to_python_stripped


def guard_text_field(field: forms.Field, *, strip: bool = False) -> None:
    """Make a text field refuse bidirectional controls (`jobcenter.validators.BIDI_CONTROLS`), or,
    with `strip` (and for a search input), quietly drop them: a message about invisible characters
    in a search box would only confuse, and a search for them finds nothing anyway.

    Passwords are left alone: they are never shown, and refusing a character at login would lock out
    whoever has one. A text field's validators run on the cleaned value, so every `clean_<field>`
    and the service see only checked text.
    """
    if not isinstance(field, forms.CharField) or isinstance(field.widget, forms.PasswordInput):
        return
    if strip or getattr(field.widget, "input_type", "") == "search" or field.widget.attrs.get("type") == "search":
        if not getattr(field, "bidi_controls_stripped", False):
            field.to_python = _stripping(field.to_python)
            field.bidi_controls_stripped = True
    elif validate_no_bidi_controls not in field.validators:
        field.validators.append(validate_no_bidi_controls)


class NoBidiControlsMixin:
    """Every text field of the form refuses the invisible characters that turn the reading direction
    (U+202E can make "Kahvila\u202eyO alluK" read "Kahvila Kulla Oy" on a coordinator's screen). Fields
    named in `bidi_strip_fields` (searches) have them removed instead. Mixes into a Form or a
    ModelForm; `HdsFormMixin` includes it, and `tests/trust/test_bidi_controls.py` checks that every
    form of the pages and the admin has it."""

    bidi_strip_fields: tuple[str, ...] = ()

    def full_clean(self):
        # Here rather than in __init__, so that fields a form adds in its own __init__ are checked too.
        for name, field in self.fields.items():
            guard_text_field(field, strip=name in self.bidi_strip_fields)
        super().full_clean()


def text_safe_form(form_class: type) -> type:
    """`form_class` with `NoBidiControlsMixin` mixed in (itself when it has it): for form classes
    built elsewhere, as the admin builds its model forms."""
    if issubclass(form_class, NoBidiControlsMixin):
        return form_class
    return type(form_class.__name__, (NoBidiControlsMixin, form_class), {"__module__": form_class.__module__})


class BidiSafeForm(NoBidiControlsMixin, forms.Form):
    """A plain form with the check, e.g. the `Meta.form` of a django-filter FilterSet."""


class HdsFormMixin(NoBidiControlsMixin):
    """Gives each widget its Helsinki Design System class (one set on the widget wins), and refuses
    bidirectional controls in text (`NoBidiControlsMixin`). Mixes into a Form or a ModelForm, so a
    shared domain form can be dressed for a page."""

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
