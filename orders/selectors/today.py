"""Reads for the coordinator's "Today" page: what in the orders waits for someone, most urgent first.

Each list is one query however many rows match (related rows joined, counts as subqueries), and
`today_order_counts` counts all four in three queries, for the page's headings and the menu. Only
coordinators and administrators get rows; anyone else gets none (the page's gate refused them
already).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from orders.models import ASSIGNMENT_FILLING_STATES, Assignment, AssignmentStatus, Gig, Order, OrderStatus
from orders.selectors.gigs import _sees_everything

# A gig this many days ahead (today counted as day 0) still without its workers is urgent.
STAFFING_HORIZON_DAYS = 3


def _filled_places() -> Coalesce:
    counted = (
        Assignment.objects.filter(gig=OuterRef("pk"), status__in=ASSIGNMENT_FILLING_STATES)
        .order_by()
        .values("gig")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _short_staffed(user, today: dt.date) -> QuerySet[Gig]:
    if not _sees_everything(user):
        return Gig.objects.none()
    return (
        Gig.objects.live()
        .filter(
            date__gte=today,
            date__lte=today + dt.timedelta(days=STAFFING_HORIZON_DAYS),
            order__status__in=OrderStatus.gig_editable_states,
        )
        .annotate(filled_places=_filled_places())
        .filter(filled_places__lt=F("workers_needed"))
    )


def gigs_short_staffed_for(*, user, today: dt.date) -> QuerySet[Gig]:
    """Gigs from today to `STAFFING_HORIZON_DAYS` ahead with fewer workers who said yes than needed,
    soonest first; each with its order and client, and `filled_places`."""
    return _short_staffed(user, today).select_related("order", "order__client").order_by("date", "start_time", "pk")


def _to_approve(user) -> QuerySet[Assignment]:
    if not _sees_everything(user):
        return Assignment.objects.none()
    return Assignment.objects.filter(status=AssignmentStatus.DONE)


def assignments_to_approve_for(*, user) -> QuerySet[Assignment]:
    """Work reported done and waiting for approval, oldest gig first, with gig, order and worker.
    The worker's support needs are never read here."""
    return (
        _to_approve(user)
        .select_related("gig", "gig__order", "gig__order__client", "worker", "worker__user")
        .defer("worker__support_needs")
        # The date through an expression: given a plain column, PostgreSQL walks every gig by date
        # looking for the few reported ones (they are the newest), 150 ms at city scale; this way
        # it takes the reported ones by their status first and sorts those.
        .order_by(Coalesce("gig__date", "gig__date"), "gig__start_time", "pk")
    )


def _orders(user) -> QuerySet[Order]:
    return Order.objects.all() if _sees_everything(user) else Order.objects.none()


def orders_terms_unanswered_for(*, user, sent_before: dt.datetime) -> QuerySet[Order]:
    """Orders whose terms were sent before `sent_before` and not accepted yet, longest waiting first."""
    return (
        _orders(user)
        .filter(status=OrderStatus.TERMS_SENT, terms_sent_at__lt=sent_before)
        .select_related("client", "contact")
        .order_by("terms_sent_at", "pk")
    )


def orders_new_for(*, user) -> QuerySet[Order]:
    """Requests submitted and not handled yet (no terms sent, not rejected), oldest first."""
    return (
        _orders(user)
        .filter(status=OrderStatus.SUBMITTED)
        .select_related("client", "contact", "task_type")
        .order_by("submitted_at", "created_at", "pk")
    )


def today_order_counts(*, user, today: dt.date, sent_before: dt.datetime) -> dict[str, int]:
    """How many rows each of the lists above has: `short_staffed`, `to_approve`, `terms_unanswered`
    and `new` (three queries)."""
    # Only the two states' rows are read (the status index), not every order the city ever had.
    orders = (
        _orders(user)
        .filter(status__in=[OrderStatus.TERMS_SENT, OrderStatus.SUBMITTED])
        .aggregate(
            terms_unanswered=Count("pk", filter=Q(status=OrderStatus.TERMS_SENT, terms_sent_at__lt=sent_before)),
            new=Count("pk", filter=Q(status=OrderStatus.SUBMITTED)),
        )
    )
    return {
        "short_staffed": _short_staffed(user, today).order_by().count(),
        "to_approve": _to_approve(user).order_by().count(),
        "terms_unanswered": orders["terms_unanswered"] or 0,
        "new": orders["new"] or 0,
    }
