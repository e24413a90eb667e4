"""Reads of the partner model: employer partners, employment contracts and the gigs done under them.

Coordinators see every partner; unit staff see the contracts of their own units' workers only (a
contract outside them is a 404, never a 403)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, Q, QuerySet

from jobcenter.roles import is_coordinator, staff_unit_ids
from orders.models import (
    Assignment,
    ContractStatus,
    ContractType,
    EmployerPartner,
    EmploymentContract,
    IncomeClarification,
    Order,
)
from orders.states import AssignmentStatus, OrderStatus


def active_contract_for(*, partner_id: int | None, worker_id: int, day: dt.date) -> EmploymentContract | None:
    """The worker's active contract with the partner that is in force on `day`, or None."""
    if partner_id is None:
        return None
    return (
        EmploymentContract.objects.filter(
            worker_id=worker_id, partner_id=partner_id, status=ContractStatus.ACTIVE, start_date__lte=day
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .first()
    )


def partner_list() -> QuerySet[EmployerPartner]:
    """Every partner with its number of active contracts and employment orders (two counts, one query)."""
    return EmployerPartner.objects.annotate(
        active_contracts=Count("contracts", filter=Q(contracts__status=ContractStatus.ACTIVE), distinct=True),
        order_count=Count("orders", distinct=True),
    ).order_by("-is_active", "name", "pk")


def active_partners() -> QuerySet[EmployerPartner]:
    return EmployerPartner.objects.filter(is_active=True).order_by("name", "pk")


def partner_contracts(*, partner: EmployerPartner) -> QuerySet[EmploymentContract]:
    return (
        EmploymentContract.objects.filter(partner=partner)
        .select_related("worker__user", "unit")
        .defer("worker__support_needs")
        .order_by("status", "worker__user__last_name", "worker__user__first_name", "pk")
    )


def partner_gigs_in_month(*, partner: EmployerPartner, year: int, month: int) -> QuerySet[Assignment]:
    """The partner's employment gigs of a month (every worker still on them), in date order."""
    first = dt.date(year, month, 1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return (
        Assignment.objects.filter(
            gig__order__employer_partner=partner,
            gig__order__contract_type=ContractType.EMPLOYMENT,
            gig__date__gte=first,
            gig__date__lt=following,
            status__in=AssignmentStatus.active_states,
        )
        .select_related("gig__order__client", "worker__user", "support_person", "unit")
        .defer("worker__support_needs")
        .order_by("gig__date", "gig__start_time", "pk")
    )


def employment_orders_without_partner() -> QuerySet[Order]:
    """Open employment orders that name no employer partner yet: they cannot be staffed."""
    return (
        Order.objects.filter(
            contract_type=ContractType.EMPLOYMENT,
            employer_partner__isnull=True,
            status__in=OrderStatus.open_states,
        )
        .select_related("client")
        .order_by("pk")
    )


# --- Unit staff -----------------------------------------------------------------------------------
def _clarifications() -> Prefetch:
    return Prefetch(
        "income_clarifications",
        queryset=IncomeClarification.objects.select_related("done_by").order_by("-done_on", "-pk"),
    )


def contracts_for_worker(*, user, worker) -> list[EmploymentContract]:
    """The worker's contracts with their clarifications, for staff of the worker's unit or the coordinator."""
    if not (is_coordinator(user) or worker.home_unit_id in staff_unit_ids(user)):
        return []
    return list(
        EmploymentContract.objects.filter(worker=worker)
        .select_related("partner", "unit", "activated_by")
        .prefetch_related(_clarifications())
        .order_by("-start_date", "-pk")
    )


def contract_get_for(*, user, pk: int) -> EmploymentContract | None:
    """One contract, if the user may see it (staff of the worker's home unit, or the coordinator)."""
    contract = (
        EmploymentContract.objects.select_related("partner", "unit", "worker__user", "worker__home_unit")
        .defer("worker__support_needs")
        .prefetch_related(_clarifications())
        .filter(pk=pk)
        .first()
    )
    if contract is None:
        return None
    if is_coordinator(user) or contract.worker.home_unit_id in staff_unit_ids(user):
        return contract
    return None


def partner_get_for(*, user, pk: int) -> EmployerPartner:
    """A partner for the coordinator; `Http404` for anyone else and for a partner that is not there."""
    from django.http import Http404

    partner = EmployerPartner.objects.filter(pk=pk).first() if is_coordinator(user) else None
    if partner is None:
        raise Http404
    return partner
