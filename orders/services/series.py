"""Repeating gigs (a gig series): made from an order, changed from a date on, one date skipped, and
the coming dates staffed with the workers of the last one. Each date is an ordinary gig, so every
write goes through the gig services (`gig_create`, `gig_change`, `gig_cancel`) and the assignment
services (`assignment_propose`, `assignment_offer`) with their guards, their history and the
emails to the people concerned. Changing and skipping dates are the coordinator's or an informed
unit's: the series checks that itself, then changes its own dates past the coordinator-only role
guard of `gig_change` and `gig_cancel` (their other rules all apply). The worker still accepts each
date herself: nothing here accepts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from jobcenter.errors import DomainError
from orders import permissions
from orders.hours import parse_planned_hours
from orders.models import Assignment, GigSeries, OrderEvent
from orders.selectors.series import Timing, coming_after, plan_change, reference_gig, series_gigs
from orders.series_rule import Rule, rule_dates, stored_weekdays
from orders.services.assignments import assignment_offer, assignment_propose
from orders.services.common import _lock_order, _order_event, _require, _require_reason
from orders.services.gig_changes import REASON_MAX_LENGTH, _gig_cancel_unguarded, _gig_change_unguarded
from orders.services.staffing import gig_create
from orders.states import AssignmentStatus


def _lock_series(series_id: int) -> GigSeries:
    """Lock the series' order (the lock every gig service takes first), then read the series."""
    order_id = GigSeries.objects.filter(pk=series_id).values_list("order_id", flat=True).first()
    if order_id is None:
        raise DomainError(_("The repeating gig no longer exists."))
    order = _lock_order(order_id)
    series = GigSeries.objects.get(pk=series_id)
    series.order = order
    return series


def _require_may_change(by, series: GigSeries) -> None:
    """The series' own guard. The dates' gigs are then changed and cancelled past the gig services'
    coordinator-only guard: a unit's staff may change only the dates of this series, not any gig."""
    _require(
        permissions.can_change_series(by, series.order),
        _("Only the coordinator or the staff of a unit informed of this order can change its repeating gig."),
    )


def _check_workers(workers_needed) -> int:
    workers_needed = int(workers_needed)
    if not 1 <= workers_needed <= 50:
        raise DomainError(_("A gig needs from 1 to 50 workers."))
    return workers_needed


@transaction.atomic
def series_create(
    *,
    order_id: int,
    by,
    first_date: dt.date,
    interval_weeks: int,
    weekdays,
    start_time: dt.time,
    planned_hours,
    workers_needed: int = 1,
    until_date: dt.date | None = None,
    count: int | None = None,
    notes: str = "",
) -> GigSeries:
    """A repeating gig on an order: every date of the rule becomes a gig (`gig_create`: the order's
    rules for adding a gig apply to each), with its own staffing. The coordinator, or staff of a
    unit informed of the order."""
    order = _lock_order(order_id)
    _require(permissions.can_enter_gigs(by, order))
    if first_date < timezone.localdate():
        raise DomainError(_("The first date is in the past."))
    rule = Rule(
        start=first_date, interval_weeks=int(interval_weeks), weekdays=tuple(weekdays), until=until_date, count=count
    )
    dates = rule_dates(rule)
    series = GigSeries(
        order=order,
        interval_weeks=rule.interval_weeks,
        weekdays=stored_weekdays(rule.weekdays),
        first_date=first_date,
        rule_from=first_date,
        until_date=until_date,
        count=count,
        start_time=start_time,
        planned_hours=parse_planned_hours(planned_hours),
        workers_needed=_check_workers(workers_needed),
        notes=(notes or "").strip(),
        created_by=by,
    )
    series.full_clean()
    series.save()
    for day in dates:
        _add_date(series, day, by=by)
    _order_event(
        order,
        by=by,
        kind=OrderEvent.SERIES_CREATED,
        params={"count": len(dates), "first": dates[0].isoformat(), "last": dates[-1].isoformat()},
    )
    return series


