"""The coordinator's "Today" page put together: six sections of what waits, most urgent first, each
from its own app's selector (orders, billing, the outbox), and the total for the menu.

Every section has a count (for its heading and the menu) and at most `ROWS` rows; a section with
more links to its full list. The menu's total is cached for `MENU_TTL` seconds: a count a minute old
in a menu misleads nobody, the page itself always counts afresh (and refreshes the cached total).
When the cache cannot be reached (Redis down) the total is counted every time.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from billing.incomes_register.selectors import reports_due_soon
from billing.selectors_today import einvoices_failed_for, payment_runs_due_for
from jobcenter.outbox_today import emails_failed_for
from orders.selectors.today import (
    STAFFING_HORIZON_DAYS,
    assignments_to_approve_for,
    gigs_short_staffed_for,
    orders_new_for,
    orders_terms_unanswered_for,
    today_order_counts,
)
from web.coordinator.forms import ApproveForm

logger = logging.getLogger(__name__)

ROWS = 10
MENU_TTL = 60
MENU_CACHE_KEY = "coordinator-today-total:v1"


def unanswered_days() -> int:
    return int(getattr(settings, "JOBCENTER_TERMS_UNANSWERED_DAYS", 7))


def _sent_before(now: dt.datetime) -> dt.datetime:
    return now - dt.timedelta(days=unanswered_days())


@dataclass
class Section:
    """One section of the page. `key` names its template: `coordinator/today/_<key>.html`."""

    key: str
    title: str
    count: int
    rows: list[Any] = field(default_factory=list)
    empty_text: str = ""
    full_url: str = ""
    full_label: str = ""

    @property
    def template_name(self) -> str:
        return f"coordinator/today/_{self.key}.html"

    @property
    def more(self) -> bool:
        """Rows are left out: the section links to its full list as "show all"."""
        return self.count > len(self.rows)


@dataclass
class Today:
    sections: list[Section]

    @property
    def total(self) -> int:
        return sum(section.count for section in self.sections)


def _dashboard(query: str = "") -> str:
    url = reverse("coordinator:dashboard")
    return f"{url}?{query}" if query else url


def today_for(*, user) -> Today:
    """Every section with its rows; a fixed number of queries however many rows wait."""
    now = timezone.now()
    today = timezone.localdate()
    counts = today_order_counts(user=user, today=today, sent_before=_sent_before(now))
    gigs = list(gigs_short_staffed_for(user=user, today=today)[:ROWS])
    to_approve = list(assignments_to_approve_for(user=user)[:ROWS])
    for assignment in to_approve:
        assignment.approve_form = ApproveForm(auto_id=f"today-approve-{assignment.pk}-%s")
    unanswered = list(orders_terms_unanswered_for(user=user, sent_before=_sent_before(now))[:ROWS])
    for order in unanswered:
        order.days_waiting = (now - order.terms_sent_at).days
    new = list(orders_new_for(user=user)[:ROWS])
    emails_count, emails = emails_failed_for(user=user, limit=ROWS)
    einvoices_count, einvoices = einvoices_failed_for(user=user, limit=ROWS)
    runs = payment_runs_due_for(user=user, today=today)
    reports = reports_due_soon(today)
    days = unanswered_days()
    sections = [
        Section(
            key="short_staffed",
            title=_("Gigs in the next %(days)s days without all their workers") % {"days": STAFFING_HORIZON_DAYS},
            count=counts["short_staffed"],
            rows=gigs,
            empty_text=_("Nothing waiting: every gig of the next days has its workers."),
            full_url=_dashboard("status=staffing"),
            full_label=_("All orders being staffed"),
        ),
        Section(
            key="to_approve",
            title=_("Hours waiting for approval"),
            count=counts["to_approve"],
            rows=to_approve,
            empty_text=_("Nothing waiting: no reported hours wait for approval."),
            full_url=_dashboard("status=done"),
            full_label=_("All orders with work done"),
        ),
        Section(
            key="terms_unanswered",
            title=_("Terms not answered in %(days)s days") % {"days": days},
            count=counts["terms_unanswered"],
            rows=unanswered,
            empty_text=_("Nothing waiting: every client answered the terms in time."),
            full_url=_dashboard("status=terms_sent"),
            full_label=_("All orders with the terms sent"),
        ),
        Section(
            key="new_orders",
            title=_("New orders"),
            count=counts["new"],
            rows=new,
            empty_text=_("Nothing waiting: no new orders."),
            full_url=_dashboard("status=submitted"),
            full_label=_("All new orders"),
        ),
        Section(
            key="failed",
            title=_("Emails and e-invoices that could not be sent"),
            count=emails_count + einvoices_count,
            rows=[*({"email": email} for email in emails), *({"einvoice": dispatch} for dispatch in einvoices)],
            empty_text=_("Nothing waiting: every email and e-invoice was sent."),
            full_url=reverse("coordinator:emails"),
            full_label=_("Emails not sent"),
        ),
        Section(
            key="due",
            title=_("Reports and payment runs due"),
            count=reports.count + runs.count,
            rows=[
                *([{"reports": reports}] if reports.count else []),
                *({"run": run} for run in runs.drafts),
                *([{"missing_run": runs.next_date_without_run}] if runs.next_date_without_run else []),
            ],
            empty_text=_("Nothing waiting: no report or payment run is due."),
            full_url=reverse("payment_runs:list"),
            full_label=_("All payment runs"),
        ),
    ]
    found = Today(sections)
    _remember_total(found.total)
    return found


def today_total(*, user) -> int:
    """The number of things waiting, counted (the sections' counts; a fixed number of queries)."""
    now = timezone.now()
    today = timezone.localdate()
    counts = today_order_counts(user=user, today=today, sent_before=_sent_before(now))
    emails, _rows = emails_failed_for(user=user, limit=0)
    einvoices, _rows = einvoices_failed_for(user=user, limit=0)
    return (
        sum(counts.values())
        + emails
        + einvoices
        + reports_due_soon(today).count
        + payment_runs_due_for(user=user, today=today).count
    )


def _remember_total(total: int) -> None:
    try:
        cache.set(MENU_CACHE_KEY, total, MENU_TTL)
    except Exception:  # noqa: BLE001 - a cache that cannot be written only costs a recount
        logger.warning("today: the menu's total could not be cached", exc_info=True)


def menu_total(*, user) -> int:
    """The total for the menu: cached for `MENU_TTL` seconds; the same for every coordinator, as
    every coordinator sees every order."""
    try:
        cached = cache.get(MENU_CACHE_KEY)
    except Exception:  # noqa: BLE001 - the cache down must not take the menu with it
        cached = None
    if cached is not None:
        return int(cached)
    total = today_total(user=user)
    _remember_total(total)
    return total
