"""Reads for the front page. Each panel lists what the user's role may see.

Every panel is built from a scoped selector with its related rows joined or prefetched, so the
number of queries does not grow with the number of rows. Items are evaluated lists: templates
never start a query of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from billing.pricing import with_worker_hourly_pay
from jobcenter.roles import Role, UserRoles, client_organisation_ids, staff_unit_ids, worker_profile
from orders.models import AssignmentStatus, OrderStatus
from orders.selectors import (
    assignment_list_for,
    gig_list_for_worker,
    needs_for_unit,
    order_list_for,
    order_status_counts_for,
)

NEWEST_ORDERS = 10
CLIENT_ORDERS = 20
UNIT_NEEDS = 20
UNIT_UPCOMING_ASSIGNMENTS = 30
WORKER_PAST_GIGS = 10
PAYMENT_RUNS = 10


@dataclass
class Panel:
    """One box on the front page. `key` picks its template: `home/panels/<key>.html`."""

    key: str
    role: str
    title: str
    items: list[Any] = field(default_factory=list)
    empty_text: str = ""
    link_url: str = ""
    link_text: str = ""

    @property
    def template_name(self) -> str:
        return f"home/panels/{self.key}.html"


def _url(name: str, *args, query: str = "") -> str:
    """A URL, or "" while the page does not exist yet (e.g. an admin page not registered)."""
    try:
        url = reverse(name, args=args)
    except NoReverseMatch:
        return ""
    return f"{url}?{query}" if query else url


def _coordinator_panels(user) -> list[Panel]:
    counts = order_status_counts_for(user=user)
    changelist = _url("coordinator:dashboard")
    count_items = [
        {
            "status": status,
            "label": OrderStatus(status).label,
            "count": count,
            "url": f"{changelist}?status={status}" if changelist and count else "",
        }
        for status, count in counts.items()
    ]
    newest = list(order_list_for(user=user)[:NEWEST_ORDERS])
    for order in newest:
        # The panel's template reads `admin_url`; it is the order's page on the coordinator's dashboard.
        order.admin_url = _url("coordinator:order", order.pk)
    return [
        Panel(
            key="order_counts",
            role=Role.COORDINATOR,
            title=_("Orders by state"),
            items=count_items if any(counts.values()) else [],
            empty_text=_("There are no orders yet. New requests from clients appear here."),
            link_url=changelist,
            link_text=_("All orders"),
        ),
        Panel(
            key="newest_orders",
            role=Role.COORDINATOR,
            title=_("Newest orders"),
            items=newest,
            empty_text=_("No orders have arrived yet."),
            link_url=changelist,
            link_text=_("All orders"),
        ),
    ]


def _unit_staff_panels(user) -> list[Panel]:
    unit_ids = staff_unit_ids(user)
    needs = list(needs_for_unit(user=user)[:UNIT_NEEDS])
    upcoming = list(
        assignment_list_for(
            user=user,
            statuses=[AssignmentStatus.PROPOSED, AssignmentStatus.OFFERED, AssignmentStatus.ACCEPTED],
            upcoming=True,
        ).filter(worker__home_unit_id__in=unit_ids)[:UNIT_UPCOMING_ASSIGNMENTS]
    )
    return [
        Panel(
            key="unit_needs",
            role=Role.UNIT_STAFF,
            title=_("Needs announced to my units"),
            items=needs,
            empty_text=_(
                "No order is looking for workers from your units right now. "
                "The coordinator lets you know when one does."
            ),
            link_url=_url("units:needs"),
            link_text=_("Propose workers for the needs"),
        ),
        Panel(
            key="unit_upcoming",
            role=Role.UNIT_STAFF,
            title=_("My units' workers with upcoming gigs"),
            items=upcoming,
            empty_text=_("None of your units' workers has an upcoming gig."),
            link_url=_url("units:workers"),
            link_text=_("All my units' workers"),
        ),
    ]


def _gigs_with_pay(**filters):
    """The worker's gigs with the pay of each gig's date from billing (in the same query)."""
    return with_worker_hourly_pay(gig_list_for_worker(**filters))


def _worker_panels(user) -> list[Panel]:
    worker = worker_profile(user)
    if worker is None:
        return []
    offered = list(_gigs_with_pay(worker=worker, statuses=[AssignmentStatus.OFFERED], upcoming=True))
    upcoming = list(_gigs_with_pay(worker=worker, statuses=[AssignmentStatus.ACCEPTED], upcoming=True))
    # The worker's own pages (workers.urls, the mobile view) hold the actions and the whole history.
    my_gigs_url = _url("workers:my-gigs")
    past = list(
        _gigs_with_pay(
            worker=worker,
            statuses=[AssignmentStatus.ACCEPTED, AssignmentStatus.DONE, AssignmentStatus.APPROVED],
            upcoming=False,
        )[:WORKER_PAST_GIGS]
    )
    return [
        Panel(
            key="worker_offered",
            role=Role.WORKER,
            title=_("Gigs offered to you"),
            items=offered,
            empty_text=_("No gig is offered to you now. Your instructor tells you when there is one."),
            link_url=my_gigs_url if offered else "",
            link_text=_("Answer the offer"),
        ),
        Panel(
            key="worker_upcoming",
            role=Role.WORKER,
            title=_("Your next gigs"),
            items=upcoming,
            empty_text=_("You have no gigs coming up."),
            link_url=my_gigs_url,
            link_text=_("Go to my gigs"),
        ),
        Panel(
            key="worker_past",
            role=Role.WORKER,
            title=_("Your past gigs"),
            items=past,
            empty_text=_("You have not done any gigs yet."),
            link_url=_url("workers:history") if past else "",
            link_text=_("Gigs you have done"),
        ),
    ]


def _client_panels(user) -> list[Panel]:
    org_ids = client_organisation_ids(user)
    orders = list(order_list_for(user=user).filter(client_id__in=org_ids)[:CLIENT_ORDERS])
    return [
        Panel(
            key="client_orders",
            role=Role.CLIENT_CONTACT,
            title=_("Your organisation's orders"),
            items=orders,
            empty_text=_("Your organisation has no orders yet."),
            link_url=reverse("billing:client-invoices"),
            link_text=_("Your organisation's invoices"),
        )
    ]


def _payer_panels(user) -> list[Panel]:
    """The paying role: the runs waiting for it (a draft to approve, an approved run whose bank
    status report has not come back yet), newest first."""
    from billing.models import PaymentRunStatus, PayoutStatus
    from billing.selectors_payments import payment_run_list_for

    waiting = list(
        payment_run_list_for(user=user)
        .filter(
            Q(status=PaymentRunStatus.DRAFT)
            | Q(status=PaymentRunStatus.APPROVED, payouts__status=PayoutStatus.IN_PAYMENT)
        )
        .distinct()[:PAYMENT_RUNS]
    )
    for run in waiting:
        run.url = _url("payment_runs:detail", run.pk)
    return [
        Panel(
            key="payment_runs",
            role=Role.PAYER,
            title=_("Payment runs waiting for you"),
            items=waiting,
            empty_text=_("No payment run is waiting for approval or for the bank's status report."),
            link_url=_url("payment_runs:list"),
            link_text=_("All payment runs"),
        )
    ]


def home_panels_for(*, user, roles: UserRoles) -> list[Panel]:
    """The front page's panels for each role the user has, most hands-on role first."""
    panels: list[Panel] = []
    if Role.WORKER in roles:
        panels += _worker_panels(user)
    if Role.UNIT_STAFF in roles:
        panels += _unit_staff_panels(user)
    if Role.COORDINATOR in roles or Role.ADMINISTRATOR in roles:
        panels += _coordinator_panels(user)
    if Role.PAYER in roles:
        panels += _payer_panels(user)
    if Role.CLIENT_CONTACT in roles:
        panels += _client_panels(user)
    return panels
