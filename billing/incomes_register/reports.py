"""Making the Incomes Register reports of payments: new, replacement and cancellation reports."""

from __future__ import annotations


def ir_reports_for_run(*, run, by) -> list:
    """A new report for each payout of an approved run whose worker is not in the prepayment
    register. Called by `payment_run_approve` inside its transaction."""
    raise NotImplementedError  # helper C


def ir_report_cancel_for_payout(*, payout, reason: str, by) -> None:
    """The payment did not happen (the bank rejected it): its report is withdrawn if it was never
    sent, otherwise a cancellation is made. Called by the bank status service in its transaction."""
    raise NotImplementedError  # helper C
