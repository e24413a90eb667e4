"""The order page's compact summary of its repeating gigs: one query, however many dates."""

from __future__ import annotations

from django import template
from django.db.models import Count, Min, Q
from django.utils import timezone

from orders.models import GigSeries

register = template.Library()


@register.inclusion_tag("coordinator/_series_on_order.html")
def order_series(order, can_add: bool = False):
    today = timezone.localdate()
    live = Q(gigs__cancelled_at__isnull=True)
    series = list(
        GigSeries.objects.filter(order=order)
        .annotate(
            live_dates=Count("gigs", filter=live),
            next_date=Min("gigs__date", filter=live & Q(gigs__date__gte=today)),
        )
        .order_by("first_date", "pk")
    )
    return {"order": order, "series_list": series, "can_add": can_add}
