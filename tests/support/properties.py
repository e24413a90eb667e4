"""Hypothesis strategies for bad input, shared by the property tests (tests/trust/test_property_*.py).

The example budget comes from the profile the root conftest loads (HYPOTHESIS_PROFILE).
"""

from __future__ import annotations

import string

from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

NASTY = st.sampled_from(
    [
        "", " ", "\x00", "a\x00b", "\r\n", "' OR 1=1 --", "<script>alert(1)</script>", "{{ 7*7 }}", "%s%s%n",
        "x" * 5000, "\u202eevil", "0", "-1", "1e309", "NaN", "Infinity", "-0", "9" * 40, "0.001", "1,2,3",
        "2026-02-30", "31.12.9999", "1.1.1900", "0000-00-00", "company", "city_unit", "commission",
        "employment", "on", "off", "true", "[]", "{}", "../../etc/passwd", "=cmd|' /C calc'!A0",
        "a@b", "@example.org", "ä@ö.fi", "FI2112345600000785", "003712345678", "1572860-0", "1572860-1",
    ]
)  # fmt: skip
ANY_TEXT = st.text(max_size=300)  # any Unicode (Hypothesis leaves out lone surrogates), control characters too
VALUE = st.one_of(NASTY, ANY_TEXT, st.lists(NASTY, min_size=2, max_size=3))
URLSAFE = string.ascii_letters + string.digits + "-_:"


def tampered(token: str, draw) -> str:
    """The token with one character changed, or cut short, or lengthened."""
    # Every draw is independent of the token: its length changes with the order's id, and Hypothesis
    # requires the same draws to replay a failing example (FlakyStrategyDefinition otherwise).
    how = draw(st.sampled_from(["change", "cut", "append"]))
    position = draw(st.integers(0, 10_000))
    if how == "change":
        index = position % len(token)
        shift = draw(st.integers(1, len(URLSAFE) - 1))
        current = URLSAFE.find(token[index])
        char = URLSAFE[(current + shift) % len(URLSAFE)] if current >= 0 else URLSAFE[shift]
        return token[:index] + char + token[index + 1 :]
    if how == "cut":
        return token[: 1 + position % (len(token) - 1)]
    return token + draw(st.text(alphabet=URLSAFE, min_size=1, max_size=5))


# Each example renders pages, which can be slow on a busy machine; Django's TestCase runs the examples
# from a different executor than Hypothesis expects, which is harmless here.
PROPERTY = hypothesis_settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.differing_executors])
