"""Reads for the worker's mobile view (`/me/`), always scoped to one worker.

Every function takes the worker (from `jobcenter.roles.worker_profile(request.user)`), never an id
from the URL alone: another worker's gig is a 404. Lists are built from
`orders.selectors.gig_list_for_worker`, so each gig carries the worker's own assignment fields and
`worker_hourly_pay` from the price list in force on the gig's date. Related rows are joined, so the
number of queries does not grow with the number of gigs. Nothing here reads the worker's support
needs or any benefit figure (special-category data; see TRUST.md, AUTH-5).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from jobcenter.money import round_cents
from orders.models import ASSIGNMENT_FILLING_STATES, Assignment, AssignmentStatus, Feedback, Gig
from orders.selectors import gig_list_for_worker


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
    return qs.select_related("order__client").annotate(
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


def worker_gig_get(*, worker, assignment_id: int) -> Gig:
    """The worker's own gig by their assignment's id, with its details; `Http404` for anyone else's."""
    return get_object_or_404(_with_details(gig_list_for_worker(worker=worker)), assignment_id=assignment_id)


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


def _pay(hours, rate) -> Decimal | None:
    if hours is None or rate is None:
        return None
    return round_cents(Decimal(hours) * Decimal(rate))


@dataclass
class MonthEarnings:
    month: dt.date  # the first day of the month
    gigs: list[Gig] = field(default_factory=list)
    hours: Decimal = Decimal("0")
    money: Decimal = Decimal("0.00")
    price_missing: bool = False


@dataclass
class Earnings:
    months: list[MonthEarnings]  # approved work, newest month first
    waiting: list[Gig]  # reported done, not yet approved
    waiting_hours: Decimal
    waiting_money: Decimal
    waiting_price_missing: bool

    @property
    def is_empty(self) -> bool:
        return not (self.months or self.waiting)


def earnings_for_worker(*, worker) -> Earnings:
    """What the worker has earned (before tax), in two queries.

    Approved work is summed by month of the gig's date, at the worker's hourly pay in force on that
    date; each gig's pay is rounded half up to cents, then summed (as a payslip line would be).
    Work reported but not yet approved is listed apart, with the reported hours.
    Each gig gets `pay` (a Decimal, or None when no price was in force on its date).
    """
    approved = gig_list_for_worker(worker=worker, statuses=[AssignmentStatus.APPROVED]).order_by(
        "-date", "-start_time", "-pk"
    )
    months: dict[tuple[int, int], MonthEarnings] = {}
    for gig in approved:
        gig.pay = _pay(gig.approved_hours, gig.worker_hourly_pay)
        month = months.setdefault((gig.date.year, gig.date.month), MonthEarnings(month=gig.date.replace(day=1)))
        month.gigs.append(gig)
        month.hours += gig.approved_hours or Decimal("0")
        if gig.pay is None:
            month.price_missing = True
        else:
            month.money += gig.pay
    waiting = list(
        gig_list_for_worker(worker=worker, statuses=[AssignmentStatus.DONE]).order_by("-date", "-start_time", "-pk")
    )
    waiting_hours, waiting_money, waiting_price_missing = Decimal("0"), Decimal("0.00"), False
    for gig in waiting:
        gig.pay = _pay(gig.reported_hours, gig.worker_hourly_pay)
        waiting_hours += gig.reported_hours or Decimal("0")
        if gig.pay is None:
            waiting_price_missing = True
        else:
            waiting_money += gig.pay
    return Earnings(
        months=list(months.values()),
        waiting=waiting,
        waiting_hours=waiting_hours,
        waiting_money=waiting_money,
        waiting_price_missing=waiting_price_missing,
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
