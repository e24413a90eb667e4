"""Validators for Finnish identifiers (the business ID's check digit and the personal identity code's
check character, as the Finnish Tax Administration and the Digital and Population Data Services Agency define them)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fi import ytunnus


def normalize_business_id(value: str) -> str:
    """Return the business ID (Y-tunnus) in its standard form 1234567-8, or raise ValidationError."""
    try:
        return ytunnus.format(ytunnus.validate(value))
    except StdnumError:
        raise ValidationError(
            _("Check the business ID. It has seven digits, a hyphen and a check digit, e.g. 1572860-0."),
            code="invalid_business_id",
        ) from None


def validate_business_id(value: str) -> None:
    normalize_business_id(value)
