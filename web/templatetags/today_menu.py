"""The Today menu count tag, loadable as `{% load today_menu %}`: the library lives with the
coordinator's pages (web/coordinator/templatetags/today_menu.py)."""

from web.coordinator.templatetags.today_menu import register

__all__ = ["register"]
