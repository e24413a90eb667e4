"""The ui kit's form base: every form of every audience renders with the Helsinki Design System."""

from django import forms


class HdsForm(forms.Form):
    """Gives each widget the Helsinki Design System class that `templates/units/_field.html` expects."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.RadioSelect):
                css = "hds-radio-button__input"
            elif isinstance(widget, forms.CheckboxInput):
                css = "hds-checkbox__input"
            elif isinstance(widget, forms.Select):
                css = "hds-text-input__input unit-select__input"
            elif isinstance(widget, forms.Textarea):
                css = "hds-text-input__input unit-textarea"
            else:
                css = "hds-text-input__input"
            widget.attrs.setdefault("class", css)
