"""Which insurance covers a gig on its date, and the days ahead on which a contract type in use has none.

A gig is insured by the row of `InsurancePolicy` in force on the gig's date for the gig's contract type:
for an employment gig, the row of the order's employer partner if there is one, else the rule row
"each employer partner's own statutory insurance" (which needs a partner: without an employer there
is nobody whose statutory insurance applies). A commission gig is never covered by the City's
work-activity accident cover, so without a commission row it is not insured at all.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.translation import gettext as _

from orders.models import ContractType, Gig, InsuranceCover, InsurancePolicy, Order
from orders.states import OrderStatus

LOOK_AHEAD_MONTHS = 3
# The pages read the (small) table from the cache; any save or delete of a row forgets it at once
# (`forget_policies`, connected in orders.apps). The guards never read the cache: they ask the table.
CACHE_KEY = "orders:insurance-policies"
CACHE_SECONDS = 300


def _pick(rows: list[InsurancePolicy], contract_type: str, day: dt.date, partner_id: int | None):
    """The covering row among `rows` (any contract type or date): the partner's own before the rule row."""
    valid = [
        row
        for row in rows
        if row.contract_type == contract_type
        and row.valid_from <= day
        and (row.valid_to is None or row.valid_to >= day)
    ]
    if partner_id is not None:
        own = [row for row in valid if row.partner_id == partner_id]
        if own:
            return own[0]
    for row in valid:
        if row.partner_id is not None:
            continue
        if row.cover == InsuranceCover.EMPLOYER_STATUTORY and partner_id is None:
            continue
        return row
    return None


def policy_covering(contract_type: str, day: dt.date, partner=None) -> InsurancePolicy | None:
    """The insurance that covers work of `contract_type` on `day` (for an employment gig, of the
    employer `partner`, an EmployerPartner or its id), or None when nothing does."""
    partner_id = getattr(partner, "pk", partner)
    rows = list(
        InsurancePolicy.objects.valid_on(day)
        .filter(contract_type=contract_type)
        .filter(Q(partner__isnull=True) | Q(partner_id=partner_id))
        .order_by("pk")
    )
    return _pick(rows, contract_type, day, partner_id)


def _partner_of(gig: Gig) -> int | None:
    order = gig.order
    return order.employer_partner_id if order.contract_type == ContractType.EMPLOYMENT else None


def policy_for_gig(gig: Gig) -> InsurancePolicy | None:
    """The insurance of the gig on its date, read from the table (for the guards)."""
    return policy_covering(gig.order.contract_type, gig.date, _partner_of(gig))


def policies_cached() -> list[InsurancePolicy]:
    rows = cache.get(CACHE_KEY)
    if rows is None:
        rows = list(InsurancePolicy.objects.order_by("pk"))
        cache.set(CACHE_KEY, rows, CACHE_SECONDS)
    return rows


def forget_policies(**_signal_kwargs) -> None:
    cache.delete(CACHE_KEY)
    cache.delete(_gaps_cache_key(timezone.localdate()))


def forget_policies_on_change() -> None:
    """Connected once when the app is ready: a saved or deleted policy row is read fresh at once."""
    post_save.connect(forget_policies, sender=InsurancePolicy, dispatch_uid="insurance-policies-save")
    post_delete.connect(forget_policies, sender=InsurancePolicy, dispatch_uid="insurance-policies-delete")


def _staff_sentence(contract_type: str, action: str) -> str:
    # One whole sentence per case: the contract's name is inflected differently in each language.
    if contract_type == ContractType.EMPLOYMENT:
        if action == "accept":
            return _(
                "The gig on %(date)s cannot be accepted: no insurance covers employment work on that day. "
                "Tell the administrator."
            )
        return _(
            "The gig on %(date)s cannot be offered: no insurance covers employment work on that day. "
            "Tell the administrator."
        )
    if action == "accept":
        return _(
            "The gig on %(date)s cannot be accepted: no insurance covers commission work on that day. "
            "Tell the administrator."
        )
    return _(
        "The gig on %(date)s cannot be offered: no insurance covers commission work on that day. "
        "Tell the administrator."
    )


