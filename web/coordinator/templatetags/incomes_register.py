"""`{% ir_due_warning %}`: the warning on every coordinator page about Incomes Register reports
that are due within JOBCENTER_IR_WARN_DAYS days (or overdue) and not sent. One query; nothing is
rendered when none are due, or for a user who is neither a coordinator nor of the paying role.

Django finds template libraries only in an installed app's `templatetags`; `web` is the installed
app, so `web/templatetags/incomes_register.py` makes this library loadable as
`{% load incomes_register %}`.
"""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils import timezone

from billing.incomes_register.selectors import reports_due_soon
from jobcenter.roles import is_coordinator, is_payer

register = template.Library()


@register.inclusion_tag("billing/incomes_register/_due_warning.html", takes_context=True)
def ir_due_warning(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not (is_coordinator(user) or is_payer(user)):
        return {"due": None}
    return {"due": reports_due_soon(timezone.localdate()), "url": reverse("incomes_register:list")}
