"""The day sheet of a unit that works on paper: who goes where on a day, with the phone numbers and
the support arranged (the unit's week page and the printable day sheet, web/unit/day_sheet.py).

Narrowed to the units in which the user is active staff: another unit is a 404. The rows come in
one query whatever the number of days, workers and gigs. A worker's support needs (special-category
data) are never read here, only the support mode of the gig (who comes along).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.http import Http404

from jobcenter.roles import staff_unit_ids
from orders.models import Assignment, AssignmentStatus
from orders.selectors.gigs import assignment_list_for
from units.models import Unit

# The worker said yes (and may have done the work already), or said yes and then could not come:
# the latter stay on the sheet, marked, so the unit knows the place is open.
SHEET_STATES = frozenset({*AssignmentStatus.filling_states, AssignmentStatus.CANT_COME})


@dataclass
class SheetDay:
    date: dt.date
    assignments: list[Assignment] = field(default_factory=list)


def day_sheet_unit_for(*, user, unit_id: int | None = None) -> Unit:
    """One of the user's staff units (the first by name when `unit_id` is None); `Http404` otherwise."""
    units = Unit.objects.filter(pk__in=staff_unit_ids(user)).order_by("name")
    unit = units.first() if unit_id is None else units.filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    return unit


def day_sheet_for(*, user, unit: Unit, first: dt.date, last: dt.date) -> list[SheetDay]:
    """Every day from `first` to `last` with the gigs of the unit's workers on it, by time (one query).

    Each assignment has its gig, order, client, contact (`gig.order.contact.phone`), task type,
    worker with her user (`worker.user.phone`), the staff member along (`support_person`, with
    `.phone`), the support's label (`get_support_display()`) and `cant_come`. Cancelled gigs are left out.
    """
    if unit.pk not in staff_unit_ids(user):
        raise Http404
    assignments = (
        assignment_list_for(user=user, statuses=SHEET_STATES)
        .filter(worker__home_unit_id=unit.pk, gig__date__gte=first, gig__date__lte=last)
        .filter(gig__cancelled_at__isnull=True)
        .select_related("gig__order__contact", "support_person")
        .order_by("gig__date", "gig__start_time", "worker__user__last_name", "worker__user__first_name", "pk")
    )
    dates = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    days = {date: SheetDay(date) for date in dates}
    for assignment in assignments:
        assignment.cant_come = assignment.status == AssignmentStatus.CANT_COME
        days[assignment.gig.date].assignments.append(assignment)
    return list(days.values())


def sheet_worker_ids(days: list[SheetDay]) -> list[int]:
    """The workers on the sheet, each once (for the access log of a printed sheet)."""
    return sorted({assignment.worker_id for day in days for assignment in day.assignments})
