"""Payment-run test data: workers' payment details, a payer, approved commission work.

The values are valid for python-stdnum (IBAN check digits, the identity code's check character and
date) but made up: a sequence gives every worker different ones.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from stdnum import iban as iban_check
from stdnum.fi import hetu

from billing.models import WorkerPaymentDetails
from orders.models import AssignmentStatus, ContractType, OrderStatus
from tests.factories.accounts import PayerFactory
from tests.factories.orders import AssignmentFactory, GigFactory, OrderFactory

_sequence = itertools.count(1)
_HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def valid_iban(n: int) -> str:
    """A Finnish IBAN with valid check digits (FI + 14-digit account with its Luhn check)."""
    body = f"1234560{n % 1_000_000:06d}"
    total = 0
    for i, digit in enumerate(reversed(body)):
        value = int(digit) * (2 if i % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    bban = body + str((10 - total % 10) % 10)
    value = "FI" + iban_check.calc_check_digits("FI00" + bban) + bban
    assert iban_check.is_valid(value), value
    return value


def valid_identity_code(n: int) -> str:
    """A valid personal identity code (born in the 1980s, individual number 002–899)."""
    birth = dt.date(1980, 1, 1) + dt.timedelta(days=n % 3650)
    individual = 2 + n % 898
    digits = f"{birth:%d%m%y}{individual:03d}"
    value = f"{birth:%d%m%y}-{individual:03d}{_HETU_CHECK[int(digits) % 31]}"
    assert hetu.is_valid(value), value
    return value


def payment_details(worker, *, iban: str | None = None, code: str | None = None, bic: str = "") -> WorkerPaymentDetails:
    """The worker's bank account and identity code. Pass iban="" or code="" to leave one out."""
    n = next(_sequence)
    details, _created = WorkerPaymentDetails.objects.update_or_create(
        worker=worker,
        defaults={
            "iban": valid_iban(n) if iban is None else iban,
            "bic": bic,
            "personal_identity_code": valid_identity_code(n) if code is None else code,
        },
    )
    return details


def payer_user(**kwargs):
    """A user with the paying role (permission jobcenter.pay_workers) and nothing else."""
    return PayerFactory(**kwargs)


def approved_commission_work(worker, date: dt.date, hours: str | Decimal = "3.00", **gig_kwargs):
    """One approved assignment of `worker` on a commission-contract gig on `date` (an approved order)."""
    hours = Decimal(hours)
    order = OrderFactory(terms_accepted=True, status=OrderStatus.APPROVED, contract_type=ContractType.COMMISSION)
    return AssignmentFactory(
        gig=GigFactory(order=order, date=date, **gig_kwargs),
        worker=worker,
        status=AssignmentStatus.APPROVED,
        reported_hours=hours,
        approved_hours=hours,
    )


def draft_run(*, by=None, payment_date: dt.date | None = None, cutoff_date: dt.date | None = None):
    """A draft payment run of all the approved, unpaid commission work (up to `cutoff_date`, by
    default today) made by a coordinator (`by`, or a new one), paid on `payment_date` (today)."""
    from django.utils import timezone

    from billing.services.payment_runs import payment_run_create
    from tests.factories.accounts import CoordinatorFactory

    today = timezone.localdate()
    payment_date = payment_date or today
    return payment_run_create(
        payment_date=payment_date, cutoff_date=cutoff_date or min(today, payment_date), by=by or CoordinatorFactory()
    )


def payout_in_run(worker, *, by=None, payment_date: dt.date | None = None, cutoff_date: dt.date | None = None):
    """The worker's payout in a new draft run (their payment details are made when they have none)."""
    if not WorkerPaymentDetails.objects.filter(worker=worker).exclude(iban="").exists():
        payment_details(worker)
    run = draft_run(by=by, payment_date=payment_date, cutoff_date=cutoff_date)
    return run.payouts.get(worker=worker)