def _add_date(series: GigSeries, day: dt.date, *, by) -> None:
    gig = gig_create(
        order_id=series.order_id,
        by=by,
        date=day,
        start_time=series.start_time,
        planned_hours=series.planned_hours,
        workers_needed=series.workers_needed,
        notes=series.notes,
    )
    gig.series = series
    gig.save(update_fields=["series", "updated_at"])


@transaction.atomic
def series_change_from(
    *,
    series_id: int,
    by,
    from_date: dt.date,
    interval_weeks: int,
    weekdays,
    start_time: dt.time,
    planned_hours,
    workers_needed: int,
    until_date: dt.date | None = None,
    count: int | None = None,
    reason: str = "",
) -> GigSeries:
    """Change every date of the series on and after `from_date` to a new rule and timing; the
    dates before stay as they were. A date that moves or changes time goes through `gig_change`
    (its people are told), a date that no longer falls on the rule through `gig_cancel` with the
    `reason`, a new date through `gig_create`. `count` is the number of times from `from_date` on.
    The coordinator, or staff of a unit informed of the order; the history names who did it."""
    series = _lock_series(series_id)
    _require_may_change(by, series)
    if from_date < timezone.localdate():
        raise DomainError(_("Choose a date from today on. The dates that have gone by stay as they were."))
    rule = Rule(
        start=from_date, interval_weeks=int(interval_weeks), weekdays=tuple(weekdays), until=until_date, count=count
    )
    timing = Timing(
        start_time=start_time,
        planned_hours=parse_planned_hours(planned_hours),
        workers_needed=_check_workers(workers_needed),
    )
    plan = plan_change(series, from_date=from_date, rule=rule, timing=timing)
    if plan.removed:
        reason = _require_reason(reason, _("Some dates are removed. Write why, for the people on them."))
        if len(reason) > REASON_MAX_LENGTH:
            raise DomainError(_("Write the reason in at most %(count)s characters.") % {"count": REASON_MAX_LENGTH})
    for gig in plan.removed:
        _gig_cancel_unguarded(gig_id=gig.pk, by=by, reason=reason)
    series.interval_weeks = rule.interval_weeks
    series.weekdays = stored_weekdays(rule.weekdays)
    series.rule_from = from_date
    series.until_date, series.count = until_date, count
    series.start_time, series.planned_hours, series.workers_needed = (
        timing.start_time,
        timing.planned_hours,
        timing.workers_needed,
    )
    series.full_clean()
    series.save()
    for gig, day in plan.changed:
        _gig_change_unguarded(
            gig_id=gig.pk,
            by=by,
            date=day,
            start_time=timing.start_time,
            planned_hours=timing.planned_hours,
            workers_needed=timing.workers_needed,
        )
    for day in plan.added:
        _add_date(series, day, by=by)
    _order_event(
        series.order,
        by=by,
        kind=OrderEvent.SERIES_CHANGED,
        params={
            "date": from_date.isoformat(),
            "changed": len(plan.changed),
            "added": len(plan.added),
            "removed": len(plan.removed),
        },
        note=reason if plan.removed else "",
    )
    return series


@transaction.atomic
def series_skip(*, series_id: int, by, date: dt.date, reason: str):
    """Skip one date of the series: its gig is cancelled (`gig_cancel`: its people are told, the
    history says why and who). The date stays skipped when the series is changed later. The
    coordinator, or staff of a unit informed of the order."""
    series = _lock_series(series_id)
    _require_may_change(by, series)
    gig = series.gigs.live().filter(date=date).order_by("start_time").first()
    if gig is None:
        raise DomainError(
            _("The repeating gig has no date on %(date)s.") % {"date": date_format(date, "SHORT_DATE_FORMAT")}
        )
    return _gig_cancel_unguarded(gig_id=gig.pk, by=by, reason=reason)


