"""The credit transfer of an approved payment run: ISO 20022 pain.001.001.03 (SEPA, EUR, salary)."""

from __future__ import annotations


def credit_transfer_xml(run) -> bytes:
    """The bank file of an approved run (its `message_id`, payer fields and payouts' `iban`, `bic`,
    `end_to_end_id`, `net` set), valid against pain.001.001.03, or `BankFileInvalid`."""
    raise NotImplementedError  # helper B
