"""Finnish payment references and the bank barcode (pure functions, no database).

- `reference_number`: the Finnish reference (viitenumero), weights 7, 3, 1 from the right.
- `rf_reference`: the international RF creditor reference (ISO 11649) of a reference.
- `is_valid_reference`: either form, with its check digits.
- `virtual_barcode`: the bank barcode (virtuaaliviivakoodi), 54 digits: version 4 for a Finnish
  reference, version 5 for an RF reference (Finance Finland's "Pankkiviivakoodi-opas").
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

_WEIGHTS = (7, 3, 1)


def _digits(value: str) -> str:
    return "".join(str(value).split())


def _check_digit(base: str) -> str:
    total = sum(int(digit) * _WEIGHTS[i % 3] for i, digit in enumerate(reversed(base)))
    return str((10 - total % 10) % 10)


def reference_number(base: str) -> str:
    """The base with its check digit appended: 12345 → 123453; 123 → 1232.

    The base has 3–19 digits, so the reference has 4–20 as the banks require.
    """
    base = _digits(base)
    if not base.isdigit() or not 3 <= len(base) <= 19:
        raise ValueError(f"A reference base needs 3 to 19 digits, not {base!r}.")
    return base + _check_digit(base)


def _rf_numeric(body: str) -> int:
    """Letters become numbers (A=10 … Z=35), as ISO 7064 mod 97-10 wants."""
    return int("".join(str(int(char, 36)) for char in body))


def rf_reference(reference: str) -> str:
    """The RF form of a reference: 123453 → RF81123453."""
    reference = _digits(reference).upper()
    if not reference.isalnum() or not 1 <= len(reference) <= 21:
        raise ValueError(f"An RF reference holds 1 to 21 letters or digits, not {reference!r}.")
    check = 98 - _rf_numeric(reference + "RF00") % 97
    return f"RF{check:02d}{reference}"


def is_valid_reference(value: str) -> bool:
    """A Finnish reference with the right check digit, or an RF reference with mod 97 = 1."""
    value = _digits(value).upper()
    if value.startswith("RF"):
        body = value[4:]
        if len(value) < 5 or not value[2:4].isdigit() or not body.isalnum() or len(body) > 21:
            return False
        return _rf_numeric(body + value[:4]) % 97 == 1
    if not value.isdigit() or not 4 <= len(value) <= 20:
        return False
    return _check_digit(value[:-1]) == value[-1]


def group_reference(reference: str) -> str:
    """A reference in groups of five for print: 12345 67890 3 / RF81 1234 53."""
    value = _digits(reference)
    if value.upper().startswith("RF"):
        return " ".join(value[i : i + 4] for i in range(0, len(value), 4))
    head = len(value) % 5
    groups = ([value[:head]] if head else []) + [value[i : i + 5] for i in range(head, len(value), 5)]
    return " ".join(groups)


def virtual_barcode(iban: str, amount: Decimal, reference: str, due_date: dt.date | None) -> str:
    """The 54-digit bank barcode of a Finnish IBAN, an amount, a reference and a due date.

    Version 4 (Finnish reference): 4 + 16 account digits + 6 euro + 2 cent digits + 000 +
    the reference right-aligned in 20 digits + YYMMDD. Version 5 (RF reference): 5 + account +
    amount + the 2 RF check digits + the reference body right-aligned in 21 digits + YYMMDD.
    An amount over 999 999.99 or below zero is printed as zeros (the payer types it in), as is a
    missing due date.
    """
    account = _digits(iban).upper()
    if not account.startswith("FI") or len(account) != 18 or not account[2:].isdigit():
        raise ValueError("The bank barcode needs a Finnish IBAN (FI + 16 digits).")
    cents = int((Decimal(amount) * 100).quantize(Decimal(1)))
    if cents < 0 or cents > 99_999_999:
        cents = 0
    money = f"{cents:08d}"
    due = due_date.strftime("%y%m%d") if due_date else "000000"
    reference = _digits(reference).upper()
    if not is_valid_reference(reference):
        raise ValueError(f"{reference!r} is not a valid reference.")
    if reference.startswith("RF"):
        body = reference[4:]
        if not body.isdigit():
            raise ValueError("The bank barcode takes only numeric RF references.")
        code = f"5{account[2:]}{money}{reference[2:4]}{body.rjust(21, '0')}{due}"
    else:
        code = f"4{account[2:]}{money}000{reference.rjust(20, '0')}{due}"
    if len(code) != 54:  # a check that must hold also under `python -O`
        raise ValueError(f"The bank barcode must have 54 digits, not {len(code)}.")
    return code
