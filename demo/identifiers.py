"""Made-up but valid bank accounts and personal identity codes for the demo and the city-scale data.

Each is computed with its check digits, so python-stdnum (and the payment-details service, which
uses it) accepts it: a Finnish IBAN whose account number also has its own Luhn check digit, and a
permanent identity code (individual number 002–899; 900–999 are temporary codes, which the service
refuses) with a real date of birth and its check character. The same `n` always gives the same
value, and different `n` different ones, so a seed is repeatable and never collides with itself.
"""

from __future__ import annotations

import datetime as dt

from stdnum import iban as iban_check
from stdnum.fi import hetu

# Finnish account numbers begin with the bank's code; these are the first digits of real banks'
# accounts (Nordea, OP, Danske Bank, S-Pankki), so the accounts look like the ones workers have.
BANK_PREFIXES = ("123456", "500001", "800012", "393900")
HETU_CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
BORN_FROM = dt.date(1965, 1, 1)
BIRTH_DAYS = 35 * 365  # born 1965–1999: adults of working age
INDIVIDUAL_NUMBERS = 898  # 002–899


def _luhn_check_digit(digits: str) -> str:
    total = 0
    for i, digit in enumerate(reversed(digits)):
        value = int(digit) * (2 if i % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str((10 - total % 10) % 10)


def finnish_iban(n: int) -> str:
    """The n-th made-up Finnish IBAN (compact, e.g. "FI2112345600000785")."""
    prefix = BANK_PREFIXES[n % len(BANK_PREFIXES)]
    body = f"{prefix}{(n // len(BANK_PREFIXES)) % 10_000_000:07d}"
    bban = body + _luhn_check_digit(body)
    return "FI" + iban_check.calc_check_digits("FI00" + bban) + bban


def identity_code(n: int) -> str:
    """The n-th made-up permanent personal identity code (e.g. "131052-308T")."""
    born = BORN_FROM + dt.timedelta(days=n % BIRTH_DAYS)
    individual = 2 + (n // BIRTH_DAYS) % INDIVIDUAL_NUMBERS
    digits = f"{born:%d%m%y}{individual:03d}"
    century_sign = "-" if born.year < 2000 else "A"
    return f"{born:%d%m%y}{century_sign}{individual:03d}{HETU_CHECK_CHARACTERS[int(digits) % 31]}"


def is_valid_pair(iban: str, code: str) -> bool:
    """Both pass python-stdnum's checks (what the tests and the generator's self-check ask)."""
    return iban_check.is_valid(iban) and hetu.is_valid(code)
