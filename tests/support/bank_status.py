"""Shared pieces of the bank status tests (tests/billing/test_bank_status*.py): what an upload may
change, to prove that a refused one changed nothing. Their fixtures (an approved run of three
payments, the payer, the Incomes Register cancellations recorded) are in tests/billing/conftest.py."""

import pytest

from billing.models import BankStatusReport, Payout, PayoutLine
from billing.services.bank_status import bank_status_report_apply
from jobcenter.errors import DomainError


def payouts(run) -> list[Payout]:
    return list(run.payouts.order_by("pk"))


def snapshot():
    """Everything an upload may change."""
    return (
        list(
            Payout.objects.order_by("pk").values_list(
                "pk", "status", "bank_status", "bank_reason_code", "bank_reason", "settled_at", "status_report_id"
            )
        ),
        list(PayoutLine.objects.order_by("pk").values_list("pk", "released")),
        list(BankStatusReport.objects.values_list("pk", flat=True)),
    )


def refused(content: bytes, by, match: str, **kwargs) -> DomainError:
    before = snapshot()
    with pytest.raises(DomainError, match=match) as error:
        bank_status_report_apply(content=content, by=by, **kwargs)
    assert snapshot() == before
    return error.value
