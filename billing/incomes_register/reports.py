"""Making the Incomes Register reports of payments: new, replacement and cancellation reports.

A report belongs to one payout and is identified for the register by our own reference, ReportId
(`report_id`, "JC-<payout id>"), and its version. Its life:

- new (`ir_reports_for_run`): made when a payment run is approved, in the same transaction, for
  every payout whose worker is not in the prepayment register (fees to a person in the
  prepayment register are not reported to the Incomes Register); waiting to be sent;
- replacement (`ir_report_replace`): the same ReportId with the next version, same payment date;
  if the report it corrects never reached the register, that one is withdrawn and the replacement
  simply goes instead (it then goes to the register as a new report);
- cancellation (`ir_report_cancel_for_payout`, `ir_report_reissue`): the register deletes a report
  it received by a message of its own type, which our schemas do not hold, so a cancellation is
  recorded here as a task for the coordinator: cancel the report with this ReportId in the
  register's e-service, then mark it done (`ir_cancellation_mark_done`, in deliveries.py). A
  report that never reached the register is simply withdrawn.

The due date is the payment date + JOBCENTER_IR_DUE_DAYS (5): the register wants the report by the
fifth calendar day after the payment date, and takes it on the next working day when that day is a
weekend day or a holiday. We keep the plain fifth day: it is never later than the register's, so
a warning by it is never too late, and it needs no calendar of Finnish holidays.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.fi import hetu

from billing.incomes_register import codes
from billing.incomes_register.deliveries import lock_reports, withdraw
from billing.models import (
    IncomesRegisterReport,
    IncomesRegisterReportKind,
    IncomesRegisterReportStatus,
    Payout,
)
from billing.pricing import round_cents
from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.roles import is_coordinator, is_payer

Kind = IncomesRegisterReportKind
Status = IncomesRegisterReportStatus
FILED = (Kind.NEW, Kind.REPLACEMENT)
UNSENT = (Status.WAITING, Status.FAILED)
BULK_BATCH = 1000
REASON_MAX = 300


def due_date_for(payment_date: dt.date) -> dt.date:
    return payment_date + dt.timedelta(days=settings.JOBCENTER_IR_DUE_DAYS)


def report_id_for(payout_id: int, number: int = 1) -> str:
    """Our ReportId: "JC-<payout>" for a payout's first report, "JC-<payout>-<n>" for a reissue."""
    return f"JC-{payout_id}" if number == 1 else f"JC-{payout_id}-{number}"


def _require_payments_role(by) -> None:
    if not (is_coordinator(by) or is_payer(by)):
        raise ActionNotPermitted(_("Only a coordinator or the paying role may change Incomes Register reports."))


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for the correction."))
    if len(reason) > REASON_MAX:
        raise DomainError(_("The reason may be at most %(count)s characters.") % {"count": REASON_MAX})
    return reason


def ir_reports_for_run(*, run, by) -> list[IncomesRegisterReport]:
    """A new report for each payout of an approved run whose worker is not in the prepayment
    register. Called by `payment_run_approve` inside its transaction. A payout that already has
    a report gets no second one, so calling this twice makes nothing more. The queries do not grow
    with the number of workers: one read and the inserts in batches."""
    _require_payments_role(by)
    rows = list(
        Payout.objects.filter(run=run, ir_reports__isnull=True)
        .values("pk", "worker_name", "gross", "tax_withheld", "payment_date")
        .annotate(
            identity_code=F("worker__payment_details__personal_identity_code"),
            prepayment_register=F("worker__tax_info__in_prepayment_register"),
        )
        .order_by("pk")
    )
    to_report = [row for row in rows if not row["prepayment_register"]]
    missing = [row["worker_name"] for row in to_report if not hetu.is_valid(row["identity_code"] or "")]
    if missing:
        raise DomainError(
            _(
                "No valid personal identity code for the Incomes Register report of %(count)s workers: "
                "%(names)s. Hold them out of the run or add their identity codes."
            )
            % {"count": len(missing), "names": ", ".join(sorted(missing)[:10])}
        )
    reports = []
    for row in to_report:
        payment_date = row["payment_date"] or run.payment_date
        reports.append(
            IncomesRegisterReport(
                payout_id=row["pk"],
                kind=Kind.NEW,
                report_id=report_id_for(row["pk"]),
                version=1,
                payment_date=payment_date,
                due_date=due_date_for(payment_date),
                income_type=codes.INCOME_TYPE_COMMISSION_FEE,
                amount=row["gross"],
                tax_withheld=row["tax_withheld"],
                earner_identity_code=hetu.compact(row["identity_code"]),
                earner_name=row["worker_name"],
                status=Status.WAITING,
                created_by=by,
            )
        )
    return IncomesRegisterReport.objects.bulk_create(reports, batch_size=BULK_BATCH)


def _chains(reports) -> dict[str, list[IncomesRegisterReport]]:
    chains: dict[str, list[IncomesRegisterReport]] = defaultdict(list)
    for report in sorted(reports, key=lambda r: (r.report_id, r.version)):
        chains[report.report_id].append(report)
    return chains


def _cancel_chain(chain: list[IncomesRegisterReport], *, reason: str, by) -> IncomesRegisterReport | None:
    """Withdraw what never reached the register; if some version did, record its cancellation."""
    if any(report.kind == Kind.CANCELLATION for report in chain):
        return None  # cancelled already
    for report in chain:
        if report.kind in FILED and report.status in UNSENT:
            withdraw(report)
    sent = [report for report in chain if report.kind in FILED and report.status == Status.SENT]
    if not sent:
        return None
    latest = sent[-1]
    return IncomesRegisterReport.objects.create(
        payout_id=latest.payout_id,
        kind=Kind.CANCELLATION,
        corrects=latest,
        report_id=latest.report_id,
        version=chain[-1].version + 1,
        payment_date=latest.payment_date,
        # The register asks that a cancellation be made without delay.
        due_date=timezone.localdate(),
        income_type=latest.income_type,
        amount=latest.amount,
        tax_withheld=latest.tax_withheld,
        earner_identity_code=latest.earner_identity_code,
        earner_name=latest.earner_name,
        reason=reason,
        status=Status.WAITING,
        created_by=by,
    )


