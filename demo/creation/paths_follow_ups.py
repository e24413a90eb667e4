"""The demo's paths (jatkopolku) and the items before and after its gigs.

A few workers get the steps of the pilot report's example paths (recorded by their instructor through
`workers.services_paths`); the review items of the demo's recent gigs are made by the same service as
the periodic job, and one of Aino's is gone through with a note. A second run adds nothing.
"""

from __future__ import annotations

import datetime as dt

from demo.creation.context import DemoContext
from orders.models import FollowUpKind, GigFollowUp
from orders.services.follow_ups import follow_up_record_note, follow_ups_create_reviews
from units.models import StaffRole
from workers.models_paths import PathStepKind, WorkerPathStep
from workers.services_paths import path_step_add

# worker key -> (kind code, started day, ended day or None); days from today.
PATHS = {
    "aino": [
        ("social_rehabilitation", -720, -420),
        ("rehabilitative_work_activity", -419, -100),
        ("unit_job_coaching", -99, None),
        ("jobcenter", -90, None),
    ],
    "mikko": [("disability_work_activity", -1200, None), ("jobcenter", -90, None)],
    "helmi": [("rehabilitative_work_activity", -500, -91), ("jobcenter", -90, -12), ("career_coaching", -11, None)],
}
# The demo's gigs of the last weeks get their review items (the periodic job looks two weeks back).
REVIEW_LOOKBACK_DAYS = 30


def _seed_paths(ctx: DemoContext) -> None:
    kinds = {kind.code: kind for kind in PathStepKind.objects.all()}
    for key, steps in PATHS.items():
        worker = ctx.workers.get(key)
        if worker is None or WorkerPathStep.objects.filter(worker=worker).exists():
            continue
        by = ctx.staff[(ctx.unit_key(worker), StaffRole.INSTRUCTOR)]
        for code, started, ended in steps:
            path_step_add(
                worker_id=worker.pk,
                kind_id=kinds[code].pk,
                started_on=ctx.date(started),
                ended_on=ctx.date(ended) if ended is not None else None,
                by=by,
            )
            ctx.created += 1


def _seed_follow_ups(ctx: DemoContext) -> None:
    ctx.created += follow_ups_create_reviews(lookback_days=REVIEW_LOOKBACK_DAYS)
    aino = ctx.workers.get("aino")
    first = (
        GigFollowUp.objects.filter(assignment__worker=aino, kind=FollowUpKind.REVIEW)
        .order_by("due_at", "pk")
        .select_related("assignment")
        .first()
    )
    if first is not None and first.done_at is None and not GigFollowUp.objects.filter(done_at__isnull=False).exists():
        by = ctx.staff[(ctx.unit_key(aino), StaffRole.INSTRUCTOR)]
        follow_up_record_note(
            follow_up_id=first.pk, by=by, note="Keikka meni hyvin. Aino haluaa lisää siivouskeikkoja."
        )


def seed_paths_and_follow_ups(ctx: DemoContext) -> None:
    with ctx.frozen(ctx.now - dt.timedelta(minutes=1)):
        _seed_paths(ctx)
        _seed_follow_ups(ctx)