@dataclass
class StaffingResult:
    """What defaulting the coming dates to the last date's workers did: each (gig, worker name) done,
    and each refused with the guard's words."""

    done: list[tuple] = field(default_factory=list)
    refused: list[tuple] = field(default_factory=list)


def _same_workers(series: GigSeries):
    gigs = series_gigs(series)
    today = timezone.localdate()
    reference = reference_gig(gigs, today=today)
    if reference is None:
        raise DomainError(_("No date of this repeating gig has workers yet. Staff one date first."))
    workers = [a for a in reference.assignments.all() if a.status in AssignmentStatus.filling_states]
    return reference, workers, coming_after(gigs, reference, today=today)


def _each(result: StaffingResult, gig, name: str, action) -> None:
    """One step in a savepoint of its own: a refusal (insurance, benefits, a full gig) is reported and
    the other dates go on."""
    try:
        with transaction.atomic():
            if action():
                result.done.append((gig, name))
    except DomainError as err:
        result.refused.append((gig, name, err.message))


@transaction.atomic
def series_propose_same_workers(*, series_id: int, by, commission_explained: bool = False) -> StaffingResult:
    """Unit staff propose, for every coming date, the workers of their units who took the last
    staffed date, with the same support (`assignment_propose` and its guards). `commission_explained`:
    as on one proposal, the staff member explained commission work to each of them again."""
    series = _lock_series(series_id)
    _require(permissions.can_enter_gigs(by, series.order))
    reference, workers, coming = _same_workers(series)
    result = StaffingResult()
    mine = [a for a in workers if permissions.can_propose_worker(by, a.worker)]
    if not mine:
        raise DomainError(_("None of the workers of the last date are from your unit."))
    for gig in coming:
        taken = {a.worker_id for a in gig.assignments.all()}
        for previous in mine:
            if previous.worker_id in taken:
                continue

            def propose(gig=gig, previous=previous):
                assignment_propose(
                    gig_id=gig.pk,
                    worker_id=previous.worker_id,
                    by=by,
                    support=previous.support,
                    support_person_id=previous.support_person_id,
                    skills_checked=previous.skills_checked,
                    commission_explained=commission_explained,
                )
                return True

            _each(result, gig, previous.worker.display_name, propose)
    return result


@transaction.atomic
def series_offer_same_workers(*, series_id: int, by) -> StaffingResult:
    """The coordinator offers every coming date to the workers who took the last staffed date, where
    their unit has proposed them (`assignment_offer`: insurance and the benefit check apply). Each
    worker still accepts or declines each date."""
    _require(permissions.can_coordinate(by))
    series = _lock_series(series_id)
    _reference, workers, coming = _same_workers(series)
    worker_ids = {a.worker_id for a in workers}
    names = {a.worker_id: a.worker.display_name for a in workers}
    result = StaffingResult()
    proposals = Assignment.objects.filter(
        gig__in=coming, worker_id__in=worker_ids, status=AssignmentStatus.PROPOSED
    ).values_list("pk", "gig_id", "worker_id")
    by_gig = {gig.pk: gig for gig in coming}
    proposed = {(gig_id, worker_id) for _pk, gig_id, worker_id in proposals}
    for assignment_id, gig_id, worker_id in proposals:
        _each(
            result,
            by_gig[gig_id],
            names[worker_id],
            lambda assignment_id=assignment_id: assignment_offer(assignment_id=assignment_id, by=by) is not None,
        )
    for gig in coming:
        taken = {a.worker_id for a in gig.assignments.all()}
        for worker_id in sorted(worker_ids - taken):
            if (gig.pk, worker_id) not in proposed:
                result.refused.append((gig, names[worker_id], _("Not proposed by the unit yet.")))
    result.done.sort(key=lambda row: row[0].date)
    result.refused.sort(key=lambda row: row[0].date)
    return result
