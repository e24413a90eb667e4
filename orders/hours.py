"""The hours rule of the order flow: what may be entered as a gig's hours, and how it is read.

One rule for every page that takes hours (the coordinator's, the unit's, the worker's and the
admin): a gig's planned hours, the hours a worker (or unit staff for them) reports and the hours
the coordinator approves.

- "2,5", "2.5", "2 h" and " 2,5 h " all mean two and a half hours: Finnish writes a decimal comma,
  the phone keypad of `inputmode="decimal"` may give either mark, and people add the unit.
- The step is a hundredth of an hour: hours are stored with two decimals, and a worker who writes
  2.1 hours has worked 2.1 hours (six minutes more than two); nothing is rounded behind their back.
  More decimals are refused with a message rather than rounded.
- One gig has at most 12 hours: more is a typing slip (25 instead of 2,5) or a second day that is a
  gig of its own.
- A gig is planned for at least a quarter of an hour (the Gig model's validator says the same);
  reported and approved hours only need to be more than zero.

`parse_hours` raises `HoursError` (a `DomainError`, so a service may call it and a page shows its
message as-is); `hours_field` builds the form field of the kernel's ui kit around it.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.utils import formats
from django.utils.translation import gettext_lazy as _

from jobcenter.errors import DomainError
from jobcenter.forms import HoursField

HOURS_STEP = Decimal("0.01")
MAX_HOURS_PER_GIG = Decimal("12")
MIN_PLANNED_HOURS = Decimal("0.25")

# Digits, optionally a decimal mark (comma or point) and more digits, optionally "h" for hours.
# Signs, exponents ("1e1"), words ("kolme") and thousands separators are not hours.
_HOURS_TEXT = re.compile(r"^(?P<number>\d+(?:[.,]\d+)?)\s*h?$", re.IGNORECASE)

MESSAGES = {
    "invalid": _("Write the hours as a number, for example 2 or 2.5."),
    "zero": _("The hours must be more than zero."),
    "too_many": _("One gig can have at most %(max)s hours."),
    "step": _("Write the hours with at most two decimals, for example 2.25."),
    "too_few": _("A gig must be at least %(min)s hours."),
}


class HoursError(DomainError):
    """Hours that the rule refuses. `code` names the reason, so a form may say it in its own words."""

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(MESSAGES[code] % params if params else MESSAGES[code])


def _shown(value: Decimal) -> str:
    """A limit as the page's language writes it: 12, 0,25 in Finnish, 0.25 in English."""
    return formats.number_format(value, use_l10n=True)


def parse_hours(value, *, minimum: Decimal | None = None) -> Decimal:
    """The hours in `value` (text, a number or a Decimal) as a Decimal with two decimals.

    Raises `HoursError` if the value is not a number of hours, is zero, is finer than the step, is
    over one gig's maximum or, where `minimum` is given, under it.
    """
    text = value if isinstance(value, str) else format(value, "f") if isinstance(value, Decimal) else str(value)
    match = _HOURS_TEXT.match(text.strip())
    if not match:
        raise HoursError("invalid")
    try:
        hours = Decimal(match["number"].replace(",", "."))
    except InvalidOperation:  # the pattern lets through only digits; kept as a guard
        raise HoursError("invalid") from None
    if hours == 0:
        raise HoursError("zero")
    if hours > MAX_HOURS_PER_GIG:
        raise HoursError("too_many", max=_shown(MAX_HOURS_PER_GIG))
    if hours % HOURS_STEP:
        raise HoursError("step", step=_shown(HOURS_STEP))
    if minimum is not None and hours < minimum:
        raise HoursError("too_few", min=_shown(minimum))
    return hours.quantize(HOURS_STEP)


def parse_planned_hours(value) -> Decimal:
    """A gig's planned hours: the rule, and at least `MIN_PLANNED_HOURS`."""
    return parse_hours(value, minimum=MIN_PLANNED_HOURS)


def hours_field(*, planned: bool = False, **kwargs) -> HoursField:
    """The form field for hours under this rule (`planned=True` for a gig's planned hours).

    Keyword arguments go to the field (label, help_text, required, widget, error_messages). A page
    may say a reason in its own words by giving `error_messages` for the codes of `MESSAGES`.
    """
    return HoursField(
        parse=parse_planned_hours if planned else parse_hours,
        max_value=MAX_HOURS_PER_GIG,
        step=HOURS_STEP,
        **kwargs,
    )
