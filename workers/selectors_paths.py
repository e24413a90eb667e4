"""Reads of workers' paths: one worker's steps in time order, and the outcomes counted per period.

The outcome counts are raw (every group, however small); a report shows them only through the
small-group rule (`billing.outcomes`), never as they are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from jobcenter.errors import ActionNotPermitted
from workers.models_paths import PathStepKind, WorkerPathStep
from workers.services_paths import can_record_path


def path_kinds_active() -> QuerySet[PathStepKind]:
    return PathStepKind.objects.active().order_by("ordering", "pk")


def path_steps_for(*, user, worker) -> list[WorkerPathStep]:
    """The worker's steps in time order, for staff of her unit or a coordinator."""
    if not can_record_path(user, worker):
        raise ActionNotPermitted
    return list(
        WorkerPathStep.objects.filter(worker=worker).select_related("kind", "recorded_by").order_by("started_on", "pk")
    )


@dataclass(frozen=True)
class OutcomeCount:
    kind_id: int
    kind_name: str
    unit_id: int
    unit_name: str
    people: int


def outcome_counts(*, start: dt.date, end: dt.date, unit_id: int | None = None) -> list[OutcomeCount]:
    """People with a step of an outcome kind started in start..end (inclusive), per kind and home unit.

    One query, whatever the number of steps. A person with two steps of one kind counts once."""
    steps = WorkerPathStep.objects.filter(kind__is_outcome=True, started_on__gte=start, started_on__lte=end)
    if unit_id:
        steps = steps.filter(worker__home_unit_id=unit_id)
    rows = (
        steps.values("kind_id", "worker__home_unit_id", "worker__home_unit__name")
        .annotate(people=Count("worker_id", distinct=True))
        .order_by("kind_id", "worker__home_unit__name")
    )
    names = {kind.pk: kind.name for kind in PathStepKind.objects.outcomes()}
    return [
        OutcomeCount(
            kind_id=row["kind_id"],
            kind_name=names.get(row["kind_id"], ""),
            unit_id=row["worker__home_unit_id"],
            unit_name=row["worker__home_unit__name"],
            people=row["people"],
        )
        for row in rows
    ]


def outcome_people_total(*, start: dt.date, end: dt.date, unit_id: int | None = None) -> int:
    """Distinct people with any outcome step started in the period (a person counts once in all)."""
    steps = WorkerPathStep.objects.filter(kind__is_outcome=True, started_on__gte=start, started_on__lte=end)
    if unit_id:
        steps = steps.filter(worker__home_unit_id=unit_id)
    return steps.values("worker_id").distinct().count()


def outcome_people_per_unit(*, start: dt.date, end: dt.date, unit_id: int | None = None) -> dict[int, int]:
    """Distinct people with any outcome step started in the period, per home unit (one query)."""
    steps = WorkerPathStep.objects.filter(kind__is_outcome=True, started_on__gte=start, started_on__lte=end)
    if unit_id:
        steps = steps.filter(worker__home_unit_id=unit_id)
    rows = steps.values("worker__home_unit_id").annotate(people=Count("worker_id", distinct=True)).order_by()
    return {row["worker__home_unit_id"]: row["people"] for row in rows}
