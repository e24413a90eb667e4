"""What the public forms share: the date formats people type and the Helsinki Design System look."""

from __future__ import annotations

from django import forms

# The date input sends ISO dates; without it (or with JavaScript off in an old browser) people type
# Finnish dates with or without the century.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"]


def add_hds_classes(form: forms.Form) -> None:
    """Give each input the class of its Helsinki Design System component."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.HiddenInput | forms.RadioSelect):
            continue  # radios are written out in templates/orders/public/_field.html
        css = "hds-checkbox__input" if isinstance(widget, forms.CheckboxInput) else "hds-text-input__input"
        widget.attrs["class"] = css
