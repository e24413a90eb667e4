"""The benefit rules' health warning tag, loadable as `{% load rules_health %}`: the library lives
with the coordinator's pages (web/coordinator/templatetags/rules_health.py)."""

from web.coordinator.templatetags.rules_health import register

__all__ = ["register"]
