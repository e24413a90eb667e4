"""Filters for order lists. They only narrow a queryset the selector has already scoped to the user."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from orders.models import Order, OrderStatus


class OrderFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(label=_("status"), choices=OrderStatus.choices)
    task_type = django_filters.NumberFilter(label=_("task type"), field_name="task_type_id")
    client = django_filters.NumberFilter(label=_("client"), field_name="client_id")
    q = django_filters.CharFilter(label=_("search"), method="search")

    class Meta:
        model = Order
        fields: list[str] = []

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value) | Q(description__icontains=value) | Q(client__name__icontains=value)
        )
