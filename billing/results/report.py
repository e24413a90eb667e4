"""The results report: what the Jobcenter's work came to in a period, per service and per unit.

Every figure is aggregated in the database (a fixed number of queries however many gigs there
are), then passed through `billing.results.suppression` before anyone sees it, so the page, the
exports and the figures API can only show what is safe to show.

What counts: work done in the period by the gig's date, reported done or approved (an approved
assignment counts its approved hours, one reported done its reported hours); earnings are the
payout lines of that work in payouts the bank has paid (a rejected or unsent payment is not paid).
Groups are the proposing unit of the assignment and that unit's service.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Sum, Window
from django.db.models.functions import Coalesce, RowNumber

from billing.models import PayoutLine, PayoutStatus
from billing.results import suppression
from billing.results.figures import (
    Cancellations,
    FirstAndRepeat,
    GroupFigures,
    Rating,
    ResultsFilter,
    ResultsReport,
    UnitShare,
)
from orders.models import Assignment, AssignmentStatus, AttendanceKind, AttendanceNote, Feedback, Gig, TaskType
from orders.states import in_declared_order
from units.models import ServiceKind, Unit, UnitClientCount

DONE = in_declared_order(AssignmentStatus.work_done_states)
HOURS = Coalesce("approved_hours", "reported_hours")
MAX_QUOTES = 20
ZERO = Decimal("0.00")

FIGURES = {
    "people": Count("worker", distinct=True),
    "hours": Sum(HOURS),
    "gigs": Count("gig", distinct=True),
    "clients": Count("gig__order__client", distinct=True),
}


def _work(f: ResultsFilter) -> QuerySet:
    """The assignments whose work the report counts."""
    qs = Assignment.objects.filter(status__in=DONE, gig__date__gte=f.start, gig__date__lte=f.end)
    if f.service_id:
        qs = qs.filter(unit__service_id=f.service_id)
    if f.unit_id:
        qs = qs.filter(unit_id=f.unit_id)
    return qs


class _Paid:
    """Euros paid for the work, by unit and task type, from one query: euros add up, so the total,
    the services', the units' and the task types' sums all come from this grid (four queries of
    their own took 0.8 s for a year of the city; distinct people do not add up and are counted per
    group in the database)."""

    def __init__(self, work: QuerySet):
        lines = PayoutLine.objects.filter(
            assignment__in=work.values("pk"), released=False, payout__status=PayoutStatus.PAID
        )
        rows = (
            lines.values("assignment__unit_id", "assignment__gig__order__task_type_id")
            .annotate(total=Sum("amount"))
            .order_by()
        )
        self.grid = {
            (row["assignment__unit_id"], row["assignment__gig__order__task_type_id"]): row["total"] for row in rows
        }

    def total(self) -> Decimal:
        return sum(self.grid.values(), ZERO)

    def _summed(self, axis: int) -> dict[int, Decimal]:
        sums: dict[int, Decimal] = {}
        for key, amount in self.grid.items():
            sums[key[axis]] = sums.get(key[axis], ZERO) + amount
        return sums

    def by_unit(self) -> dict[int, Decimal]:
        return self._summed(0)

    def by_task_type(self) -> dict[int, Decimal]:
        return self._summed(1)


def _figures(key: str, label: str, row: dict, earnings) -> GroupFigures:
    return GroupFigures(
        key=key,
        label=label,
        people=row["people"],
        hours=Decimal(row["hours"] or 0).quantize(ZERO, ROUND_HALF_UP),
        earnings=Decimal(earnings or 0).quantize(ZERO, ROUND_HALF_UP),
        gigs=row["gigs"],
        clients=row["clients"],
    )


def _total(work: QuerySet, paid: _Paid) -> GroupFigures:
    row = work.aggregate(**FIGURES)
    return suppression.suppress_group(_figures("total", "", row, paid.total()))


def _by_service_and_unit(
    work: QuerySet, total: GroupFigures, paid: _Paid
) -> tuple[list[GroupFigures], list[GroupFigures]]:
    unit_paid = paid.by_unit()
    unit_rows = work.values("unit_id", "unit__name", "unit__service__kind").annotate(**FIGURES).order_by("unit__name")
    service_of = {str(r["unit_id"]): r["unit__service__kind"] for r in unit_rows}
    units = [_figures(str(r["unit_id"]), r["unit__name"], r, unit_paid.get(r["unit_id"])) for r in unit_rows]
    service_paid: dict[str, Decimal] = {}
    for r in unit_rows:
        kind = r["unit__service__kind"]
        service_paid[kind] = service_paid.get(kind, ZERO) + unit_paid.get(r["unit_id"], ZERO)
    service_rows = work.values("unit__service__kind").annotate(**FIGURES).order_by("unit__service__kind")
    services = [
        _figures(kind, str(ServiceKind(kind).label), r, service_paid.get(kind))
        for r in service_rows
        for kind in [r["unit__service__kind"]]
    ]
    return suppression.suppress_nested(units, services, lambda g: service_of[g.key], total_shown=not total.suppressed)


def _task_types(work: QuerySet, total: GroupFigures, paid: _Paid) -> list[GroupFigures]:
    task_type_paid = paid.by_task_type()
    rows = list(work.values("gig__order__task_type_id").annotate(**FIGURES).order_by())
    names = {t.pk: t.name for t in TaskType.objects.filter(pk__in=[r["gig__order__task_type_id"] for r in rows])}
    groups = [
        _figures(
            str(r["gig__order__task_type_id"]),
            names.get(r["gig__order__task_type_id"], ""),
            r,
            task_type_paid.get(r["gig__order__task_type_id"]),
        )
        for r in rows
    ]
    groups.sort(key=lambda g: (-(g.gigs or 0), g.label))
    return suppression.suppress_breakdown(groups, parent_shown=not total.suppressed)


def _first_and_repeat(work: QuerySet, f: ResultsFilter) -> FirstAndRepeat:
    """A worker's first gig ever (done or approved) falls in the period, or it is a repeat."""
    # A worker's first gig is in the period only if she has none before it, and then it is the
    # first of her gigs in the period: so only the period's gigs of workers new in it are numbered,
    # in one window pass. (Numbering every worker's whole history took 0.4 s for a city year; a
    # subquery per assignment, 12 s.)
    before = Assignment.objects.filter(worker=OuterRef("worker"), status__in=DONE, gig__date__lt=f.start)
    firsts = (
        Assignment.objects.filter(
            status__in=DONE, gig__date__gte=f.start, gig__date__lte=f.end, worker__in=work.values("worker")
        )
        .exclude(Exists(before))
        .annotate(
            n=Window(
                RowNumber(),
                partition_by=[F("worker")],
                order_by=[F("gig__date").asc(), F("gig__start_time").asc(), F("pk").asc()],
            )
        )
        .filter(n=1)
        .values("pk")
    )
    row = work.aggregate(all=Count("pk"), first=Count("pk", filter=Q(pk__in=firsts)))
    # The first gigs are a count of people (each has one); the repeats are all minus them.
    if suppression.is_small(row["first"]) or suppression.is_small(row["all"] - row["first"]):
        return FirstAndRepeat(first_gigs=None, repeat_gigs=None, suppressed=True)
    return FirstAndRepeat(first_gigs=row["first"], repeat_gigs=row["all"] - row["first"])


