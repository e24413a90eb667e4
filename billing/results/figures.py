"""The results report's shapes: frozen, so a consumer cannot un-suppress a figure by accident."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class ResultsFilter:
    start: dt.date
    end: dt.date
    service_id: int | None = None
    unit_id: int | None = None


@dataclass(frozen=True)
class GroupFigures:
    """One row of a breakdown (or the total). A suppressed row has every figure None."""

    key: str
    label: str
    people: int | None
    hours: Decimal | None
    earnings: Decimal | None
    gigs: int | None
    clients: int | None
    suppressed: bool = False


@dataclass(frozen=True)
class FirstAndRepeat:
    """Gigs that were a worker's first gig ever, and the gigs after a first one."""

    first_gigs: int | None
    repeat_gigs: int | None
    suppressed: bool = False


@dataclass(frozen=True)
class Cancellations:
    """Counts only: who cancelled or did not come is never in the report."""

    late_cancellations: int  # by workers, shortly before the gig
    no_shows: int
    client_cancellations: int  # gigs the client cancelled
    client_late_cancellations: int  # of which too late under the terms


@dataclass(frozen=True)
class Rating:
    average: Decimal | None  # None when there are fewer than the smallest group shown
    count: int


@dataclass(frozen=True)
class UnitShare:
    """The unit's workers who did paid work in the period, of the unit's clients (the unit's figure)."""

    unit_id: int
    label: str
    period_start: dt.date
    period_end: dt.date
    clients: int
    people: int | None
    share_percent: Decimal | None
    suppressed: bool = False


@dataclass(frozen=True)
class ResultsReport:
    filter: ResultsFilter
    total: GroupFigures
    by_service: list[GroupFigures] = field(default_factory=list)
    by_unit: list[GroupFigures] = field(default_factory=list)
    task_types: list[GroupFigures] = field(default_factory=list)
    first_and_repeat: FirstAndRepeat | None = None
    cancellations: Cancellations | None = None
    rating: Rating | None = None
    quotes: list[str] = field(default_factory=list)
    unit_shares: list[UnitShare] = field(default_factory=list)
