"""The insurance warning tag, loadable as `{% load insurance_health %}`: the library lives with the
coordinator's pages (web/coordinator/templatetags/insurance_health.py)."""

from web.coordinator.templatetags.insurance_health import register

__all__ = ["register"]
