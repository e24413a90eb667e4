"""Select boxes rendered in Python, not through Django's widget templates.

The order list's filter form has a select of every unit (and of the services and states): Django's
template-based widget rendering (one template per option, with its attributes) was about a third
of the list's rendering time at city scale. The markup is the same as the template's.
"""

from __future__ import annotations

from functools import partial

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


def _render(widget: forms.Select, name, value, attrs=None, renderer=None) -> SafeString:
    context = widget.get_context(name, value, attrs)["widget"]
    options = []
    for group_name, group, _index in context["optgroups"]:
        rows = format_html_join(
            "", '<option value="{}"{}>{}</option>', ((o["value"], flatatt(o["attrs"]), o["label"]) for o in group)
        )
        options.append(format_html('<optgroup label="{}">{}</optgroup>', group_name, rows) if group_name else rows)
    return format_html(
        '<select name="{}"{}>{}</select>',
        context["name"],
        flatatt(context["attrs"]),
        format_html_join("", "{}", ((part,) for part in options)),
    )


def render_selects_in_python(form: forms.Form) -> forms.Form:
    """Every (single) select of the bound form renders in Python; other widgets are left alone."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.Select) and not isinstance(widget, forms.SelectMultiple):
            widget.render = partial(_render, widget)
    return form
