"""`{% rules_health_warning %}`: on every coordinator page and on the admin's index, the benefits that a
worker receives but whose rules have no figure for today or for a day of the next three months
(`benefits.selectors.rules_health`). Cached: no query on most views; nothing is rendered when the rules are complete,
or for a user who is neither a coordinator nor an administrator (nor has the admin's staff access).

`{% rules_health_warning "admin" %}` renders it in the admin's own message style. The link to the
rules (the admin's list, filtered to the benefit) is shown only to whom the admin lets edit them;
the others are asked to tell an administrator.

Django finds template libraries only in an installed app's `templatetags`; `web` is the installed
app, so `web/templatetags/rules_health.py` makes this library loadable as `{% load rules_health %}`.
"""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils import timezone

from benefits.selectors.rules_health import rule_gaps_cached
from jobcenter.roles import is_administrator, is_coordinator

register = template.Library()

TEMPLATE = "benefits/_rules_health_warning.html"


def may_see_rules_health(user) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return is_coordinator(user) or is_administrator(user) or bool(user.is_active and user.is_staff)


def rules_health_context(user, *, style: str = "page") -> dict:
    """The warning's context for `user`: empty gaps for a user who may not see it."""
    if not may_see_rules_health(user):
        return {"gaps": [], "style": style}
    can_edit = bool(user.is_staff and user.has_perm("benefits.change_benefitrule"))
    changelist = reverse("admin:benefits_benefitrule_changelist")
    gaps = [
        {"gap": gap, "url": f"{changelist}?benefit__exact={gap.benefit}" if can_edit else ""}
        for gap in rule_gaps_cached(today=timezone.localdate())
    ]
    return {"gaps": gaps, "style": style, "can_edit": can_edit}


@register.inclusion_tag(TEMPLATE, takes_context=True)
def rules_health_warning(context, style: str = "page") -> dict:
    request = context.get("request")
    return rules_health_context(getattr(request, "user", None), style=style)
