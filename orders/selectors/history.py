"""An order's timeline: its own changes of state and its assignments', oldest first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from orders.models import (
    AssignmentStatus,
    AssignmentStatusChange,
    Order,
    OrderStatus,
)
from orders.selectors.gigs import assignment_list_for


@dataclass(frozen=True)
class HistoryEntry:
    """One line of an order's timeline: the order's or one assignment's change of state."""

    at: dt.datetime
    by: object  # a user, or None (the client through a link or the public form)
    from_status: str
    to_status: str
    note: str
    event: str = ""  # what happened, in the reader's language (the row's describe())
    worker_name: str = ""  # set for an assignment's change
    gig_date: dt.date | None = None
    on_behalf: bool = False

    @property
    def is_assignment(self) -> bool:
        return bool(self.worker_name)

    @property
    def from_label(self) -> str:
        return self._label(self.from_status)

    @property
    def to_label(self) -> str:
        return self._label(self.to_status)

    @property
    def same_state(self) -> bool:
        return self.from_status == self.to_status

    def _label(self, status: str) -> str:
        if not status:
            return ""
        choices = AssignmentStatus if self.is_assignment else OrderStatus
        return str(choices(status).label)


def order_history_for(*, user, order: Order, latest: int | None = None) -> list[HistoryEntry]:
    """The order's changes of state and its assignments' changes, oldest first (two queries).

    With `latest`, only the newest `latest` + 1 of them (the one more tells the page that some were left
    out): a busy order has hundreds, and rendering them all was most of its page's time.

    `order` must come from a scoped selector; the assignments are narrowed to the user's scope too.
    """
    # Only the columns shown: a busy order has hundreds of changes, each with four related rows.
    by_columns = ("by__first_name", "by__last_name", "by__email")
    entries = [
        HistoryEntry(
            at=c.at, by=c.by, from_status=c.from_status, to_status=c.to_status, note=c.note, event=c.describe()
        )
        for c in _newest(
            order.status_changes.select_related("by").only(
                "at", "from_status", "to_status", "kind", "params", "note", "order_id", *by_columns
            ),
            latest,
        )
    ]
    visible = assignment_list_for(user=user).filter(gig__order=order).values("pk")
    changes = (
        AssignmentStatusChange.objects.filter(assignment__in=visible)
        .select_related("by", "assignment__worker__user", "assignment__gig")
        .only(
            "at",
            "from_status",
            "to_status",
            "kind",
            "params",
            "note",
            "on_behalf",
            *by_columns,
            "assignment__worker__user__first_name",
            "assignment__worker__user__last_name",
            "assignment__worker__user__email",
            "assignment__gig__date",
        )
    )
    entries += [
        HistoryEntry(
            at=c.at,
            by=c.by,
            from_status=c.from_status,
            to_status=c.to_status,
            note=c.note,
            event=c.describe(),
            worker_name=c.assignment.worker.display_name,
            gig_date=c.assignment.gig.date,
            on_behalf=c.on_behalf,
        )
        for c in _newest(changes, latest)
    ]
    entries.sort(key=lambda e: e.at)
    return entries if latest is None else entries[-(latest + 1) :]


def _newest(changes, latest: int | None):
    """All the changes, or the newest `latest` + 1 (the newest of the union are among each one's newest)."""
    return changes if latest is None else changes.order_by("-at", "-pk")[: latest + 1]