@transaction.atomic
def ir_report_cancel_for_payout(*, payout, reason: str, by) -> list[IncomesRegisterReport]:
    """The payment did not happen (the bank rejected it): its report is withdrawn if it was never
    sent, otherwise a cancellation is made. Called by the bank status service in its transaction.
    Returns the cancellations made (none for a worker in the prepayment register, who has no
    report, and none when called again)."""
    _require_payments_role(by)
    reason = (reason or "").strip()[:REASON_MAX] or _("The bank rejected the payment.")
    reports = lock_reports(IncomesRegisterReport.objects.filter(payout=payout))
    made = [_cancel_chain(chain, reason=reason, by=by) for chain in _chains(reports).values()]
    return [cancellation for cancellation in made if cancellation is not None]


def _correctable(report_id: int) -> tuple[IncomesRegisterReport, list[IncomesRegisterReport]]:
    """The report to correct, locked, and its whole chain (same ReportId); refuses what cannot be."""
    report = IncomesRegisterReport.objects.filter(pk=report_id).first()
    if report is None:
        raise DomainError(_("The report does not exist."))
    chain = lock_reports(IncomesRegisterReport.objects.filter(report_id=report.report_id))
    report = next(r for r in chain if r.pk == report.pk)
    if report.kind == Kind.CANCELLATION or any(r.kind == Kind.CANCELLATION for r in chain):
        raise DomainError(_("This report has been cancelled, so it cannot be corrected."))
    if report.status == Status.WITHDRAWN:
        raise DomainError(_("This report was replaced before it was sent. Correct the newest version."))
    if any(r.version > report.version and r.status != Status.WITHDRAWN for r in chain):
        raise DomainError(_("A newer version of this report exists. Correct the newest version."))
    return report, chain


@transaction.atomic
def ir_report_replace(*, report_id: int, amount, tax_withheld, reason: str, by) -> IncomesRegisterReport:
    """A replacement of the report (pk `report_id`): the same payment date and earner, the same
    ReportId with the next version, new amounts. If the report never reached the register, it is
    withdrawn and the replacement goes instead, by the same due date; a correction of a report the
    register has is due at once (the register asks for corrections without delay)."""
    _require_payments_role(by)
    reason = _reason(reason)
    try:
        amount, tax_withheld = round_cents(amount), round_cents(tax_withheld)
    except (TypeError, ValueError, ArithmeticError):
        raise DomainError(_("Give the amounts in euros, for example 120,50.")) from None
    if amount <= 0:
        raise DomainError(_("The fee must be more than zero. To remove a report, the payment must be cancelled."))
    if tax_withheld < 0 or tax_withheld > amount:
        raise DomainError(_("The tax withheld must be between zero and the fee."))
    original, chain = _correctable(report_id)
    if amount == original.amount and tax_withheld == original.tax_withheld:
        raise DomainError(_("The amounts are the same as in the report: there is nothing to correct."))
    ever_sent = any(r.kind in FILED and r.status == Status.SENT for r in chain)
    if original.status in UNSENT:
        withdraw(original)
    return IncomesRegisterReport.objects.create(
        payout_id=original.payout_id,
        kind=Kind.REPLACEMENT,
        corrects=original,
        report_id=original.report_id,
        version=chain[-1].version + 1,
        payment_date=original.payment_date,
        due_date=timezone.localdate() if ever_sent else original.due_date,
        income_type=original.income_type,
        amount=amount,
        tax_withheld=tax_withheld,
        earner_identity_code=original.earner_identity_code,
        earner_name=original.earner_name,
        reason=reason,
        status=Status.WAITING,
        created_by=by,
    )


@transaction.atomic
def ir_report_reissue(
    *, report_id: int, reason: str, by, identity_code: str | None = None, payment_date: dt.date | None = None
) -> IncomesRegisterReport:
    """Correct the earner's identity code or the payment date. The register takes neither in a
    replacement report: the report is cancelled (withdrawn if it never reached the register) and a
    new report, with a new ReportId, is made with the corrected data."""
    _require_payments_role(by)
    reason = _reason(reason)
    original, chain = _correctable(report_id)
    code = original.earner_identity_code
    if identity_code:
        if not hetu.is_valid(identity_code):
            raise DomainError(_("The personal identity code is not valid. Check it."))
        code = hetu.compact(identity_code)
    new_date = payment_date or original.payment_date
    if code == original.earner_identity_code and new_date == original.payment_date:
        raise DomainError(_("Give a new identity code or a new payment date: nothing would change."))
    _cancel_chain(chain, reason=reason, by=by)
    number = IncomesRegisterReport.objects.filter(payout_id=original.payout_id, kind=Kind.NEW).count() + 1
    return IncomesRegisterReport.objects.create(
        payout_id=original.payout_id,
        kind=Kind.NEW,
        report_id=report_id_for(original.payout_id, number),
        version=1,
        payment_date=new_date,
        due_date=max(due_date_for(new_date), timezone.localdate()),
        income_type=original.income_type,
        amount=original.amount,
        tax_withheld=original.tax_withheld,
        earner_identity_code=code,
        earner_name=original.earner_name,
        reason=reason,
        status=Status.WAITING,
        created_by=by,
    )
