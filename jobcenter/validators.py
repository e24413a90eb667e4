"""Validators for Finnish identifiers (the business ID's check digit and the personal identity code's
check character, as the Finnish Tax Administration and the Digital and Population Data Services Agency define them),
and the refusal of invisible text-direction characters in names, titles and free text."""

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


# --- Bidirectional controls -------------------------------------------------------------------------
# Invisible characters that change the reading direction of the text after them (the embeddings,
# overrides and isolates, and the left-to-right, right-to-left and Arabic letter marks). Typed or
# pasted into a name, "Kahvila\u202eyO alluK" shows on a coordinator's screen as "Kahvila Kulla Oy"
# while the stored text says otherwise, and a filename or amount can be made to read backwards. No
# Finnish or Swedish text needs them; a right-to-left name (Arabic, Hebrew) displays correctly
# without them, because each letter carries its own direction.
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e"  # LRE, RLE, PDF, LRO, RLO
    "\u2066\u2067\u2068\u2069"  # LRI, RLI, FSI, PDI
    "\u200e\u200f\u061c"  # LRM, RLM, ALM
)
_BIDI_TABLE = dict.fromkeys(map(ord, BIDI_CONTROLS))

BIDI_CONTROLS_MESSAGE = _(
    "The text has invisible characters that change its direction, often from copying and pasting. "
    "Remove them: type the text again, or paste it as plain text."
)


def has_bidi_controls(value: str) -> bool:
    return any(char in BIDI_CONTROLS for char in value)


def strip_bidi_controls(value: str) -> str:
    """The text without bidirectional controls: for input where a message would confuse (a search)."""
    return value.translate(_BIDI_TABLE)


def validate_no_bidi_controls(value) -> None:
    """Refuse text with bidirectional controls (see `BIDI_CONTROLS`), in plain words."""
    if isinstance(value, str) and has_bidi_controls(value):
        raise ValidationError(BIDI_CONTROLS_MESSAGE, code="bidi_controls")
