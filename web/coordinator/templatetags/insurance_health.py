"""`{% insurance_health_warning %}`: on the coordinator's pages and the admin's index, the contract
types in use (a gig of an open order in the next three months) that no insurance covers on some day
of that span (`orders.selectors.insurance`). Such gigs cannot be offered, so the coordinator hears of
it before a worker is waiting for an offer. Cached; nothing is rendered when every type is covered,
or for a user who may not see the rules' health.

`{% insurance_health_warning "admin" %}` renders it in the admin's own message style. The link to the
policies is shown only to whom the admin lets edit them; the others are asked to tell an administrator.
"""

from __future__ import annotations

from django import template
from django.urls import reverse

from orders.selectors.insurance import insurance_gaps_cached
from web.coordinator.templatetags.rules_health import may_see_rules_health

register = template.Library()


def insurance_health_context(user, *, style: str = "page") -> dict:
    if not may_see_rules_health(user):
        return {"gaps": [], "style": style}
    can_edit = bool(user.is_staff and user.has_perm("orders.change_insurancepolicy"))
    url = reverse("admin:orders_insurancepolicy_changelist") if can_edit else ""
    return {"gaps": insurance_gaps_cached(), "style": style, "url": url}


@register.inclusion_tag("orders/_insurance_health_warning.html", takes_context=True)
def insurance_health_warning(context, style: str = "page") -> dict:
    request = context.get("request")
    return insurance_health_context(getattr(request, "user", None), style=style)
