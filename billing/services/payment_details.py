"""Enter a worker's bank account and personal identity code, the protected data a payment needs.

Who may enter them: the coordinator, or the staff of the worker's home unit (they know the person
and see the papers). Never the worker themself: the account a fee goes to must be checked by
someone who knows the person, or a stolen login could redirect the worker's pay.

The values are checked with python-stdnum before they are stored, in their compact form (no
spaces, upper case):

- The IBAN: its structure, its length for its country and its check digits (ISO 7064 mod 97).
  Only accounts in the SEPA area, because the bank file is a SEPA credit transfer in euros.
- The BIC: its shape (8 or 11 characters). A Finnish IBAN tells its bank, so a Finnish account needs
  none; a foreign bank may need it, so an account outside Finland must have one.
- The identity code: its shape, a real date of birth (not in the future), the check character.
  Temporary codes (individual number 900-999) are refused: they are given for a while, for example
  in a hospital, to a person whose real code is not known; the Tax Administration and the Incomes
  Register know the person by their permanent code only, so a report under a temporary one would
  reach nobody.

An empty value is allowed, and clearing a value is a change like any other. Every change is
recorded on the row (`updated_by`) and in the access log (one row per kind of data changed: the
bank account, the identity code), so the worker can see who changed their account and when. The
values never go into a log line or an exception message.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables
from stdnum import bic as bic_check
from stdnum import iban as iban_check
from stdnum import numdb
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fi import hetu

from billing.models import WorkerPaymentDetails
from billing.selectors_payment_details import can_enter_payment_details
from jobcenter.access_log import ACTION_CHANGE, DATA_BANK_DETAILS, DATA_IDENTITY_CODE, log_access
from jobcenter.errors import ActionNotPermitted, DomainError
from workers.models import Worker

FINLAND = "FI"

# The IBAN country codes of the SEPA schemes' area (the European Payments Council's list of SEPA
# scheme countries): the EU, the other EEA countries (Iceland, Liechtenstein, Norway), Switzerland,
# the United Kingdom, Gibraltar, Monaco, San Marino, the Vatican City State and Andorra. Åland, the
# French overseas departments and the Crown Dependencies (Guernsey, Jersey, the Isle of Man) use
# the IBANs of Finland, France and the United Kingdom. Countries the EPC admitted only recently
# (Albania, Moldova, Montenegro, North Macedonia) are left out until the City's bank confirms that
# it reaches them.
SEPA_COUNTRIES = frozenset(
    {
        *("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU"),
        *("IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"),
        *("IS", "LI", "NO"),
        *("CH", "GB", "GI", "MC", "SM", "VA", "AD"),
    }
)

_IBAN_SHAPE = re.compile(r"[A-Z]{2}[0-9]{2}[A-Z0-9]+")
_IBAN_REGISTRY = numdb.get("iban")
_BBAN_PART = re.compile(r"(\d+)!?[nac]")
_SPACES = re.compile(r"\s+")
# DDMMYY, the century sign (+ for the 1800s; - and, since 2023, U-Y for the 1900s; A-F for the
# 2000s), the individual number and the check character.
_HETU_SHAPE = re.compile(r"[0-9]{6}[-+A-FU-Y][0-9]{3}[0-9A-Z]")
_CENTURIES = {"+": 1800, **dict.fromkeys("ABCDEF", 2000)}
TEMPORARY_INDIVIDUAL_NUMBERS = 900  # 900-999

KEEP = None  # a value passed as None stays as it is ("" clears it)

# --- Messages (plain words: what is wrong and what to do) -----------------------------------------
IBAN_SHAPE = _("An account number (IBAN) begins with two letters and two digits, for example FI21 1234 5600 0007 85.")
IBAN_UNKNOWN_COUNTRY = _("The two letters at the start of the account number are not a country code. Check the number.")
IBAN_NOT_SEPA = _(
    "Only accounts in the SEPA area can be paid. The SEPA area is the EU and a few other European countries."
)
IBAN_LENGTH = _("The account number is too short or too long. Check the number.")
IBAN_CHECKSUM = _("The check digits of the account number do not match. Check the number.")
IBAN_INVALID = _("The account number is not valid. Check the number.")
BIC_INVALID = _("A BIC has 8 or 11 letters and digits, for example NDEAFIHH. Check the code.")
BIC_NEEDED = _("An account outside Finland needs the BIC of the bank. Ask the worker's bank for it.")
BIC_WITHOUT_IBAN = _("Give the account number too, or leave the BIC empty.")
HETU_SHAPE = _(
    "A personal identity code has 11 characters: the date of birth as 6 digits, a sign (such as - or A), "
    "3 digits and a check character."
)
HETU_DATE = _("The date of birth in the identity code is not a real date. Check the code.")
HETU_FUTURE = _("The date of birth in the identity code is in the future. Check the code.")
HETU_TEMPORARY = _("This is a temporary identity code. Enter the person's permanent identity code.")
HETU_CHECKSUM = _("The check character of the identity code does not match. Check the code.")
HETU_INVALID = _("The identity code is not valid. Check the code.")


def _bban_length(country: str) -> int | None:
    """How many characters follow the check digits in this country's IBAN, from the IBAN registry."""
    info = _IBAN_REGISTRY.info(country)[0][1]
    structure = info.get("bban")
    return None if not structure else sum(int(n) for n in _BBAN_PART.findall(structure))


