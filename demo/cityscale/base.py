"""Sizes, constants and the bulk writer of the city-scale generator."""

from __future__ import annotations

import datetime as dt
import random
import time
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.db import connection, models
from django.utils import timezone

SEED = 20261128
HELSINKI = ZoneInfo("Europe/Helsinki")
CITY_BUSINESS_ID = "0201256-6"
CENT = Decimal("0.01")
UNUSABLE_PASSWORD = "!cityscale-no-password"  # noqa: S105 - starts with "!": no password logs in

# Sizes at --scale 1: a big city's work-activity services over two years (the benchmark's target size).
SIZES = {
    "units": 60,
    "workers": 5_000,
    "big_unit_workers": 500,
    "clients": 3_000,
    "orders": 50_000,
    "access_log_per_worker": 20,
    "coordinators": 5,
    "payers": 2,
}
# The share of workers without a bank account on file, and the same share again with an account but
# no identity code: a payment run holds both out.
PAYMENT_DETAILS_MISSING = 0.005
HISTORY_DAYS = 720  # orders' work spans the two years before today ...
FUTURE_DAYS = 45  # ... and the coming six weeks


# --- Bulk writing ---------------------------------------------------------------------------------
class Table:
    """Rows of one model as tuples in the order of its concrete columns, written in one go."""

    def __init__(self, model: type[models.Model]):
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields]
        self.columns = [f.attname for f in self.fields]
        self.defaults = {}
        for f in self.fields:
            self.defaults[f.attname] = None if f.primary_key else f.get_default()
        self.rows: list[tuple] = []
        self.next_id = 1

    def add(self, **values) -> int:
        if "id" not in values:
            values["id"] = self.next_id
            self.next_id += 1
        row = dict(self.defaults)
        row.update(values)
        self.rows.append(tuple(row[c] for c in self.columns))
        return values["id"]

    def start_after(self, last_id: int) -> None:
        self.next_id = last_id + 1

    def write(self) -> int:
        if not self.rows:
            return 0
        table = connection.ops.quote_name(self.model._meta.db_table)
        cols = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                from psycopg.types.json import Jsonb

                json_at = [i for i, f in enumerate(self.fields) if isinstance(f, models.JSONField)]
                raw = cursor.cursor  # the psycopg cursor under Django's wrapper
                with raw.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:  # noqa: S608 - table and column names from the model's meta
                    for row in self.rows:
                        if json_at:
                            row = list(row)
                            for i in json_at:
                                row[i] = Jsonb(row[i])
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.fields))
                prepared = [
                    tuple(f.get_db_prep_save(v, connection) for f, v in zip(self.fields, row, strict=True))
                    for row in self.rows
                ]
                for start in range(0, len(prepared), 2000):
                    sql = f"INSERT INTO {table} ({cols}) VALUES ({marks})"  # noqa: S608 - names from the model's meta
                    cursor.executemany(sql, prepared[start : start + 2000])
        count = len(self.rows)
        self.rows = []
        return count


def business_id_from(base: int) -> str:
    """A business ID with a valid check digit (stdnum.fi.ytunnus's rule), or "" when none exists."""
    digits = f"{base:07d}"
    total = sum(w * int(d) for w, d in zip((7, 9, 10, 5, 8, 4, 2), digits, strict=True)) % 11
    if total == 1:
        return ""
    check = 0 if total == 0 else 11 - total
    return f"{digits}-{check}"


def ascii_slug(text: str) -> str:
    return text.lower().translate(str.maketrans({"ä": "a", "ö": "o", "å": "a", " ": "-"}))


def to_cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


class GeneratorBase:
    """What every part of the generator uses: the random stream, the sizes, a `Table` per model and
    the clock of the run."""

    def __init__(self, *, scale: float, seed: int, out):
        self.rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
        self.seed = seed
        self.scale = scale
        self.out = out
        self.today = timezone.localdate()
        self.tables: dict[type, Table] = {}
        self.counts: dict[str, int] = {}
        first_of_month = self.today.replace(day=1)
        self.prev_month_end = first_of_month - dt.timedelta(days=1)
        self.prev_month_start = self.prev_month_end.replace(day=1)

    def n(self, key: str, minimum: int = 1) -> int:
        return max(minimum, round(SIZES[key] * self.scale))

    def t(self, model) -> Table:
        if model not in self.tables:
            table = Table(model)
            last = model.objects.aggregate(m=models.Max("pk"))["m"] or 0
            table.start_after(last)
            self.tables[model] = table
        return self.tables[model]

    def at(self, day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
        return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=HELSINKI)

    def log(self, message: str) -> None:
        self.out.write(f"[{time.monotonic() - self.started:6.1f} s] {message}")
