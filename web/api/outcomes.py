"""`GET /api/v1/outcomes/`: where workers went next, the coordinator's outcomes report as figures.

The table is `billing.outcomes.outcome_report` as it is, small-group rule and all: a hidden cell
keeps its place with `suppressed: true` and `people: null`. Counts per outcome kind and home unit
only: no worker, no step's note, no date of a person's step."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from ninja import Query, Router, Status

from billing.outcomes import outcome_report
from web.api.errors import ErrorOut
from web.api.figures import REFUSALS, checked_filter
from web.api.schemas import OutcomesOut
from workers.models_paths import PathStepKind

router = Router(tags=["outcomes"])


def _count(cell) -> dict:
    return {"people": None if cell.hidden else cell.people, "suppressed": bool(cell.hidden)}


def _unit_count(cell, unit_id: int, name: str) -> dict:
    return {"unit": unit_id, "label": str(name), **_count(cell)}


def outcomes_body(report, *, unit: int | None) -> dict:
    codes = dict(PathStepKind.objects.outcomes().values_list("pk", "code"))
    return {
        "period": {"start": report.start, "end": report.end, "unit": unit},
        "kinds": [
            {
                "kind": kind_id,
                "code": codes.get(kind_id, ""),
                "label": str(name),
                "by_unit": [_unit_count(report.rows[kind_id][u], u, n) for u, n in report.units],
                "total": _count(report.kind_totals[kind_id]),
            }
            for kind_id, name in report.kinds
        ],
        "units": [_unit_count(report.unit_totals[u], u, n) for u, n in report.units],
        "total": _count(report.total),
    }


@router.get(
    "/outcomes/",
    response={200: OutcomesOut, 400: ErrorOut, **REFUSALS},
    url_name="outcomes",
    operation_id="outcomes",
    summary="Where workers went next in a period",
    description=(
        "People with a step of an outcome kind (open labour market, hired by the client...) started in the "
        "days start..end (both included, at most five years), per outcome kind and home unit, optionally "
        "narrowed to one unit. Groups of fewer than five people are suppressed, and so is one more group "
        "in a line whenever the line's total would give a small one away."
    ),
)
def outcomes(
    request,
    start: Annotated[date, Query(..., description="The first day, YYYY-MM-DD.")],
    end: Annotated[date, Query(..., description="The last day (included), YYYY-MM-DD; under five years after start.")],
    unit: Annotated[int | None, Query(None, description="Only this home unit (an id from /api/v1/units/).")] = None,
):
    checked = checked_filter(start, end, None, unit)
    report = outcome_report(start=checked.start, end=checked.end, unit_id=checked.unit_id)
    return Status(200, outcomes_body(report, unit=unit))
