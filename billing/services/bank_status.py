"""Applying the bank's payment status report (pain.002) to an approved payment run.

The report answers one bank file: it quotes the file's MsgId, and each payment by the EndToEndId
we gave it. In the profile we validate against (the German banks' SEPA profile, see
billing/schemas/iso20022/README.md) a bank names only what it rejected: one payment, a batch, or
the whole file. A payment the report does not name has gone through, as the ISO rules for status
reports infer too; a payment it names without a decision is left waiting.

So one upload settles the run's payments still with the bank: a rejected one becomes REJECTED
with the bank's reason, its work is released for the next run and its Incomes Register report is
withdrawn or cancelled; every other one becomes PAID. A payment already settled by an earlier
report is left alone, unless this report says the opposite of what the earlier one did: a bank
does not turn a payment around in a status report (money that comes back arrives as a new credit
on the statement), so such a report is refused whole. Every refusal leaves everything unchanged.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from billing.bank_files.pain001 import transfers_of
from billing.bank_files.pain002 import StatusReport, StatusReportUnreadable, parse_status_report
from billing.bank_files.reasons import reason_meaning
from billing.incomes_register import reports as ir_reports
from billing.models import BankStatusReport, PaymentRun, PaymentRunStatus, Payout, PayoutLine, PayoutStatus
from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.roles import is_payer

REJECTED = "RJCT"
# Positive statuses of the ISO code set. The profile we validate against allows none of them (a
# payment it does not name is paid), but a report naming one means the same.
ACCEPTED = frozenset({"ACCP", "ACSC", "ACSP", "ACWC"})
IDS_SHOWN = 10
# Rows per UPDATE statement: a city-scale run has thousands of payments.
BULK_BATCH = 2000


@dataclass
class _Outcome:
    payout: Payout
    target: str
    bank_status: str = ""
    reason_code: str = ""
    reason: str = ""
    # True when the report says this about the payment; False when it is inferred from silence.
    stated: bool = True


def _shown(items: list[str]) -> str:
    text = ", ".join(items[:IDS_SHOWN])
    rest = len(items) - IDS_SHOWN
    if rest > 0:
        text += " " + ngettext("and %(count)s more", "and %(count)s more", rest) % {"count": rest}
    return text


def _who(user) -> str:
    return user.get_full_name() or user.email


def _parse(content: bytes, filename: str) -> StatusReport:
    try:
        return parse_status_report(content)
    except StatusReportUnreadable as error:
        name = PurePath(filename or "").name
        if not name:
            raise
        raise StatusReportUnreadable(
            _("“%(file)s”: %(problem)s") % {"file": name[:100], "problem": error.message}
        ) from None


def _find_run(report: StatusReport) -> PaymentRun:
    if report.original_message_name and not report.original_message_name.startswith("pain.001"):
        raise DomainError(
            _("This status report answers a message of the kind %(name)s, not a credit transfer (pain.001).")
            % {"name": report.original_message_name[:35]}
        )
    run = PaymentRun.objects.select_for_update().filter(message_id=report.original_message_id).first()
    if run is None:
        raise DomainError(
            _("This status report is for another bank file (message %(id)s), not for any payment run here.")
            % {"id": report.original_message_id}
        )
    return run


def _refuse_if_seen(report: StatusReport, digest: str) -> None:
    earlier = (
        BankStatusReport.objects.filter(Q(message_id=report.message_id) | Q(sha256=digest))
        .select_related("uploaded_by")
        .order_by("uploaded_at")
        .first()
    )
    if earlier is not None:
        raise DomainError(
            _("This status report was uploaded already on %(date)s by %(name)s; nothing was changed.")
            % {"date": f"{timezone.localtime(earlier.uploaded_at):%d.%m.%Y %H:%M}", "name": _who(earlier.uploaded_by)}
        )


def _check_against_file(report: StatusReport, run: PaymentRun, transfers: dict[str, Payout]) -> None:
    """Everything the report names must be in the run's file, or it answers some other file."""
    if report.original_count and report.original_count != str(len(transfers)):
        raise DomainError(
            _(
                "The status report says the bank file had %(reported)s payments, but this run's file "
                "has %(ours)s. Nothing was changed; check that the report answers this run's file."
            )
            % {"reported": report.original_count, "ours": len(transfers)}
        )
    if report.original_total:
        ours = sum((payout.net for payout in transfers.values()), Decimal(0))
        try:
            reported = Decimal(report.original_total)
        except InvalidOperation:
            reported = None
        if reported != ours:
            raise DomainError(
                _(
                    "The status report says the bank file's total was %(reported)s €, but this run's "
                    "file totals %(ours)s €. Nothing was changed; check that the report answers this run's file."
                )
                % {
                    "reported": report.original_total if reported is None else number_format(reported, 2),
                    "ours": number_format(ours, 2),
                }
            )
    unknown_batches = sorted({batch.original_payment_information_id for batch in report.batches} - {run.message_id})
    if unknown_batches:
        raise DomainError(
            _(
                "The status report names payment batches that are not in this run's bank file: %(ids)s. "
                "Nothing was changed."
            )
            % {"ids": _shown(unknown_batches)}
        )
    named = [tx.original_end_to_end_id for tx in report.transactions]
    if "" in named:
        raise DomainError(
            _(
                "The status report names a payment without its payment ID (OrgnlEndToEndId), so it "
                "cannot be matched to a worker. Nothing was changed; ask the bank for a full report."
            )
        )
    unknown = sorted(set(named) - set(transfers))
    if unknown:
        raise DomainError(
            _(
                "The status report names payments that are not in this run's bank file: %(ids)s. "
                "Nothing was changed; check that the report is the bank's answer to this file."
            )
            % {"ids": _shown(unknown)}
        )