@sensitive_variables("value", "text")
def normalize_iban(value: str | None) -> str:
    """The IBAN in its compact form ("" for an empty value), or a `ValidationError` in plain words."""
    text = iban_check.compact(_SPACES.sub("", value or ""))
    if not text:
        return ""
    if not _IBAN_SHAPE.fullmatch(text):
        raise ValidationError(IBAN_SHAPE, code="iban_shape")
    country = text[:2]
    expected = _bban_length(country)
    if expected is None:
        raise ValidationError(IBAN_UNKNOWN_COUNTRY, code="iban_country")
    if country not in SEPA_COUNTRIES:
        raise ValidationError(IBAN_NOT_SEPA, code="iban_not_sepa")
    if len(text) != 4 + expected:
        raise ValidationError(IBAN_LENGTH, code="iban_length")
    try:
        return iban_check.validate(text)
    except InvalidChecksum:
        raise ValidationError(IBAN_CHECKSUM, code="iban_checksum") from None
    except StdnumError:
        raise ValidationError(IBAN_INVALID, code="iban_invalid") from None


def normalize_bic(value: str | None) -> str:
    """The BIC in its compact form ("" for an empty value), or a `ValidationError`."""
    text = bic_check.compact(_SPACES.sub("", value or ""))
    if not text:
        return ""
    try:
        return bic_check.validate(text)
    except StdnumError:
        raise ValidationError(BIC_INVALID, code="bic_invalid") from None


def bic_problem(iban: str, bic: str):
    """The message when the account and the BIC do not go together (both compact), else None."""
    if bic and not iban:
        return BIC_WITHOUT_IBAN
    if iban and not iban.startswith(FINLAND) and not bic:
        return BIC_NEEDED
    return None


@sensitive_variables("value", "text")
def normalize_identity_code(value: str | None, *, today: dt.date | None = None) -> str:
    """The personal identity code in its compact form ("" for an empty value), or a `ValidationError`."""
    text = hetu.compact(_SPACES.sub("", value or ""))
    if not text:
        return ""
    if not _HETU_SHAPE.fullmatch(text):
        raise ValidationError(HETU_SHAPE, code="hetu_shape")
    try:
        born = identity_code_birth_date(text)
    except ValueError:
        raise ValidationError(HETU_DATE, code="hetu_date") from None
    if born > (today or timezone.localdate()):
        raise ValidationError(HETU_FUTURE, code="hetu_future")
    try:
        hetu.validate(text, allow_temporary=True)
    except InvalidChecksum:
        raise ValidationError(HETU_CHECKSUM, code="hetu_checksum") from None
    except StdnumError:  # the individual number 000 or 001, never given
        raise ValidationError(HETU_INVALID, code="hetu_invalid") from None
    if int(text[7:10]) >= TEMPORARY_INDIVIDUAL_NUMBERS:
        raise ValidationError(HETU_TEMPORARY, code="hetu_temporary")
    return text


def identity_code_birth_date(code: str) -> dt.date:
    """The date of birth of a compact identity code (the sign after it tells the century).

    Raises `ValueError` when the digits are not a real date."""
    century = _CENTURIES.get(code[6], 1900)
    return dt.date(century + int(code[4:6]), int(code[2:4]), int(code[0:2]))


def _message(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)


# --- The service ----------------------------------------------------------------------------------
BANK_FIELDS = ("iban", "bic")
IDENTITY_FIELDS = ("personal_identity_code",)


def _locked_worker(worker_id: int) -> Worker | None:
    # The worker's row is locked first, so two people saving at once are serialised: the second
    # reads what the first saved, and the details row is created once (not twice, which the
    # one-to-one key would refuse with an error page).
    return Worker.objects.select_for_update().defer("support_needs").filter(pk=worker_id).first()


def _details_of(worker: Worker) -> WorkerPaymentDetails | None:
    return WorkerPaymentDetails.objects.filter(worker=worker).first()


@sensitive_variables("iban", "bic", "personal_identity_code", "wanted")
@transaction.atomic
def worker_payment_details_set(
    *,
    worker_id: int,
    iban: str | None,
    bic: str | None,
    personal_identity_code: str | None,
    by,
    path: str = "",
) -> WorkerPaymentDetails:
    """Set the worker's bank account (IBAN, BIC) and identity code; None keeps a value, "" clears it.

    Raises `ActionNotPermitted` for anyone but the coordinator and the staff of the worker's home
    unit (and always for the worker themself), `DomainError` for a value that does not pass the
    checks. Writes one access-log row per kind of data that changed (none when nothing changed).
    """
    worker = _locked_worker(worker_id)
    if worker is None:
        raise DomainError(_("The worker was not found."))
    if not can_enter_payment_details(by, worker):
        raise ActionNotPermitted(_("Only the worker's unit or the coordinator can enter bank details."))
    if worker.anonymised_at is not None:
        raise DomainError(_("The worker's data has been removed, so nothing can be entered."))
    details = _details_of(worker) or WorkerPaymentDetails(worker=worker)
    try:
        wanted = {
            "iban": details.iban if iban is KEEP else normalize_iban(iban),
            "bic": details.bic if bic is KEEP else normalize_bic(bic),
            "personal_identity_code": (
                details.personal_identity_code
                if personal_identity_code is KEEP
                else normalize_identity_code(personal_identity_code)
            ),
        }
    except ValidationError as err:
        raise DomainError(_message(err)) from None
    problem = bic_problem(wanted["iban"], wanted["bic"])
    if problem:
        raise DomainError(problem)
    changed = {name for name, value in wanted.items() if getattr(details, name) != value}
    if not changed:
        return details
    for name in changed:
        setattr(details, name, wanted[name])
    details.updated_by = by
    details.save()
    if changed & set(BANK_FIELDS):
        log_access(by, worker, DATA_BANK_DETAILS, action=ACTION_CHANGE, path=path)
    if changed & set(IDENTITY_FIELDS):
        log_access(by, worker, DATA_IDENTITY_CODE, action=ACTION_CHANGE, path=path)
    return details
