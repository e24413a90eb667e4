"""The Incomes Register's due-date warning tag, loadable as `{% load incomes_register %}`: the
library lives with the coordinator's pages (web/coordinator/templatetags/incomes_register.py)."""

from web.coordinator.templatetags.incomes_register import register

__all__ = ["register"]
