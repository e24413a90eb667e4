"""Payment runs: build a draft, discard it, or approve it into a bank file and its tax reports.

A coordinator builds a run for a payment date: every approved commission assignment up to the
cut-off date that is on no live payout line (never paid, or released again by a bank rejection)
becomes a line of its worker's payout, and so does every such product delivery
(`payment_run_products`). A worker who cannot be paid yet (no bank account, or no
identity code for the Incomes Register report) is held out with the reason, and the work waits.
A second person, of the paying role, approves the run: the accounts are frozen, and the bank file
and the Incomes Register reports are made in the same transaction, so no payment leaves without
its report.

The run is built in a constant number of queries whatever the number of workers (bulk reads and
bulk inserts), because a city-scale run pays thousands of workers at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from billing.bank_files.pain001 import credit_transfer_xml
from billing.incomes_register.reports import ir_reports_for_run
from billing.incomes_register.tasks import ir_deliveries_after_approval
from billing.models import (
    HoldReason,
    PaymentRun,
    PaymentRunHold,
    PaymentRunStatus,
    Payout,
    PayoutLine,
    PayoutStatus,
    WorkerPaymentDetails,
    WorkerTaxInfo,
)
from billing.payouts import unpaid_commission_work, withholding_percent_of
from billing.pricing import HUNDRED, ZERO, RateBook, round_cents, worker_pay
from billing.services.payment_run_cancellations import cancellation_lines_up_to, unpaid_cancellation_workers
from billing.services.payment_run_products import product_lines_up_to, unpaid_delivery_makers
from billing.tasks import PAYOUT_PDF_CHUNK, render_payout_pdfs_task
from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.roles import is_coordinator, is_payer
from jobcenter.tasks import enqueue_on_commit
from orders.models import ContractType
from workers.models import Worker

# Rows per INSERT or UPDATE statement: a run of 5,000 workers and their lines takes a few statements.
BULK_BATCH = 2000
# How many workers a refusal names before it says "and N more".
NAMES_SHOWN = 10


def _names(names: list[str]) -> str:
    shown = ", ".join(names[:NAMES_SHOWN])
    rest = len(names) - NAMES_SHOWN
    if rest > 0:
        shown += " " + ngettext("and %(count)s more", "and %(count)s more", rest) % {"count": rest}
    return shown


def _draft_in_progress() -> PaymentRun | None:
    """The open draft, if any: a second one is refused while it stands."""
    return PaymentRun.objects.filter(status=PaymentRunStatus.DRAFT).select_related("created_by").first()


def _draft_exists_message(draft: PaymentRun | None) -> str:
    if draft is None:
        return _("Another payment run was made at the same moment. Open it from the list of payment runs.")
    return _(
        "A draft payment run for %(date)s, made by %(name)s, is open. Approve or discard it before making a new one."
    ) % {"date": f"{draft.payment_date:%d.%m.%Y}", "name": draft.created_by.get_full_name() or draft.created_by.email}


@dataclass
class _WorkerWork:
    """One worker's unpaid work as read for the run: their assignments in gig order."""

    worker_id: int
    assignments: list = field(default_factory=list)


def _task_name(assignment) -> str:
    order = assignment.gig.order
    return order.task_type.name if order.task_type_id else order.title


def _unpaid_work_up_to(cutoff_date: dt.date) -> dict[int, _WorkerWork]:
    """Every worker's unpaid approved commission work up to the cut-off, in one query."""
    assignments = (
        unpaid_commission_work(period_end=cutoff_date)
        .only(
            "pk",
            "worker_id",
            "approved_hours",
            "gig__date",
            "gig__start_time",
            "gig__order__title",
            "gig__order__task_type",
            "gig__order__task_type__name_fi",
            "gig__order__task_type__name_sv",
            "gig__order__task_type__name_en",
        )
        .order_by("worker_id", "gig__date", "gig__start_time", "pk")
    )
    work: dict[int, _WorkerWork] = {}
    for assignment in assignments:
        work.setdefault(assignment.worker_id, _WorkerWork(assignment.worker_id)).assignments.append(assignment)
    return work