def _whole_file_rejection(report: StatusReport) -> str | None:
    """The reason code when the report rejects the whole file (the group, or our one batch)."""
    if report.group_status == REJECTED:
        return report.group_reason_code
    for batch in report.batches:
        if batch.status == REJECTED:
            return batch.reason_code
    return None


def _rejected(payout: Payout, code: str, info: str, *, stated: bool = True) -> _Outcome:
    with translation.override(settings.LANGUAGE_CODE):
        reason = info or reason_meaning(code)
    return _Outcome(payout, PayoutStatus.REJECTED, REJECTED, code, reason[:500], stated)


def _outcomes(report: StatusReport, transfers: dict[str, Payout]) -> list[_Outcome]:
    """What the report means for each payment of the file; payments left waiting are not listed."""
    named = {tx.original_end_to_end_id: tx for tx in report.transactions}
    whole_file = _whole_file_rejection(report)
    outcomes = []
    for end_to_end_id, payout in transfers.items():
        tx = named.get(end_to_end_id)
        if tx is not None and tx.status == REJECTED:
            outcomes.append(_rejected(payout, tx.reason_code, tx.additional_info))
        elif tx is not None and tx.status in ACCEPTED:
            outcomes.append(_Outcome(payout, PayoutStatus.PAID, tx.status))
        elif whole_file is not None:
            outcomes.append(_rejected(payout, whole_file, ""))
        elif tx is None:
            outcomes.append(_Outcome(payout, PayoutStatus.PAID, stated=False))
        # Otherwise named without a decision (or pending): it waits for the next report.
    return outcomes


def _changes(outcomes: list[_Outcome]) -> list[_Outcome]:
    """The outcomes that change a payment still with the bank; refuses a report that contradicts
    an earlier one."""
    changes, contradictions = [], []
    for outcome in outcomes:
        payout = outcome.payout
        if payout.status == PayoutStatus.IN_PAYMENT:
            changes.append(outcome)
        elif outcome.stated and payout.status != outcome.target:
            contradictions.append(
                _("%(name)s (%(id)s) is “%(now)s”, the report says “%(then)s”")
                % {
                    "name": payout.worker_name,
                    "id": payout.end_to_end_id,
                    "now": payout.get_status_display(),
                    "then": PayoutStatus(outcome.target).label,
                }
            )
    if contradictions:
        raise DomainError(
            _(
                "This status report contradicts what an earlier one said about these payments: %(list)s. "
                "A bank does not turn a payment around in a status report; nothing was changed. Ask the bank "
                "what happened to them."
            )
            % {"list": _shown(contradictions)}
        )
    return changes


