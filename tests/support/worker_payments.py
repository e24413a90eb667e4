"""Builders of a worker's payments as the payment runs leave them (in the bank, paid, rejected), for
the tests of what the worker sees of them (the money page, the statement PDF).

They write the frozen payout directly: these tests read payments, they do not make runs (the run
services have tests of their own).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from billing.models import PaymentRun, PaymentRunStatus, Payout, PayoutLine, PayoutStatus
from billing.pricing import round_cents
from orders.models import AssignmentStatus, ContractType, OrderStatus
from tests.factories import AssignmentFactory, CoordinatorFactory, GigFactory, OrderFactory, UserFactory

TEST_IBAN = "FI2112345600000785"  # the Finnish banks' example account: valid check digits


def approved_run(payment_date: dt.date, **fields) -> PaymentRun:
    """An approved run (a coordinator made it, another person approved it) with the payer frozen."""
    fields.setdefault("payer_name", "Helsingin kaupunki")
    fields.setdefault("payer_business_id", "0201256-6")
    return PaymentRun.objects.create(
        payment_date=payment_date,
        cutoff_date=payment_date - dt.timedelta(days=5),
        status=PaymentRunStatus.APPROVED,
        created_by=CoordinatorFactory(),
        approved_by=UserFactory(),
        approved_at=dt.datetime(payment_date.year, payment_date.month, payment_date.day, 9, tzinfo=dt.UTC),
        **fields,
    )


def worker_payout(
    worker,
    *,
    status: str = PayoutStatus.IN_PAYMENT,
    payment_date: dt.date | None = dt.date(2027, 1, 15),
    hours: str = "4",
    rate: str = "10.00",
    percent: str = "40",
    iban: str = TEST_IBAN,
    run: PaymentRun | None = None,
    reason_code: str = "",
    work_day: dt.date | None = None,
    task: str = "Siivous",
) -> Payout:
    """One payout of `worker` with one row (an approved commission gig), its sums frozen as a run
    makes them: gross = hours × rate, tax = gross × percent, net = gross − tax."""
    work_day = work_day or (payment_date - dt.timedelta(days=20) if payment_date else dt.date(2025, 1, 15))
    hours_d, rate_d = Decimal(hours), Decimal(rate)
    gross = round_cents(hours_d * rate_d)
    tax = round_cents(gross * Decimal(percent) / 100)
    if run is None and payment_date is not None and status != PayoutStatus.DRAFT:
        run = approved_run(payment_date)
    payout = Payout.objects.create(
        worker=worker,
        worker_name=worker.display_name,
        worker_email=worker.user.email,
        period_start=work_day.replace(day=1),
        period_end=work_day,
        hours=hours_d,
        gross=gross,
        withholding_percent=Decimal(percent),
        tax_withheld=tax,
        net=gross - tax,
        created_by=CoordinatorFactory(),
        run=run,
        status=status,
        payment_date=payment_date,
        iban=iban if payment_date else "",
        bank_reason_code=reason_code,
        bank_status="RJCT" if status == PayoutStatus.REJECTED else "",
    )
    order = OrderFactory(terms_accepted=True, status=OrderStatus.APPROVED, contract_type=ContractType.COMMISSION)
    assignment = AssignmentFactory(
        gig=GigFactory(order=order, date=work_day),
        worker=worker,
        status=AssignmentStatus.APPROVED,
        reported_hours=hours_d,
        approved_hours=hours_d,
    )
    PayoutLine.objects.create(
        payout=payout,
        assignment=assignment,
        released=status == PayoutStatus.REJECTED,
        date=work_day,
        task=task,
        hours=hours_d,
        rate=rate_d,
        amount=gross,
    )
    return payout
