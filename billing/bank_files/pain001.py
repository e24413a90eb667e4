"""The credit transfer of an approved payment run: ISO 20022 pain.001.001.03 (SEPA, EUR, salary).

One message, one payment batch (PmtInf) from the City's account, one transaction per worker paid.
What Finnish banks ask of such a file, beyond the ISO schema:

- The initiating party and the payer are identified by the City's business ID (Y-tunnus) under
  `Id/OrgId/Othr` with the scheme code `BANK`: the banks use it to find the payer's service
  agreement (Nordea's guide, for one, requires the code `BANK` at either level).
- `CtgyPurp` `SALA` on the batch marks the payments as salaries (fees here): the banks then
  handle them as salary payments between Finnish banks. `BtchBookg` `true` makes the whole batch
  one line on the City's statement, so the single payments to persons do not show there.
- SEPA: service level `SEPA`, charges shared (`SLEV`), amounts in euros from 0.01 with two
  decimals. The creditor's BIC is optional in SEPA and left out when the worker gave none.
- Text: UTF-8, using only the characters of ISO 8859-15 (Latin-9), which Finnish banks take; so
  å, ä and ö stay in names and the remittance text. Identifiers (MsgId, PmtInfId, EndToEndId) use
  only the SEPA basic set, without å/ä/ö. A name is cut to 70 characters (the SEPA limit, though
  the ISO schema allows 140), the remittance text to 140.

A payout with a net of 0,00 € (all of it withheld) is no transfer: SEPA has no payment of 0 €. It
is not in the file; its tax is withheld and reported all the same. The file is validated against
the ISO schema before it is returned, and nothing invalid is ever returned: `BankFileInvalid`.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from lxml import etree
from stdnum import iban as iban_check
from stdnum.fi import ytunnus

from billing.bank_files.schemas import PAIN001_NS, first_schema_error, pain001_schema
from billing.models import Payout
from jobcenter.errors import DomainError

CURRENCY = "EUR"
CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("999999999.99")
NAME_LIMIT = 70
REMITTANCE_LIMIT = 140
# The SEPA basic character set for identifiers; the EPC also forbids a leading or trailing "/"
# and "//" in them.
SEPA_ID = re.compile(r"[A-Za-z0-9+?/\-:().,' ]{1,35}")
PROBLEMS_SHOWN = 10
# Typographic characters outside Latin-9, written as their plain equivalents.
_PLAIN = str.maketrans(
    {
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2026": "...",
    }
)


class BankFileInvalid(DomainError):
    """The run's bank file cannot be made, or would not be valid: nothing is written."""


def _latin9(char: str) -> bool:
    try:
        char.encode("iso8859_15")
    except UnicodeEncodeError:
        return False
    return True


def bank_text(value: str, limit: int) -> str:
    """`value` as a bank takes it: control characters and line breaks become spaces, white space
    is single, a character outside Latin-9 loses its accent (ć → c) or, when it has none to lose,
    becomes "?" (ł, Cyrillic); cut to `limit` characters."""
    chars = []
    for char in unicodedata.normalize("NFC", value or "").translate(_PLAIN):
        if unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp", "Zs"}:
            chars.append(" ")
        elif _latin9(char):
            chars.append(char)
        else:
            base = "".join(
                c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c) and _latin9(c)
            )
            chars.append(base or "?")
    return " ".join("".join(chars).split())[:limit].rstrip()


def _valid_id(value: str | None) -> bool:
    return bool(
        value
        and SEPA_ID.fullmatch(value)
        and not value.startswith("/")
        and not value.endswith("/")
        and "//" not in value
    )


def transfers_of(run):
    """The run's payouts that are bank transfers, in the file's order: those with a net above 0."""
    return run.payouts.filter(net__gt=0).order_by("pk")


def _period(payout: Payout) -> str:
    start, end = payout.period_start, payout.period_end
    if start == end:
        return f"{end.day}.{end.month}.{end.year}"
    first = f"{start.day}.{start.month}." + (f"{start.year}" if start.year != end.year else "")
    return f"{first}-{end.day}.{end.month}.{end.year}"


# The word on the worker's bank statement, in the worker's language. Written out here, as the
# Finvoice's fixed texts are: a document's wording does not change with the translation catalogues.
FEE_WORD = {"fi": "palkkio", "sv": "arvode", "en": "fee"}


def remittance_text(payout: Payout) -> str:
    """What the worker reads on their own bank statement, in their language."""
    word = FEE_WORD.get(payout.language, FEE_WORD["fi"])
    return bank_text(f"Jobcenter {word} {_period(payout)}", REMITTANCE_LIMIT)


def _amount(value: Decimal) -> str:
    return f"{value:.2f}"


def _refuse(problems: list[str]) -> None:
    if not problems:
        return
    shown = "; ".join(problems[:PROBLEMS_SHOWN])
    rest = len(problems) - PROBLEMS_SHOWN
    if rest > 0:
        shown += " " + ngettext("and %(count)s more", "and %(count)s more", rest) % {"count": rest}
    raise BankFileInvalid(_("The bank file cannot be made: %(problems)s.") % {"problems": shown})


def _check_run(run) -> None:
    problems = []
    if not _valid_id(run.message_id):
        problems.append(_("the run has no valid message ID"))
    if not bank_text(run.payer_name, NAME_LIMIT):
        problems.append(_("the payer's name is missing"))
    if not ytunnus.is_valid(run.payer_business_id or ""):
        problems.append(_("the payer's business ID is missing or not valid"))
    if not iban_check.is_valid(run.payer_iban or ""):
        problems.append(_("the payer's account (IBAN) is missing or not valid"))
    if run.payment_date is None:
        problems.append(_("the run has no payment date"))
    _refuse(problems)