@transaction.atomic
def bank_status_report_apply(*, content: bytes, by, filename: str = "", run_id: int | None = None) -> BankStatusReport:
    """Mark the payments of the run the status report `content` answers paid or rejected, as it says.

    `run_id`, when given (the run whose page the report was uploaded on), must be the run the
    report answers."""
    if not is_payer(by):
        raise ActionNotPermitted(_("Only a person with the paying role uploads the bank's status reports."))
    report = _parse(content, filename)
    digest = hashlib.sha256(content).hexdigest()
    # The run's lock also orders two uploads of the same report: the second sees the first.
    run = _find_run(report)
    if run_id is not None and run.pk != run_id:
        raise DomainError(
            _(
                "This status report answers the bank file of another payment run, the one of %(date)s. "
                "Nothing was changed; upload it on that run's page."
            )
            % {"date": f"{run.payment_date:%d.%m.%Y}"}
        )
    _refuse_if_seen(report, digest)
    if run.status != PaymentRunStatus.APPROVED:
        raise DomainError(
            _("The payment run of %(date)s is “%(status)s”: only an approved run's payments are with the bank.")
            % {"date": f"{run.payment_date:%d.%m.%Y}", "status": run.get_status_display()}
        )
    transfers = {payout.end_to_end_id: payout for payout in transfers_of(run).select_for_update()}
    _check_against_file(report, run, transfers)
    changes = _changes(_outcomes(report, transfers))

    now = timezone.now()
    paid = [outcome for outcome in changes if outcome.target == PayoutStatus.PAID]
    rejected = [outcome for outcome in changes if outcome.target == PayoutStatus.REJECTED]
    stored = BankStatusReport(
        run=run,
        message_id=report.message_id,
        created_at_bank=report.created_at,
        uploaded_by=by,
        sha256=digest,
        paid=len(paid),
        rejected=len(rejected),
    )
    stored.save()
    # The paid ones differ at most in the status the bank gave: one UPDATE per status and batch.
    paid_ids: dict[str, list[int]] = defaultdict(list)
    for outcome in paid:
        paid_ids[outcome.bank_status].append(outcome.payout.pk)
    for bank_status, ids in paid_ids.items():
        for start in range(0, len(ids), BULK_BATCH):
            Payout.objects.filter(pk__in=ids[start : start + BULK_BATCH]).update(
                status=PayoutStatus.PAID, bank_status=bank_status, settled_at=now, status_report=stored
            )
    for outcome in rejected:
        payout = outcome.payout
        payout.status = outcome.target
        payout.bank_status = outcome.bank_status
        payout.bank_reason_code = outcome.reason_code
        payout.bank_reason = outcome.reason
        payout.settled_at = now
        payout.status_report = stored
    Payout.objects.bulk_update(
        [outcome.payout for outcome in rejected],
        ["status", "bank_status", "bank_reason_code", "bank_reason", "settled_at", "status_report"],
        batch_size=BULK_BATCH,
    )
    if rejected:
        # The work of a rejected payment was not paid: it returns to the next run.
        PayoutLine.objects.filter(payout__in=[outcome.payout for outcome in rejected], released=False).update(
            released=True
        )
    for outcome in rejected:
        ir_reports.ir_report_cancel_for_payout(payout=outcome.payout, reason=outcome.reason, by=by)
    # The file last: nothing above can fail after it is written.
    stored.file.save(f"pain002-run{run.pk}-{digest[:16]}.xml", ContentFile(content), save=True)
    return stored
