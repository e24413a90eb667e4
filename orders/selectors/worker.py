"""Reads for the worker's mobile view (`/me/`), always scoped to one worker.

Every function takes the worker (from `jobcenter.roles.worker_profile(request.user)`), never an id
from the URL alone: another worker's gig is a 404. Lists are built from `gig_list_for_worker`, so
each gig carries the worker's own assignment fields. Related rows are joined, so the number of
queries does not grow with the number of gigs. Nothing here reads the worker's support needs or any
benefit figure: both are special-category data, read only through the selectors that log each look.

The pay of a gig and the worker's earnings are billing's (`billing.pricing`,
`billing.selectors_earnings`); a page that shows pay passes `extend=with_worker_hourly_pay`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from orders.models import ASSIGNMENT_FILLING_STATES, Assignment, AssignmentStatus, Feedback, Gig
from orders.selectors.gigs import gig_list_for_worker


def _filled_places() -> Coalesce:
    """How many workers hold a place on the gig (accepted, done or approved)."""
    counted = (
        Assignment.objects.filter(gig_id=OuterRef("pk"), status__in=ASSIGNMENT_FILLING_STATES)
        .order_by()
        .values("gig_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _with_details(qs: QuerySet[Gig]) -> QuerySet[Gig]:
    """Add what the worker's pages show: the client, who supports the worker, the unit's phone."""
    return qs.select_related("order__client", "order__employer_partner").annotate(
        support_person_first_name=F("mine__support_person__first_name"),
        unit_name=F("mine__unit__name"),
        unit_phone=F("mine__unit__phone"),
        filled_places=_filled_places(),
    )


def is_full_for_me(gig: Gig) -> bool:
    """The gig is offered to the worker, but its places are already taken by others."""
    return gig.assignment_status == AssignmentStatus.OFFERED and gig.filled_places >= gig.workers_needed


def can_report_today(gig: Gig, today: dt.date | None = None) -> bool:
    """An accepted gig can be marked done ("Tein työn") from the gig's day on."""
    return gig.assignment_status == AssignmentStatus.ACCEPTED and gig.date <= (today or timezone.localdate())


def worker_gig_get(
    *, worker, assignment_id: int, extend: Callable[[QuerySet[Gig]], QuerySet[Gig]] | None = None
) -> Gig:
    """The worker's own gig by their assignment's id, with its details; `Http404` for anyone else's.

    `extend` adds what an app above orders knows of the gig (the pages pass billing's pay), still
    on the worker's own gigs and in the same query."""
    gigs = _with_details(gig_list_for_worker(worker=worker))
    if extend is not None:
        gigs = extend(gigs)
    return get_object_or_404(gigs, assignment_id=assignment_id)


@dataclass
class MyGigs:
    offered: list[Gig]
    upcoming: list[Gig]  # accepted, from today on
    to_report: list[Gig]  # accepted, the day has passed, not yet marked done

    @property
    def is_empty(self) -> bool:
        return not (self.offered or self.upcoming or self.to_report)


def my_gigs_for_worker(*, worker) -> MyGigs:
    """The front screen: offers first, then the worker's accepted gigs (two queries)."""
    today = timezone.localdate()
    offered = list(
        _with_details(gig_list_for_worker(worker=worker, statuses=[AssignmentStatus.OFFERED], upcoming=True))
    )
    accepted = list(
        _with_details(gig_list_for_worker(worker=worker, statuses=[AssignmentStatus.ACCEPTED])).order_by(
            "date", "start_time", "pk"
        )
    )
    return MyGigs(
        offered=offered,
        upcoming=[gig for gig in accepted if gig.date >= today],
        to_report=[gig for gig in accepted if gig.date < today],
    )


def gig_history_for_worker(*, worker) -> QuerySet[Gig]:
    """The worker's CV of gigs: work they did (reported or approved), newest first."""
    return (
        gig_list_for_worker(worker=worker, statuses=[AssignmentStatus.DONE, AssignmentStatus.APPROVED])
        .select_related("order__client")
        .order_by("-date", "-start_time", "-pk")
    )


def feedback_list_for_worker(*, worker) -> QuerySet[Feedback]:
    """Feedback clients gave on the worker's own work, newest gig first."""
    return (
        Feedback.objects.filter(assignment__worker=worker)
        .select_related("assignment__gig__order__client", "assignment__gig__order__task_type")
        .order_by("-assignment__gig__date", "-created_at", "-pk")
    )
