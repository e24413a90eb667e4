"""Reads of repeating gigs: a series with its dates and their staffing, and the plan of a change
from a date on (what `orders.services.series.series_change_from` will do), shown before saving.

A plan pairs the series' coming dates with the new rule's dates: the same date first, then a date in
the same week (a new weekday moves the gig, so the people on it are told); a coming date with no
new date is removed (its gig cancelled), a new date with no gig is added. A date already skipped
stays skipped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from orders.models import Assignment, Gig, GigSeries
from orders.selectors.orders import order_list_for
from orders.series_rule import Rule, rule_dates
from orders.states import AssignmentStatus


@dataclass(frozen=True)
class Timing:
    """The fields every date of a series shares."""

    start_time: dt.time
    planned_hours: Decimal
    workers_needed: int


@dataclass
class ChangePlan:
    changed: list[tuple[Gig, dt.date]] = field(default_factory=list)  # the gig and its new date
    unchanged: list[Gig] = field(default_factory=list)
    added: list[dt.date] = field(default_factory=list)
    removed: list[Gig] = field(default_factory=list)

    def told(self) -> list[tuple[Gig, list[str]]]:
        """The changed and removed dates that have people on them, and their names: they are told."""
        rows = []
        for gig in [gig for gig, _date in self.changed] + self.removed:
            names = [a.worker.display_name for a in _coming(gig)]
            if names:
                rows.append((gig, names))
        return rows

    @property
    def is_empty(self) -> bool:
        return not (self.changed or self.added or self.removed)


def _coming(gig: Gig) -> list[Assignment]:
    return [a for a in gig.assignments.all() if a.status in AssignmentStatus.coming_states]


def series_gigs(series: GigSeries) -> list[Gig]:
    """Every date of the series with its assignments and their workers (three queries)."""
    return list(
        series.gigs.order_by("date", "start_time").prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.select_related("worker__user", "worker__home_unit").order_by("pk"),
            )
        )
    )


def series_for_order(order) -> list[GigSeries]:
    """The order's repeating gigs, each with its dates (for a compact summary): two queries."""
    return list(order.gig_series.order_by("first_date", "pk").prefetch_related(Prefetch("gigs", Gig.objects.all())))


def plan_change(series: GigSeries, *, from_date: dt.date, rule: Rule, timing: Timing, gigs=None) -> ChangePlan:
    """What changing the series from `from_date` on to `rule` and `timing` does; `rule_dates` refuses
    a rule without dates or over the cap."""
    gigs = series_gigs(series) if gigs is None else gigs
    coming = [gig for gig in gigs if gig.date >= from_date]
    skipped = {gig.date for gig in coming if gig.is_cancelled}
    live = [gig for gig in coming if not gig.is_cancelled]
    new_dates = [day for day in rule_dates(rule) if day not in skipped]
    plan = ChangePlan()
    by_date = {gig.date: gig for gig in live}
    free_dates = []
    paired: dict[int, dt.date] = {}
    for day in new_dates:
        gig = by_date.pop(day, None)
        if gig is None:
            free_dates.append(day)
        else:
            paired[gig.pk] = day
    # The same week: a gig moved to the new weekday.
    for gig in sorted(by_date.values(), key=lambda g: g.date):
        week = gig.date.isocalendar()[:2]
        match = next((day for day in free_dates if day.isocalendar()[:2] == week), None)
        if match is not None:
            free_dates.remove(match)
            paired[gig.pk] = match
    for gig in live:
        if gig.pk not in paired:
            plan.removed.append(gig)
            continue
        day = paired[gig.pk]
        same = (
            day == gig.date
            and gig.start_time == timing.start_time
            and gig.planned_hours == timing.planned_hours
            and gig.workers_needed == timing.workers_needed
        )
        if same:
            plan.unchanged.append(gig)
        else:
            plan.changed.append((gig, day))
    plan.added = free_dates
    return plan


@dataclass
class SeriesRow:
    """One date of a series on its page: the gig and its people, counted (`mine`: a page's subset)."""

    gig: Gig
    filled: int
    people: list[Assignment]
    mine: list[Assignment] = field(default_factory=list)


def series_rows(series: GigSeries) -> list[SeriesRow]:
    rows = []
    for gig in series_gigs(series):
        people = [a for a in gig.assignments.all() if a.status in AssignmentStatus.active_states]
        filled = sum(1 for a in people if a.status in AssignmentStatus.filling_states)
        rows.append(SeriesRow(gig=gig, filled=filled, people=people))
    return rows


def reference_gig(gigs: list[Gig], *, today: dt.date) -> Gig | None:
    """The occurrence whose workers the coming ones may default to: the latest live date that has
    workers who took it (accepted, or did the work)."""
    staffed = [
        gig
        for gig in gigs
        if not gig.is_cancelled and any(a.status in AssignmentStatus.filling_states for a in gig.assignments.all())
    ]
    return max(staffed, key=lambda g: (g.date, g.start_time), default=None)


def coming_after(gigs: list[Gig], reference: Gig, *, today: dt.date) -> list[Gig]:
    """The live dates after the reference one, from today on."""
    return [
        gig
        for gig in gigs
        if not gig.is_cancelled
        and gig.date >= today
        and (gig.date, gig.start_time) > (reference.date, reference.start_time)
    ]


def series_get_for(*, user, pk: int) -> GigSeries:
    """A repeating gig of an order in the user's scope (with its order and client); `Http404` otherwise."""
    return get_object_or_404(
        GigSeries.objects.select_related("order", "order__client"),
        pk=pk,
        order__in=order_list_for(user=user).values("pk"),
    )


def order_series_get_for(*, order, pk: int) -> GigSeries:
    """A repeating gig of an order already in the user's scope (`unit_order_get_for`); `Http404` otherwise."""
    series = get_object_or_404(GigSeries, pk=pk, order=order)
    series.order = order
    return series