def _cancellations(f: ResultsFilter) -> Cancellations:
    notes = AttendanceNote.objects.filter(assignment__gig__date__gte=f.start, assignment__gig__date__lte=f.end)
    gigs = Gig.objects.filter(date__gte=f.start, date__lte=f.end, cancelled_by_client=True)
    if f.service_id:
        notes = notes.filter(assignment__unit__service_id=f.service_id)
        gigs = gigs.filter(assignments__unit__service_id=f.service_id)
    if f.unit_id:
        notes = notes.filter(assignment__unit_id=f.unit_id)
        gigs = gigs.filter(assignments__unit_id=f.unit_id)
    n = notes.aggregate(
        late=Count("pk", filter=Q(kind=AttendanceKind.LATE_CANCELLATION)),
        no_show=Count("pk", filter=Q(kind=AttendanceKind.NO_SHOW)),
    )
    g = gigs.aggregate(all=Count("pk", distinct=True), late=Count("pk", distinct=True, filter=Q(cancelled_late=True)))
    return Cancellations(
        late_cancellations=n["late"],
        no_shows=n["no_show"],
        client_cancellations=g["all"],
        client_late_cancellations=g["late"],
    )


def _rating(work: QuerySet) -> Rating:
    row = Feedback.objects.filter(assignment__in=work.values("pk")).aggregate(avg=Avg("rating"), count=Count("pk"))
    if suppression.is_small(row["count"]):
        return Rating(average=None, count=row["count"])
    return Rating(average=Decimal(row["avg"]).quantize(Decimal("0.1"), ROUND_HALF_UP), count=row["count"])


def _quotes(work: QuerySet) -> list[str]:
    """The words of clients who allowed quoting; no names, no dates: only the words."""
    qs = Feedback.objects.filter(assignment__in=work.values("pk"), may_quote=True).exclude(text="")
    return list(qs.order_by("-created_at").values_list("text", flat=True)[:MAX_QUOTES])


def _unit_shares(f: ResultsFilter) -> list[UnitShare]:
    """Each client count the unit entered for a period inside the report's period, against the
    unit's own workers (home unit) who did paid work in that period."""
    people = (
        Assignment.objects.filter(
            status__in=DONE,
            worker__home_unit=OuterRef("unit"),
            gig__date__gte=OuterRef("period_start"),
            gig__date__lte=OuterRef("period_end"),
        )
        .values("worker__home_unit")
        .annotate(n=Count("worker", distinct=True))
        .values("n")
    )
    counts = UnitClientCount.objects.filter(period_start__gte=f.start, period_end__lte=f.end)
    if f.service_id:
        counts = counts.filter(unit__service_id=f.service_id)
    if f.unit_id:
        counts = counts.filter(unit_id=f.unit_id)
    counts = counts.annotate(people=Coalesce(Subquery(people), 0), unit_name=F("unit__name")).order_by(
        "unit__name", "period_start"
    )
    shares = []
    for c in counts:
        if suppression.is_small(c.people):
            shares.append(UnitShare(c.unit_id, c.unit_name, c.period_start, c.period_end, c.clients, None, None, True))
            continue
        share = (Decimal(c.people) * 100 / c.clients).quantize(Decimal("0.1"), ROUND_HALF_UP) if c.clients else None
        shares.append(UnitShare(c.unit_id, c.unit_name, c.period_start, c.period_end, c.clients, c.people, share))
    return shares


def results_report(f: ResultsFilter) -> ResultsReport:
    """The whole report, suppressed, in a fixed number of queries."""
    work = _work(f)
    paid = _Paid(work)
    total = _total(work, paid)
    services, units = _by_service_and_unit(work, total, paid)
    return ResultsReport(
        filter=f,
        total=total,
        by_service=services,
        by_unit=units,
        task_types=_task_types(work, total, paid),
        first_and_repeat=_first_and_repeat(work, f),
        cancellations=_cancellations(f),
        rating=_rating(work),
        quotes=_quotes(work),
        unit_shares=_unit_shares(f),
    )


def unit_choices() -> QuerySet:
    return Unit.objects.select_related("service").order_by("name")
