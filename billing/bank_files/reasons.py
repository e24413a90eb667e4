"""What the bank's reason codes in a status report mean, in words a payer understands.

The codes are the ISO 20022 external code set *ExternalStatusReason1Code*, which ISO 20022
publishes as a catalogue separate from the message schemas (the schemas only say "1 to 4
characters"); the SEPA credit transfer rulebook of the European Payments Council uses the same
codes for rejected credit transfers. The texts here say the meaning of each code in our own
words; the code's ISO name is in the comment. A code not listed is shown as itself.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

REASONS = {
    # Accounts
    "AC01": _("The account number (IBAN) is not correct."),  # IncorrectAccountNumber
    "AC02": _("The payer's account number is not valid."),  # InvalidDebtorAccountNumber
    "AC03": _("The recipient's account number is not valid."),  # InvalidCreditorAccountNumber
    "AC04": _("The account has been closed."),  # ClosedAccountNumber
    "AC06": _("The account is blocked: no payments can be made to it."),  # BlockedAccount
    "AG01": _("This kind of payment is not allowed on this account."),  # TransactionForbidden
    "AG02": _("The bank does not accept the payment's transaction code."),  # InvalidBankOperationCode
    # Amounts
    "AM01": _("The amount is zero."),  # ZeroAmount
    "AM02": _("The amount is more than the bank allows."),  # NotAllowedAmount
    "AM03": _("The bank does not accept payments in this currency."),  # NotAllowedCurrency
    "AM04": _("There was not enough money on the payer's account."),  # InsufficientFunds
    "AM05": _("The payment was made twice."),  # Duplication
    "AM09": _("The amount is not the one agreed."),  # WrongAmount
    "AM10": _("The total of the file does not match its payments."),  # InvalidControlSum
    # Parties
    "BE01": _("The recipient's name does not match the account."),  # InconsistentWithEndCustomer
    "BE04": _("The recipient's address is missing or wrong."),  # MissingCreditorAddress
    "BE05": _("The recipient does not recognise the party that sent the payment."),  # UnrecognisedInitiatingParty
    "MD07": _("The account holder has died."),  # EndCustomerDeceased
    # Banks and clearing
    "CNOR": _("The recipient's bank cannot be reached through the payment system."),  # CreditorBankIsNotRegistered
    "DNOR": _("The payer's bank cannot be reached through the payment system."),  # DebtorBankIsNotRegistered
    "RC01": _("The bank identifier (BIC) is not correct."),  # BankIdentifierIncorrect
    "ED05": _("The settlement between the banks failed."),  # SettlementFailed
    "TM01": _("The file arrived after the bank's cut-off time."),  # CutOffTime
    # The file and the message
    "DT01": _("The date in the payment is not valid."),  # InvalidDate
    "DUPL": _("The bank already has this payment: it was sent twice."),  # DuplicatePayment
    "FF01": _("The bank could not read the file: its format is not valid."),  # InvalidFileFormat
    # Regulatory
    # MissingDebtorAccountOrIdentification
    "RR01": _("The payer's account or identification required by law is missing."),
    "RR02": _("The payer's name or address required by law is missing."),  # MissingDebtorNameOrAddress
    "RR03": _("The recipient's name or address required by law is missing."),  # MissingCreditorNameOrAddress
    "RR04": _("The bank refused the payment for regulatory reasons."),  # RegulatoryReason
    # No specific reason
    "MS02": _("The recipient refused the payment without giving a reason."),  # NotSpecifiedReasonCustomerGenerated
    "MS03": _("The bank rejected the payment without giving a reason."),  # NotSpecifiedReasonAgentGenerated
    "NARR": _("The bank explained the reason in words."),  # Narrative
    "FOCR": _("The payment was cancelled at the payer's request."),  # FollowingCancellationRequest
}


def reason_meaning(code: str) -> str:
    """The meaning of the bank's reason `code` in the active language; an unknown code as itself."""
    code = (code or "").strip().upper()
    if code in REASONS:
        return str(REASONS[code])
    if not code:
        return str(_("The bank gave no reason."))
    return str(_("The bank gave the reason code %(code)s.") % {"code": code})