def _hold_reason(details: WorkerPaymentDetails | None, tax_info: WorkerTaxInfo | None) -> str | None:
    if details is None or not details.iban:
        return HoldReason.NO_IBAN
    in_register = tax_info is not None and tax_info.in_prepayment_register
    # The Incomes Register report of a fee names the earner by the identity code; a worker in the
    # prepayment register is not reported there.
    if not in_register and not details.personal_identity_code:
        return HoldReason.NO_IDENTITY_CODE
    return None


@transaction.atomic
def payment_run_create(*, payment_date: dt.date, cutoff_date: dt.date, by) -> PaymentRun:
    """A draft run paying every worker's approved, unpaid commission work with a gig date up to
    `cutoff_date` on `payment_date`; workers who cannot be paid are held out with the reason."""
    if not is_coordinator(by):
        raise ActionNotPermitted(_("Only the coordinator makes payment runs."))
    if payment_date < timezone.localdate():
        raise DomainError(_("The payment date must be today or later."))
    if cutoff_date > payment_date:
        raise DomainError(_("The work to pay must be done by the payment date: the cut-off date cannot be after it."))
    draft = _draft_in_progress()
    if draft is not None:
        raise DomainError(_draft_exists_message(draft))
    run = PaymentRun(payment_date=payment_date, cutoff_date=cutoff_date, created_by=by)
    try:
        # The one-draft constraint is the lock: a coordinator making a run at the same moment waits
        # here until this run commits, then is refused before reading any work.
        with transaction.atomic():
            run.save()
    except IntegrityError:
        standing = PaymentRun.objects.filter(status=PaymentRunStatus.DRAFT).select_related("created_by").first()
        raise DomainError(_draft_exists_message(standing)) from None

    work = _unpaid_work_up_to(cutoff_date)
    # Delivered product compensations are paid on the same payout as the work (their own module).
    product_lines = product_lines_up_to(cutoff_date)
    # So are the minimums of gigs the client cancelled late (their own module).
    cancellation_lines = cancellation_lines_up_to(cutoff_date)
    worker_ids = sorted(set(work) | set(product_lines) | set(cancellation_lines))
    unpaid = unpaid_commission_work(period_end=cutoff_date).values("worker_id")
    makers = unpaid_delivery_makers(cutoff_date=cutoff_date)
    cancelled = unpaid_cancellation_workers(cutoff_date=cutoff_date)
    workers = {
        w.pk: w
        for w in Worker.objects.filter(Q(pk__in=unpaid) | Q(pk__in=makers) | Q(pk__in=cancelled))
        .select_related("user")
        .only("pk", "user__first_name", "user__last_name", "user__email", "user__language")
    }
    to_pay = Q(worker_id__in=unpaid) | Q(worker_id__in=makers) | Q(worker_id__in=cancelled)
    tax_infos = {t.worker_id: t for t in WorkerTaxInfo.objects.filter(to_pay)}
    details = {d.worker_id: d for d in WorkerPaymentDetails.objects.filter(to_pay)}
    rates = RateBook()
    year = payment_date.year

    payouts: list[Payout] = []
    lines_of: list[list[PayoutLine]] = []
    holds: list[PaymentRunHold] = []
    for worker_id in worker_ids:
        assignments = work[worker_id].assignments if worker_id in work else []
        lines = []
        for assignment in assignments:
            day = assignment.gig.date
            rate = rates.price(contract_type=ContractType.COMMISSION, day=day).worker_hourly_pay
            lines.append(
                PayoutLine(
                    assignment_id=assignment.pk,
                    date=day,
                    task=_task_name(assignment)[:300],
                    hours=assignment.approved_hours,
                    rate=rate,
                    amount=worker_pay(assignment.approved_hours, rate),
                )
            )
        if worker_id in product_lines:
            lines = sorted(lines + product_lines[worker_id], key=lambda line: line.date)
        if worker_id in cancellation_lines:
            lines = sorted(lines + cancellation_lines[worker_id], key=lambda line: line.date)
        hours = sum((line.hours for line in lines), ZERO)
        gross = sum((line.amount for line in lines), ZERO)
        reason = _hold_reason(details.get(worker_id), tax_infos.get(worker_id))
        if reason is not None:
            holds.append(
                PaymentRunHold(
                    run=run,
                    worker_id=worker_id,
                    reason=reason,
                    assignments=len(assignments),
                    hours=hours,
                    gross=gross,
                )
            )
            continue
        worker = workers[worker_id]
        percent = withholding_percent_of(tax_infos.get(worker_id), year=year)
        tax = round_cents(gross * percent / HUNDRED)
        payouts.append(
            Payout(
                worker_id=worker_id,
                worker_name=worker.display_name,
                worker_email=worker.user.email,
                language=worker.language or "fi",
                run=run,
                status=PayoutStatus.DRAFT,
                payment_date=payment_date,
                period_start=lines[0].date,
                period_end=lines[-1].date,
                hours=hours,
                gross=gross,
                withholding_percent=percent,
                tax_withheld=tax,
                net=gross - tax,
                created_by=by,
            )
        )
        lines_of.append(lines)

    if not payouts:
        raise DomainError(_nothing_to_pay_message(holds))

    Payout.objects.bulk_create(payouts, batch_size=BULK_BATCH)
    all_lines = []
    for payout, lines in zip(payouts, lines_of, strict=True):
        for line in lines:
            line.payout_id = payout.pk
        all_lines.extend(lines)
    PayoutLine.objects.bulk_create(all_lines, batch_size=BULK_BATCH)
    PaymentRunHold.objects.bulk_create(holds, batch_size=BULK_BATCH)

    run.payment_count = len(payouts)
    run.gross = sum((p.gross for p in payouts), ZERO)
    run.tax_withheld = sum((p.tax_withheld for p in payouts), ZERO)
    run.net = sum((p.net for p in payouts), ZERO)
    run.save(update_fields=["payment_count", "gross", "tax_withheld", "net"])
    return run


