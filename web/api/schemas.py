"""The shapes of the API's answers (pydantic, via django-ninja): the OpenAPI document is made from these.

Only aggregate figures and organisational data: no field here can hold a person's name, id or words."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ninja import Field, Schema

SUPPRESSED = (
    "A group of fewer than five people (or one whose figures would reveal such a group): "
    "its numbers are null and `suppressed` is true."
)


class GroupFiguresOut(Schema):
    key: str = Field(description="The group's stable key: an id (as text) or a code; `total` for the whole period.")
    label: str = Field(description="The group's name, e.g. the service's or unit's name.")
    people: int | None = Field(description="People who did paid work.")
    hours: Decimal | None = Field(description='Hours of work done, a decimal number as text, e.g. "766.50".')
    earnings: Decimal | None = Field(description="Earnings paid in euros, a decimal number as text.")
    gigs: int | None = Field(description="Gigs done.")
    clients: int | None = Field(description="Distinct client organisations.")
    suppressed: bool = Field(description=SUPPRESSED)


class PeriodOut(Schema):
    start: date
    end: date
    service: int | None = Field(description="The service the figures are narrowed to, or null for all.")
    unit: int | None = Field(description="The unit the figures are narrowed to, or null for all.")


class FirstAndRepeatOut(Schema):
    first_gigs: int | None = Field(description="Gigs that were a person's first gig ever.")
    repeat_gigs: int | None = Field(description="Gigs after a person's first one.")
    suppressed: bool = Field(description=SUPPRESSED)


class CancellationsOut(Schema):
    late_cancellations: int = Field(description="Gigs a worker cancelled shortly before.")
    no_shows: int = Field(description="Gigs a worker did not come to.")
    client_cancellations: int = Field(description="Gigs the client cancelled.")
    client_late_cancellations: int = Field(description="Of those, cancelled too late under the terms.")


class RatingOut(Schema):
    average: Decimal | None = Field(description="The clients' average rating, or null when too few rated.")
    count: int = Field(description="How many ratings there are.")


class UnitShareOut(Schema):
    unit: int = Field(description="The unit's id.")
    label: str
    period_start: date = Field(description="The period of the unit's own client count.")
    period_end: date
    clients: int = Field(description="The unit's work-activity clients in that period (the unit's figure).")
    people: int | None = Field(description="Of them, people who did paid work through the Jobcenter.")
    share_percent: Decimal | None = Field(description="people / clients in per cent, a decimal number as text.")
    suppressed: bool = Field(description=SUPPRESSED)


class FiguresOut(Schema):
    period: PeriodOut
    total: GroupFiguresOut
    by_service: list[GroupFiguresOut]
    by_unit: list[GroupFiguresOut]
    task_types: list[GroupFiguresOut] = Field(description="Per task type.")
    first_and_repeat: FirstAndRepeatOut | None
    cancellations: CancellationsOut | None = Field(description="Counts only, never who.")
    rating: RatingOut | None
    unit_shares: list[UnitShareOut] = Field(
        description="The share of a unit's work-activity clients who worked through the Jobcenter."
    )


class ServiceOut(Schema):
    id: int
    kind: str = Field(description="`disability` or `adult_social_work`.")
    name: str


class UnitOut(Schema):
    id: int
    name: str
    service: int = Field(description="The id of the unit's service.")
    active: bool


# --- Path outcomes (`/outcomes/`) -----------------------------------------------------------------
OUTCOME_SUPPRESSED = (
    "A group of fewer than five people, or one hidden so that such a group cannot be worked out from "
    "the line's total (complementary suppression): `people` is null and `suppressed` is true."
)


class OutcomeCountOut(Schema):
    people: int | None = Field(description="Distinct people with a step of this outcome started in the period.")
    suppressed: bool = Field(description=OUTCOME_SUPPRESSED)


class OutcomeUnitCountOut(OutcomeCountOut):
    unit: int = Field(description="The home unit's id (from /api/v1/units/).")
    label: str = Field(description="The unit's name.")


class OutcomeKindOut(Schema):
    kind: int = Field(description="The outcome kind's id.")
    code: str = Field(description="The outcome kind's stable code, e.g. `open_labour_market`.")
    label: str = Field(description="The outcome kind's name.")
    by_unit: list[OutcomeUnitCountOut] = Field(description="Per home unit, in the order of `units`.")
    total: OutcomeCountOut = Field(description="All units together.")


class OutcomePeriodOut(Schema):
    start: date
    end: date
    unit: int | None = Field(description="The home unit the outcomes are narrowed to, or null for all.")


class OutcomesOut(Schema):
    period: OutcomePeriodOut
    kinds: list[OutcomeKindOut] = Field(description="Every outcome kind, also those nobody reached in the period.")
    units: list[OutcomeUnitCountOut] = Field(
        description="People with any outcome in the period, per home unit (a person counts once)."
    )
    total: OutcomeCountOut = Field(description="People with any outcome in the period (a person counts once).")
