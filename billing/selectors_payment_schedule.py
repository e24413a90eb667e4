"""Reads of the payment schedule: its rows once, as a calendar of payment runs."""

from __future__ import annotations

import datetime as dt

from billing.models import PaymentSchedule
from billing.payment_schedule import PaymentCalendar, payment_calendar


def payment_calendar_for(*, start: dt.date, end: dt.date, today: dt.date) -> PaymentCalendar:
    """The payment runs from `start` to `end` and the next one on or after `today`. One query."""
    return payment_calendar(list(PaymentSchedule.objects.all()), start=start, end=end, today=today)