def _nothing_to_pay_message(holds: list[PaymentRunHold]) -> str:
    if not holds:
        return _("There is no approved, unpaid commission work up to the cut-off date: the run would pay nobody.")
    counts: dict[str, int] = defaultdict(int)
    for hold in holds:
        counts[hold.reason] += 1
    reasons = "; ".join(f"{HoldReason(reason).label}: {count}" for reason, count in sorted(counts.items()))
    return ngettext(
        "Nobody can be paid: the %(count)s worker with unpaid work is held out (%(reasons)s). "
        "Enter the missing details and make the run again.",
        "Nobody can be paid: all %(count)s workers with unpaid work are held out (%(reasons)s). "
        "Enter the missing details and make the run again.",
        len(holds),
    ) % {"count": len(holds), "reasons": reasons}


def _lock_run(run_id: int) -> PaymentRun:
    run = PaymentRun.objects.select_for_update().filter(pk=run_id).first()
    if run is None:
        raise DomainError(_("The payment run does not exist."))
    return run


def _require_draft(run: PaymentRun) -> None:
    if run.status != PaymentRunStatus.DRAFT:
        raise DomainError(
            _("The payment run is “%(status)s”: only a draft can be changed.") % {"status": run.get_status_display()}
        )


@transaction.atomic
def payment_run_discard(*, run_id: int, by) -> PaymentRun:
    """Throw a draft away: its payouts, lines and holds go, and the work is free for the next run."""
    if not (is_coordinator(by) or is_payer(by)):
        raise ActionNotPermitted(_("Only the coordinator or the paying role discards a payment run."))
    run = _lock_run(run_id)
    _require_draft(run)
    PayoutLine.objects.filter(payout__run=run).delete()
    Payout.objects.filter(run=run).delete()
    PaymentRunHold.objects.filter(run=run).delete()
    run.status = PaymentRunStatus.DISCARDED
    run.discarded_by = by
    run.discarded_at = timezone.now()
    run.save(update_fields=["status", "discarded_by", "discarded_at"])
    return run


