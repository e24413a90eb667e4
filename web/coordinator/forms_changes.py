"""Forms of changing an order after it was sent: cancelling a gig, changing the order's task and place.
They check the shape of the input; the services (orders.services.gig_changes) decide."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jobcenter.forms import NoBidiControlsMixin
from orders.models import Order, TaskType
from orders.services.gig_changes import REASON_MAX_LENGTH
from web.coordinator.forms import SELECT_CLASS, TEXT_INPUT_CLASS


class GigCancelForm(NoBidiControlsMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        help_text=_("Saved in the history and written in the emails to the people told. Name no one's illness."),
        error_messages={"required": _("Write why the gig is cancelled.")},
        widget=forms.Textarea(attrs={"rows": 3, "class": TEXT_INPUT_CLASS}),
    )


class OrderEditForm(NoBidiControlsMixin, forms.Form):
    """The order's task type, description and place, prefilled with what they are now."""

    task_type = forms.ModelChoiceField(label=_("Task type"), queryset=TaskType.objects.none(), required=False)
    description = forms.CharField(
        label=_("Task description"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    street_address = forms.CharField(label=_("Street address"), max_length=200)
    postal_code = forms.CharField(label=_("Postal code"), max_length=10, required=False)
    city = forms.CharField(label=_("City"), max_length=100)

    def __init__(self, *args, order: Order, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "task_type": order.task_type_id,
                "description": order.description,
                "street_address": order.street_address,
                "postal_code": order.postal_code,
                "city": order.city,
            },
        )
        super().__init__(*args, **kwargs)
        # The active task types, and the order's own even if it is no longer offered.
        self.fields["task_type"].queryset = TaskType.objects.filter(Q(is_active=True) | Q(pk=order.task_type_id))
        self.fields["task_type"].widget.attrs["class"] = SELECT_CLASS
        for name, field in self.fields.items():
            if name != "task_type":
                field.widget.attrs.setdefault("class", TEXT_INPUT_CLASS)
