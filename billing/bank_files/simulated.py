"""A simulated bank: the status report (pain.002.001.03) a bank would return for one of our files.

For the demo and the tests, where no real bank answers: a person trying the demo downloads a run's
bank file, makes its status report with `manage.py bank_status_example`, and uploads it as the
bank's. The report follows the German banks' SEPA profile that the upload validates against: it
names only what was rejected (each payment with its reason code, or the whole file), and a payment
it does not name has gone through. A payment named with no status (`pending`) is one the bank has
not decided yet: the upload leaves it as it is.
"""

from __future__ import annotations

import hashlib
import json

from django.utils import timezone
from lxml import etree

from billing.bank_files.schemas import PAIN001_NS, PAIN002_NS, first_schema_error, pain002_schema, parse_untrusted

ORIGINAL_MESSAGE_NAME = "pain.001.001.03"
_IN = {"p": PAIN001_NS}


def _sub(parent, tag: str, text: str | None = None, **attributes) -> etree._Element:
    element = etree.SubElement(parent, f"{{{PAIN002_NS}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def _reason(parent, code: str) -> None:
    _sub(_sub(_sub(parent, "StsRsnInf"), "Rsn"), "Cd", code)


def _default_message_id(original_message_id: str, rejected: dict[str, str], pending, group_rejected: str) -> str:
    """The same answer to the same file gets the same MsgId, as a bank's report sent twice does."""
    answer = json.dumps([original_message_id, sorted(rejected.items()), sorted(pending), group_rejected])
    return "SIM-" + hashlib.sha256(answer.encode()).hexdigest()[:24].upper()


def status_report_for(
    pain001: bytes,
    *,
    rejected: dict[str, str] | None = None,
    message_id: str | None = None,
    pending=(),
    group_rejected: str = "",
) -> bytes:
    """The bank's status report on the credit transfer `pain001`.

    `rejected` maps an EndToEndId to the reason code it was rejected with (an id that is not in
    the file is reported all the same, as a confused bank would); `pending` names payments without
    a decision; `group_rejected`, a reason code, rejects the whole file. The result is valid
    against the pain.002 schema (a ValueError otherwise: a bug here).
    """
    rejected = dict(rejected or {})
    pending = list(pending)
    source = parse_untrusted(pain001)
    batch = source.find("p:CstmrCdtTrfInitn/p:PmtInf", _IN)
    transfers = {tx.findtext("p:PmtId/p:EndToEndId", namespaces=_IN): tx for tx in batch.findall("p:CdtTrfTxInf", _IN)}
    execution_date = batch.findtext("p:ReqdExctnDt", namespaces=_IN)

    root = etree.Element(f"{{{PAIN002_NS}}}Document", nsmap={None: PAIN002_NS})
    report = _sub(root, "CstmrPmtStsRpt")
    header = _sub(report, "GrpHdr")
    original_message_id = source.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:MsgId", namespaces=_IN)
    _sub(header, "MsgId", message_id or _default_message_id(original_message_id, rejected, pending, group_rejected))
    _sub(header, "CreDtTm", timezone.localtime().isoformat(timespec="seconds"))
    debtor_bic = batch.findtext("p:DbtrAgt/p:FinInstnId/p:BIC", namespaces=_IN)
    if debtor_bic:
        _sub(_sub(_sub(header, "DbtrAgt"), "FinInstnId"), "BIC", debtor_bic)
    group = _sub(report, "OrgnlGrpInfAndSts")
    _sub(group, "OrgnlMsgId", original_message_id)
    _sub(group, "OrgnlMsgNmId", ORIGINAL_MESSAGE_NAME)
    _sub(group, "OrgnlNbOfTxs", source.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:NbOfTxs", namespaces=_IN))
    _sub(group, "OrgnlCtrlSum", source.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:CtrlSum", namespaces=_IN))
    if group_rejected:
        _sub(group, "GrpSts", "RJCT")
        _reason(group, group_rejected)

    named = list(rejected.items())
    named += [(end_to_end_id, "") for end_to_end_id in pending if end_to_end_id not in rejected]
    if named:
        batch_status = _sub(report, "OrgnlPmtInfAndSts")
        _sub(batch_status, "OrgnlPmtInfId", batch.findtext("p:PmtInfId", namespaces=_IN))
        for end_to_end_id, code in named:
            tx = _sub(batch_status, "TxInfAndSts")
            _sub(tx, "OrgnlEndToEndId", end_to_end_id)
            if code:
                _sub(tx, "TxSts", "RJCT")
                _reason(tx, code)
            _original_reference(_sub(tx, "OrgnlTxRef"), transfers.get(end_to_end_id), execution_date)

    content = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    error = first_schema_error(pain002_schema(), root)
    if error:
        raise ValueError(f"the simulated status report is not valid pain.002.001.03: {error}")
    return content


def _original_reference(reference, transfer, execution_date: str | None) -> None:
    """OrgnlTxRef: what the original payment said (amount, date, creditor), as the profile asks."""
    if transfer is None:
        if execution_date:
            _sub(reference, "ReqdExctnDt", execution_date)
        return
    amount = transfer.find("p:Amt/p:InstdAmt", _IN)
    _sub(_sub(reference, "Amt"), "InstdAmt", amount.text, Ccy=amount.get("Ccy"))
    if execution_date:
        _sub(reference, "ReqdExctnDt", execution_date)
    name = transfer.findtext("p:Cdtr/p:Nm", namespaces=_IN)
    if name:
        _sub(_sub(reference, "Cdtr"), "Nm", name)
    iban = transfer.findtext("p:CdtrAcct/p:Id/p:IBAN", namespaces=_IN)
    if iban:
        _sub(_sub(_sub(reference, "CdtrAcct"), "Id"), "IBAN", iban)
