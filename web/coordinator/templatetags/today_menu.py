"""`{% today_menu_count as count %}`: how many things wait on the coordinator's Today page, for the
menu (cached a minute, `web.coordinator.today.menu_total`). A page that has just counted passes
`menu_count` in its context and no count is made again. None for anyone but a coordinator.

Django finds template libraries only in an installed app's `templatetags`; `web` is the installed
app, so `web/templatetags/today_menu.py` makes this library loadable as `{% load today_menu %}`.
"""

from __future__ import annotations

from django import template

from jobcenter.roles import is_coordinator
from web.coordinator.today import menu_total

register = template.Library()


@register.simple_tag(takes_context=True)
def today_menu_count(context) -> int | None:
    if context.get("menu_count") is not None:
        return context["menu_count"]
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not is_coordinator(user):
        return None
    return menu_total(user=user)
