"""The partner model in tests: an employer partner, a worker's active employment contract made the
way a unit makes it (draft, income clarification before the start, activation), and an employment
order that names the partner."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone
from stdnum.fi import ytunnus

from orders.models import ContractType, EmployerPartner, EmploymentContract
from orders.services import partners as services
from tests.factories import CoordinatorFactory, OrderFactory, UnitStaffFactory

_numbers = itertools.count(1)


def business_id() -> str:
    """A valid business ID that no other test partner has."""
    while True:
        body = f"{3000000 + next(_numbers):07d}"
        for check in "0123456789":
            if ytunnus.is_valid(f"{body}-{check}"):
                return f"{body}-{check}"


def employer_partner(name: str = "Väylä ry", **fields) -> EmployerPartner:
    return services.partner_create(by=CoordinatorFactory(), name=name, business_id=business_id(), **fields)


def active_contract(
    worker, partner: EmployerPartner, *, start: dt.date | None = None, staff=None
) -> EmploymentContract:
    """The worker's contract with the partner, activated after the income clarification."""
    staff = staff or UnitStaffFactory(unit=worker.home_unit)
    start = start or timezone.localdate() - dt.timedelta(days=30)
    contract = services.contract_create(
        worker_id=worker.pk,
        partner_id=partner.pk,
        by=staff,
        start_date=start,
        hours_per_occurrence="2",
        every_n_weeks=2,
        weekdays=[2],
    )
    services.income_clarification_record(
        contract_id=contract.pk,
        by=staff,
        done_on=start - dt.timedelta(days=2),
        benefits_checked=True,
        note="Käyty läpi.",
    )
    return services.contract_activate(contract_id=contract.pk, by=staff)


def employment_order(partner: EmployerPartner | None = None, **kwargs):
    """An employment order (staffing by default) that names `partner` (a new one when not given)."""
    kwargs.setdefault("staffing", True)
    order = OrderFactory(contract_type=ContractType.EMPLOYMENT, **kwargs)
    partner = partner or employer_partner()
    return services.order_set_employer_partner(order_id=order.pk, partner_id=partner.pk, by=CoordinatorFactory())
