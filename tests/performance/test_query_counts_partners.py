"""The partner model's list pages do not grow with the data: the coordinator's partner list (with the
employment orders that still need a partner), a partner's page (contracts, a month's gigs, invoices),
its hours report, and the unit's page of a worker's contracts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from billing.services.partner_invoices import partner_invoice_record_received
from orders.models import AssignmentStatus, ContractType
from tests.factories import AssignmentFactory, GigFactory, OrderFactory, UnitStaffFactory, WorkerFactory
from tests.support.partners import active_contract, employer_partner, employment_order
from tests.support.queries import assert_constant

pytestmark = pytest.mark.django_db


def _month_of_work(partner, coordinator, n: int) -> None:
    """n workers with an active contract, one approved gig each last month, and n partner invoices."""
    last_month = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    for _i in range(n):
        order = employment_order(partner)
        worker = WorkerFactory()
        active_contract(worker, partner, start=last_month - dt.timedelta(days=10))
        gig = GigFactory(order=order, date=last_month + dt.timedelta(days=3))
        AssignmentFactory(
            gig=gig,
            worker=worker,
            status=AssignmentStatus.APPROVED,
            reported_hours=Decimal("2"),
            approved_hours=Decimal("2"),
            support_person=UnitStaffFactory(unit=worker.home_unit),
        )
        partner_invoice_record_received(
            partner_id=partner.pk,
            client_id=order.client_id,
            year=last_month.year,
            month=last_month.month,
            invoice_number=f"N-{order.pk}",
            amount="40.16",
            received_on=timezone.localdate(),
            by=coordinator,
        )
        OrderFactory(staffing=True, contract_type=ContractType.EMPLOYMENT)  # still needs its partner


def test_partner_list__is_constant(coordinator_client, coordinator, django_assert_max_num_queries):
    partner = employer_partner()
    _month_of_work(partner, coordinator, 1)
    url = reverse("coordinator:partner-list")
    assert_constant(
        coordinator_client,
        url,
        lambda: (_month_of_work(partner, coordinator, 4), employer_partner("Toinen ry")),
        ceiling=20,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )


def test_partner_page_and_hours_report__are_constant(coordinator_client, coordinator, django_assert_max_num_queries):
    partner = employer_partner()
    _month_of_work(partner, coordinator, 1)
    for name in ("coordinator:partner", "coordinator:partner-hours-csv"):
        url = reverse(name, args=[partner.pk])
        assert_constant(
            coordinator_client,
            url,
            lambda: _month_of_work(partner, coordinator, 3),
            ceiling=30,
            django_assert_max_num_queries=django_assert_max_num_queries,
        )


def test_unit_worker_contracts__is_constant(client, django_assert_max_num_queries):
    worker = WorkerFactory()
    staff = UnitStaffFactory(unit=worker.home_unit)
    client.force_login(staff)
    active_contract(worker, employer_partner(), staff=staff)

    def more():
        for i in range(3):
            active_contract(worker, employer_partner(f"Työnantaja {i} ry"), staff=staff)

    assert_constant(
        client,
        reverse("units:worker-contracts", args=[worker.pk]),
        more,
        ceiling=20,
        django_assert_max_num_queries=django_assert_max_num_queries,
    )
