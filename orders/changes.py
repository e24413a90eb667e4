"""The fields of an order and of a gig that the coordinator may change after the order was sent, how a
change is stored and how it reads.

A change is stored in a history row's params as `field` (a code below) with `old` and `new` as text
(a date as ISO, a time as "HH:MM", hours as "2.50", a task type as its names in every language). It is
written in words only when shown, in the reader's language: the order's history, the emails to the
people told and the confirmation pages all read a change through `change_line`, so it reads the
same everywhere.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils import formats, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from jobcenter.clock import clock

ORDER_FIELDS = ("task_type", "description", "street_address", "postal_code", "city")
PLACE_FIELDS = ("street_address", "postal_code", "city")
GIG_FIELDS = ("date", "start_time", "planned_hours", "workers_needed", "notes")

LABELS = {
    "task_type": pgettext_lazy("changed field", "Task type"),
    "description": pgettext_lazy("changed field", "Description"),
    "street_address": pgettext_lazy("changed field", "Street address"),
    "postal_code": pgettext_lazy("changed field", "Postal code"),
    "city": pgettext_lazy("changed field", "City"),
    "date": pgettext_lazy("changed field", "Date"),
    "start_time": pgettext_lazy("changed field", "Start time"),
    "planned_hours": pgettext_lazy("changed field", "Hours"),
    "workers_needed": pgettext_lazy("changed field", "Workers needed"),
    "notes": pgettext_lazy("changed field", "Notes for the workers"),
}
# A long text (a description) is shortened in a history line or an email; the page shows it whole.
SHORT_TEXT_WORDS = 12


def task_type_names(task_type) -> dict[str, str]:
    """A task type as stored in a change: its name in each language (a reader sees their own)."""
    if task_type is None:
        return {}
    return {code: getattr(task_type, f"name_{code}", "") or task_type.name for code, _name in settings.LANGUAGES}


def stored_value(field: str, value):
    """The value of `field` as a change stores it (JSON: text, or a task type's names)."""
    if field == "task_type":
        return task_type_names(value)
    if value is None:
        return ""
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value.quantize(Decimal("0.01")))
    return str(value)


def value_text(field: str, value) -> str:
    """A stored value in words, in the active language ("–" when empty)."""
    if value in (None, "", {}):
        return "–"
    try:
        if field == "task_type":
            names = value if isinstance(value, dict) else {}
            return names.get(translation.get_language() or "fi") or names.get("fi") or "–"
        if field == "date":
            return formats.date_format(dt.date.fromisoformat(str(value)), "SHORT_DATE_FORMAT")
        if field == "start_time":
            return clock(dt.time.fromisoformat(str(value)))
        if field == "planned_hours":
            return formats.number_format(Decimal(str(value)), 2)
    except (ValueError, TypeError, InvalidOperation):
        return str(value)
    return Truncator(str(value)).words(SHORT_TEXT_WORDS)


def field_label(field: str) -> str:
    return str(LABELS.get(field, field))


def change_line(field: str, old, new) -> str:
    """ "Start time: klo 10.00 → klo 12.00", in the active language."""
    return _("%(field)s: %(old)s → %(new)s") % {
        "field": field_label(field),
        "old": value_text(field, old),
        "new": value_text(field, new),
    }


def change_facts(params: dict) -> dict:
    """The params of a change event made ready for its sentence (orders.models.history)."""
    field = (params or {}).get("field", "")
    facts = dict(params or {})
    facts["field"] = field_label(field)
    facts["old"] = value_text(field, facts.get("old"))
    facts["new"] = value_text(field, facts.get("new"))
    if facts.get("date"):
        facts["date"] = value_text("date", facts["date"])
    return facts


def when_facts(params: dict) -> dict:
    """A gig's date and time in a history sentence ("date" ISO, "time" "HH:MM")."""
    facts = dict(params or {})
    if facts.get("date"):
        facts["date"] = value_text("date", facts["date"])
    if facts.get("time"):
        facts["time"] = value_text("start_time", facts["time"])
    return facts
