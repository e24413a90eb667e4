"""Forms of the client's public pages: the order form and the feedback form behind the emailed link."""

from web.public.forms.antibot import (
    HONEYPOT_FIELD,
    STARTED_FIELD,
    STARTED_MAX_AGE,
    STARTED_SALT,
    form_started_at,
    form_started_token,
)
from web.public.forms.common import DATE_INPUT_FORMATS, add_hds_classes
from web.public.forms.feedback import RATING_CHOICES, FeedbackForm
from web.public.forms.order import MAX_HOURS, MIN_HOURS, OrderRequestForm, postal_code_validator

__all__ = [
    "DATE_INPUT_FORMATS",
    "HONEYPOT_FIELD",
    "MAX_HOURS",
    "MIN_HOURS",
    "RATING_CHOICES",
    "STARTED_FIELD",
    "STARTED_MAX_AGE",
    "STARTED_SALT",
    "FeedbackForm",
    "OrderRequestForm",
    "add_hds_classes",
    "form_started_at",
    "form_started_token",
    "postal_code_validator",
]
