"""Builders for billing tests: approved orders with approved hours on given dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from orders.models import AssignmentStatus, ContractType, Order, OrderStatus
from tests.factories import AssignmentFactory, ClientContactFactory, GigFactory, OrderFactory


def approved_order(
    work: dict[dt.date, list[str]],
    *,
    contract_type: str = ContractType.COMMISSION,
    client=None,
    client_reference: str = "PO-4711",
) -> Order:
    """An approved order; `work` maps each gig date to the approved hours of its workers."""
    extra = {"contact": ClientContactFactory(organisation=client)} if client is not None else {}
    order = OrderFactory(
        terms_accepted=True,
        status=OrderStatus.APPROVED,
        contract_type=contract_type,
        client_reference=client_reference,
        **extra,
    )
    for day, hours in work.items():
        gig = GigFactory(order=order, date=day, workers_needed=max(len(hours), 1))
        for value in hours:
            AssignmentFactory(
                gig=gig,
                status=AssignmentStatus.APPROVED,
                reported_hours=Decimal(value),
                approved_hours=Decimal(value),
            )
    return order
