"""Reading the bank's payment status report: ISO 20022 pain.002.001.03, as the German banks' SEPA
profile of it defines (billing/schemas/iso20022/README.md).

The report is uploaded by a person, so it is untrusted: it is parsed without entities, DTDs or
network access, and validated against the schema before anything in it is believed. Whatever is
wrong is said in plain words (`StatusReportUnreadable`), and nothing is changed.

In this profile a status can only be `RJCT`: the bank names the payments it rejected, one by one,
per batch (`PmtInfSts`) or the whole file at once (`GrpSts`). A payment's own status, when it has
none, is its batch's, and a batch's is the group's; the same for the reason.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from billing.bank_files.schemas import (
    PAIN001_NS,
    PAIN002_NS,
    DoctypeNotAllowed,
    first_schema_error,
    pain002_schema,
    parse_untrusted,
)
from jobcenter.errors import DomainError

# A status report names at most the payments of one file: a few hundred bytes each, so a run of
# 5,000 workers makes a report of a few megabytes. Anything far larger is not one.
MAX_REPORT_BYTES = 20 * 1024 * 1024
NS = {"p": PAIN002_NS}


class StatusReportUnreadable(DomainError):
    """The upload is not a valid pain.002 status report; the message says what is wrong."""


@dataclass(frozen=True)
class TransactionStatus:
    """One payment the report names: its EndToEndId in our file, the status and reason that apply
    to it (its own, or else its batch's or the group's), and the bank's words, if any."""

    original_end_to_end_id: str
    status: str
    reason_code: str
    additional_info: str = ""


@dataclass(frozen=True)
class BatchStatus:
    """One payment batch (PmtInf) of our file the report names, with its own status, if any."""

    original_payment_information_id: str
    status: str
    reason_code: str


@dataclass(frozen=True)
class StatusReport:
    message_id: str
    created_at: dt.datetime | None
    original_message_id: str
    original_message_name: str
    # What the report says our file held (NbOfTxs, CtrlSum), when it says it.
    original_count: str
    original_total: str
    group_status: str
    group_reason_code: str
    batches: list[BatchStatus] = field(default_factory=list)
    transactions: list[TransactionStatus] = field(default_factory=list)


def _text(element, path: str) -> str:
    return (element.findtext(path, default="", namespaces=NS) or "").strip()


def _reason(element) -> tuple[str, str]:
    """The first status reason's code and its additional information. The German banks' profile
    has no AddtlInf (the ISO schema does), so the information is empty under our schema."""
    reason = element.find("p:StsRsnInf", NS)
    if reason is None:
        return "", ""
    info = " ".join(line.text.strip() for line in reason.findall("p:AddtlInf", NS) if line.text)
    return _text(reason, "p:Rsn/p:Cd"), info


def _created_at(value: str) -> dt.datetime | None:
    """The report's CreDtTm; one without a time zone is Helsinki time, as the bank's clock is."""
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _root(content: bytes) -> etree._Element:
    if not content or not content.strip():
        raise StatusReportUnreadable(_("The file is empty."))
    if len(content) > MAX_REPORT_BYTES:
        raise StatusReportUnreadable(
            _("The file is too large to be a bank status report (at most %(size)s MB).")
            % {"size": MAX_REPORT_BYTES // (1024 * 1024)}
        )
    try:
        return parse_untrusted(content)
    except DoctypeNotAllowed:
        raise StatusReportUnreadable(
            _("The file declares a document type (DTD), which a bank status report never does; it was not read.")
        ) from None
    except etree.XMLSyntaxError:
        raise StatusReportUnreadable(
            _("The file is not a bank status report: it is not XML. Upload the pain.002 file the bank returned.")
        ) from None


def parse_status_report(content: bytes) -> StatusReport:
    """The status report in `content`, validated against pain.002.001.03, or `StatusReportUnreadable`."""
    root = _root(content)
    if root.tag == f"{{{PAIN001_NS}}}Document":
        raise StatusReportUnreadable(
            _(
                "This is a payment file (pain.001), the one sent to the bank, not the bank's status "
                "report. Upload the pain.002 file the bank returned."
            )
        )
    if root.tag != f"{{{PAIN002_NS}}}Document":
        raise StatusReportUnreadable(
            _(
                "The file is XML, but not a bank status report (ISO 20022 pain.002.001.03). "
                "Upload the pain.002 file the bank returned."
            )
        )
    error = first_schema_error(pain002_schema(), root)
    if error:
        raise StatusReportUnreadable(
            _("The file is not a valid bank status report (pain.002.001.03), so nothing was changed: %(error)s")
            % {"error": error}
        )

    report = root.find("p:CstmrPmtStsRpt", NS)
    group = report.find("p:OrgnlGrpInfAndSts", NS)
    group_status = _text(group, "p:GrpSts")
    group_reason, _group_info = _reason(group)
    batches = []
    transactions = []
    for batch in report.findall("p:OrgnlPmtInfAndSts", NS):
        batch_status = _text(batch, "p:PmtInfSts")
        batch_reason, _batch_info = _reason(batch)
        batches.append(BatchStatus(_text(batch, "p:OrgnlPmtInfId"), batch_status, batch_reason))
        for tx in batch.findall("p:TxInfAndSts", NS):
            reason, info = _reason(tx)
            transactions.append(
                TransactionStatus(
                    original_end_to_end_id=_text(tx, "p:OrgnlEndToEndId"),
                    status=_text(tx, "p:TxSts") or batch_status or group_status,
                    reason_code=reason or batch_reason or group_reason,
                    additional_info=info,
                )
            )
    return StatusReport(
        message_id=_text(report, "p:GrpHdr/p:MsgId"),
        created_at=_created_at(_text(report, "p:GrpHdr/p:CreDtTm")),
        original_message_id=_text(group, "p:OrgnlMsgId"),
        original_message_name=_text(group, "p:OrgnlMsgNmId"),
        original_count=_text(group, "p:OrgnlNbOfTxs"),
        original_total=_text(group, "p:OrgnlCtrlSum"),
        group_status=group_status,
        group_reason_code=group_reason,
        batches=batches,
        transactions=transactions,
    )