def _message_id(run: PaymentRun, now: dt.datetime) -> str:
    """The bank file's MsgId (at most 35 characters): unique per run, and the approval time keeps it
    unique also across databases that number their runs from one again (a test or training copy)."""
    return f"JC{run.pk}-{timezone.localtime(now):%Y%m%d%H%M%S}"


def _end_to_end_id(payout: Payout) -> str:
    """The payment's EndToEndId (at most 35 characters), which the bank's status report quotes back."""
    return f"JC{payout.run_id}-{payout.pk}"


def _payouts_without_details(payouts: list[Payout]) -> list[str]:
    """Names of the run's workers whose bank account (or identity code, when the Incomes Register
    report needs it) has gone since the run was made."""
    worker_ids = [p.worker_id for p in payouts]
    details = {d.worker_id: d for d in WorkerPaymentDetails.objects.filter(worker_id__in=worker_ids)}
    tax_infos = {t.worker_id: t for t in WorkerTaxInfo.objects.filter(worker_id__in=worker_ids)}
    missing = []
    for payout in payouts:
        if _hold_reason(details.get(payout.worker_id), tax_infos.get(payout.worker_id)) is not None:
            missing.append(payout.worker_name)
        else:
            payout.iban = details[payout.worker_id].iban
            payout.bic = details[payout.worker_id].bic
    return missing


@transaction.atomic
def payment_run_approve(*, run_id: int, by) -> PaymentRun:
    """The second pair of eyes: freeze each payout's account, make the bank file and the Incomes
    Register reports, and send the payouts to the bank; the statements' PDFs follow after commit."""
    if not is_payer(by):
        raise ActionNotPermitted(_("Only a person with the paying role approves a payment run."))
    run = _lock_run(run_id)
    if run.created_by_id == by.pk:
        raise ActionNotPermitted(
            _("You made this payment run, so another person with the paying role approves it (four eyes).")
        )
    _require_draft(run)
    payouts = list(run.payouts.order_by("pk"))
    missing = _payouts_without_details(payouts)
    if missing:
        raise DomainError(
            _(
                "The bank account or identity code of these workers is missing now: %(names)s. "
                "Discard the run and make it again (they will be held out), or enter their details first."
            )
            % {"names": _names(missing)}
        )
    now = timezone.now()
    for payout in payouts:
        payout.end_to_end_id = _end_to_end_id(payout)
        if payout.net > ZERO:
            payout.status = PayoutStatus.IN_PAYMENT
        else:
            # Everything was withheld: SEPA has no 0 € transfer, so nothing goes to the bank and the
            # payment is done as it stands (its Incomes Register report still goes: tax was withheld).
            payout.status = PayoutStatus.PAID
            payout.settled_at = now
    Payout.objects.bulk_update(payouts, ["iban", "bic", "end_to_end_id", "status", "settled_at"], batch_size=BULK_BATCH)

    run.message_id = _message_id(run, now)
    run.payer_name = settings.JOBCENTER_PAYER_NAME
    run.payer_business_id = settings.JOBCENTER_PAYER_BUSINESS_ID
    run.payer_iban = settings.JOBCENTER_PAYER_IBAN
    run.payer_bic = settings.JOBCENTER_PAYER_BIC
    run.status = PaymentRunStatus.APPROVED
    run.approved_by = by
    run.approved_at = now
    run.save()

    if any(payout.net > ZERO for payout in payouts):
        content = credit_transfer_xml(run)
        run.bank_file.save(f"pain001-{run.payment_date:%Y%m%d}-run{run.pk}.xml", ContentFile(content), save=False)
        run.bank_file_sha256 = hashlib.sha256(content).hexdigest()
        run.save(update_fields=["bank_file", "bank_file_sha256"])
    ir_reports_for_run(run=run, by=by)
    # The reports leave for the register once the approval has committed (a failed send stays on the
    # Incomes Register page with its error and a button; the approval itself never waits for it).
    enqueue_on_commit(ir_deliveries_after_approval, run.pk)

    ids = [p.pk for p in payouts]
    for start in range(0, len(ids), PAYOUT_PDF_CHUNK):
        enqueue_on_commit(render_payout_pdfs_task, ids[start : start + PAYOUT_PDF_CHUNK])
    return run
