"""The money of a gig for the pages, from billing's one pricing module.

`{{ gig|gig_pay }}`: the worker's pay for a gig read with `billing.pricing.with_worker_hourly_pay`
(counted hours × the hourly pay of the gig's date, rounded half up to cents), a Decimal or None.
Show it with `euros` or `euros_exact` (`plain`).
`{{ gig|gig_hours }}`: the hours that pay counts (approved, reported, or planned while ahead).
"""

from __future__ import annotations

from decimal import Decimal

from django import template

from billing.pricing import gig_counted_hours, gig_worker_pay

register = template.Library()


@register.filter
def gig_pay(gig) -> Decimal | None:
    return gig_worker_pay(gig)


@register.filter
def gig_hours(gig) -> Decimal | None:
    return gig_counted_hours(gig)