def _check_transfers(run, transfers: list[Payout]) -> None:
    if not transfers:
        raise BankFileInvalid(
            _(
                "The bank file cannot be made: every payment of the run is 0 € (all of it withheld), "
                "and a bank cannot transfer 0 €. The tax withheld is reported all the same."
            )
        )
    problems = []
    for payout in transfers:
        if not payout.iban:
            problems.append(_("%(name)s has no bank account (IBAN)") % {"name": payout.worker_name})
        if not _valid_id(payout.end_to_end_id):
            problems.append(_("the payment of %(name)s has no valid payment ID") % {"name": payout.worker_name})
        if not bank_text(payout.worker_name, NAME_LIMIT):
            problems.append(_("a payment (%(id)s) has no recipient's name") % {"id": payout.end_to_end_id})
        if payout.payment_date != run.payment_date:
            problems.append(
                _("the payment of %(name)s is not dated on the run's payment date") % {"name": payout.worker_name}
            )
        if payout.net != payout.net.quantize(CENT) or payout.net > MAX_AMOUNT:
            problems.append(_("the amount paid to %(name)s is not a valid sum") % {"name": payout.worker_name})
    _refuse(problems)


def _sub(parent, tag: str, text: str | None = None, **attributes) -> etree._Element:
    element = etree.SubElement(parent, f"{{{PAIN001_NS}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def _path(parent, *tags: str, text: str) -> None:
    """Nested elements down to the last tag, which gets `text`: _path(x, "Id", "IBAN", text=...)."""
    for tag in tags[:-1]:
        parent = _sub(parent, tag)
    _sub(parent, tags[-1], text)


def _business_id(parent, run) -> None:
    other = _sub(_sub(_sub(parent, "Id"), "OrgId"), "Othr")
    _sub(other, "Id", run.payer_business_id)
    _path(other, "SchmeNm", "Cd", text="BANK")


def _transaction(parent, payout: Payout) -> None:
    tx = _sub(parent, "CdtTrfTxInf")
    _path(tx, "PmtId", "EndToEndId", text=payout.end_to_end_id)
    _sub(_sub(tx, "Amt"), "InstdAmt", _amount(payout.net), Ccy=CURRENCY)
    if payout.bic:
        _path(tx, "CdtrAgt", "FinInstnId", "BIC", text=payout.bic)
    _path(tx, "Cdtr", "Nm", text=bank_text(payout.worker_name, NAME_LIMIT))
    _path(tx, "CdtrAcct", "Id", "IBAN", text=payout.iban)
    _path(tx, "RmtInf", "Ustrd", text=remittance_text(payout))


def validate_credit_transfer(content: bytes) -> None:
    """Raise BankFileInvalid with the schema's first error unless `content` is valid pain.001.001.03."""
    error = first_schema_error(pain001_schema(), etree.fromstring(content))
    if error:
        raise BankFileInvalid(
            _("The bank file would not be valid ISO 20022 pain.001.001.03, so it was not made: %(error)s")
            % {"error": error}
        )


def credit_transfer_xml(run) -> bytes:
    """The bank file of an approved run (its `message_id`, payer fields and payouts' `iban`, `bic`,
    `end_to_end_id`, `net` set), valid against pain.001.001.03, or `BankFileInvalid`."""
    _check_run(run)
    transfers = list(transfers_of(run))
    _check_transfers(run, transfers)
    count = str(len(transfers))
    total = _amount(sum((payout.net for payout in transfers), Decimal(0)))

    root = etree.Element(f"{{{PAIN001_NS}}}Document", nsmap={None: PAIN001_NS})
    initiation = _sub(root, "CstmrCdtTrfInitn")
    header = _sub(initiation, "GrpHdr")
    _sub(header, "MsgId", run.message_id)
    _sub(header, "CreDtTm", timezone.localtime().isoformat(timespec="seconds"))
    _sub(header, "NbOfTxs", count)
    _sub(header, "CtrlSum", total)
    initiating_party = _sub(header, "InitgPty")
    _sub(initiating_party, "Nm", bank_text(run.payer_name, NAME_LIMIT))
    _business_id(initiating_party, run)

    batch = _sub(initiation, "PmtInf")
    # One batch per message: the message's unique id serves as the batch's id too.
    _sub(batch, "PmtInfId", run.message_id)
    _sub(batch, "PmtMtd", "TRF")
    _sub(batch, "BtchBookg", "true")
    _sub(batch, "NbOfTxs", count)
    _sub(batch, "CtrlSum", total)
    payment_type = _sub(batch, "PmtTpInf")
    _path(payment_type, "SvcLvl", "Cd", text="SEPA")
    _path(payment_type, "CtgyPurp", "Cd", text="SALA")
    _sub(batch, "ReqdExctnDt", run.payment_date.isoformat())
    debtor = _sub(batch, "Dbtr")
    _sub(debtor, "Nm", bank_text(run.payer_name, NAME_LIMIT))
    _business_id(debtor, run)
    _path(batch, "DbtrAcct", "Id", "IBAN", text=iban_check.compact(run.payer_iban))
    agent = _sub(_sub(batch, "DbtrAgt"), "FinInstnId")
    if run.payer_bic:
        _sub(agent, "BIC", run.payer_bic)
    else:
        # The EPC's way of saying "no BIC" where the element is required.
        _path(agent, "Othr", "Id", text="NOTPROVIDED")
    _sub(batch, "ChrgBr", "SLEV")
    for payout in transfers:
        _transaction(batch, payout)

    content = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    validate_credit_transfer(content)
    return content