def uninsured_reason(gig: Gig, *, action: str = "offer", for_worker: bool = False) -> str | None:
    """Why the gig may not be offered (`action="offer"`) or taken (`"accept"`), or None when an
    insurance covers it on its date. The staff's sentence names the day and the contract and asks
    them to tell the administrator (who keeps the insurance rows); the worker's is plainer and sends
    her to her instructor."""
    if policy_for_gig(gig) is not None:
        return None
    if for_worker:
        return _("You cannot take this gig yet. The gig has no insurance. Your instructor will help you.")
    return _staff_sentence(gig.order.contract_type, action) % {"date": f"{gig.date.day}.{gig.date.month}."}


def insured_by_sentence(gig: Gig) -> str:
    """One plain line for the worker: who insures her on this gig ("" when nothing does; the offer
    was refused then, and the page says nothing rather than something untrue)."""
    order = gig.order
    policy = _pick(policies_cached(), order.contract_type, gig.date, _partner_of(gig))
    if policy is None:
        return ""
    if order.contract_type == ContractType.EMPLOYMENT and order.employer_partner_id is not None:
        return _("Your employer %(partner)s insures you.") % {"partner": order.employer_partner.name}
    return _("You are insured on this gig: %(insurance)s.") % {"insurance": policy.name}


# --- Days ahead with no insurance (the coordinator's warning) ---------------------------------------
@dataclass(frozen=True)
class InsuranceGap:
    """A contract type in use (for employment: of one partner) with no insurance from `missing_from`."""

    contract_type: str
    missing_from: dt.date
    partner_name: str = ""

    @property
    def label(self) -> str:
        return str(ContractType(self.contract_type).label)


def _add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def _first_uncovered_day(rows, contract_type, partner_id, start: dt.date, end: dt.date) -> dt.date | None:
    """The first day of start..end with no covering row. Walks from one row's end to the next, so
    a handful of rows costs a handful of steps whatever the span."""
    day = start
    while day <= end:
        row = _pick(rows, contract_type, day, partner_id)
        if row is None:
            return day
        if row.valid_to is None:
            return None
        day = row.valid_to + dt.timedelta(days=1)
    return None


def insurance_gaps(*, today: dt.date | None = None) -> list[InsuranceGap]:
    """For each contract type in use (a gig of an open order from today to three months ahead; for
    employment, each partner of such an order), the first day of that span that no insurance covers.
    Two queries: the contract types and partners in use, and the insurance table (a few rows)."""
    today = today or timezone.localdate()
    until = _add_months(today, LOOK_AHEAD_MONTHS)
    in_use = set(
        Order.objects.filter(
            status__in=OrderStatus.open_states,
            gigs__date__gte=today,
            gigs__date__lte=until,
            gigs__cancelled_at__isnull=True,
        )
        .values_list("contract_type", "employer_partner_id", "employer_partner__name")
        .distinct()
    )
    rows = list(InsurancePolicy.objects.order_by("pk"))  # not the cache: the warning must be right
    gaps = []
    for contract_type, partner_id, partner_name in sorted(in_use, key=lambda item: (item[0], item[2] or "")):
        if contract_type != ContractType.EMPLOYMENT:
            partner_id, partner_name = None, ""
        elif partner_id is None:
            continue  # no employer chosen yet: the order cannot be staffed anyway
        missing = _first_uncovered_day(rows, contract_type, partner_id, today, until)
        gap = InsuranceGap(contract_type=contract_type, missing_from=missing, partner_name=partner_name or "")
        if missing is not None and gap not in gaps:
            gaps.append(gap)
    return sorted(gaps, key=lambda gap: (gap.missing_from, gap.contract_type, gap.partner_name))


def _gaps_cache_key(today: dt.date) -> str:
    return f"orders:insurance-gaps:{today.isoformat()}"


def insurance_gaps_cached(*, today: dt.date | None = None) -> list[InsuranceGap]:
    """`insurance_gaps` for the coordinator's every page: cached for a few minutes (a new order of a
    contract type with no insurance shows within them), forgotten at once when a policy row changes."""
    today = today or timezone.localdate()
    key = _gaps_cache_key(today)
    found = cache.get(key)
    if found is None:
        found = insurance_gaps(today=today)
        cache.set(key, found, CACHE_SECONDS)
    return found
