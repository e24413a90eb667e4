"""Worker payouts for commission-contract work: withholding, the unpaid work, the statement's PDF,
the payer's CSV, yearly totals and the employment-contract costs.

Payouts are made only by payment runs (`billing.services.payment_runs`): a run pays the work with a
bank file and reports it to the Incomes Register, with four eyes. This module holds the rules the
runs use (which work is unpaid, the withholding of a worker and year) and the reads of the pages.
Employment-contract work is never paid here (the employer partner pays the wages).
Withholding, as the Finnish Tax Administration sets it for fees: a worker in the prepayment
register → 0 %; a tax card → its percentage; no tax card on file → 60 %.
Each line's amount is the gig's pay from `billing.pricing` (hours × the hourly pay of the gig's
date, rounded half up), so the statement shows the same euros as the worker's earnings page.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from billing.models import NO_TAX_CARD_WITHHOLDING, Payout, PayoutLine, PayoutStatus, WorkerTaxInfo, YelLowerLimit
from billing.pricing import ZERO, RateBook, hourly_amount, round_cents, worker_pay
from jobcenter.csv_export import csv_writer, number_cell
from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.roles import is_coordinator
from orders.models import Assignment, AssignmentStatus, ContractType
from workers.models import Worker

YEL_APPROACHING_SHARE = Decimal("0.80")


def _require_coordinator(user) -> None:
    if not is_coordinator(user):
        raise ActionNotPermitted()


def _check_period(period_start: dt.date, period_end: dt.date) -> None:
    if period_end < period_start:
        raise DomainError(_("The period must not end before it starts."))


def unpaid_commission_work(*, period_end: dt.date, period_start: dt.date | None = None, worker_id: int | None = None):
    """Approved commission-contract assignments with a gig date up to `period_end` (and from
    `period_start`, when given) that are on no live payout line: never paid, or released again by
    the bank's rejection."""
    qs = Assignment.objects.filter(
        status=AssignmentStatus.APPROVED,
        gig__order__contract_type=ContractType.COMMISSION,
        gig__date__lte=period_end,
    ).exclude(payout_lines__released=False)
    if period_start is not None:
        qs = qs.filter(gig__date__gte=period_start)
    if worker_id is not None:
        qs = qs.filter(worker_id=worker_id)
    return qs.select_related("gig__order__task_type").order_by("gig__date", "gig__start_time", "pk")


@dataclass(frozen=True)
class UnpaidWorkerRow:
    worker: Worker
    hours: Decimal
    assignments: int


def workers_with_unpaid_work(*, period_start: dt.date, period_end: dt.date, by) -> list[UnpaidWorkerRow]:
    _require_coordinator(by)
    counts: dict[int, tuple[Decimal, int]] = {}
    for worker_id, hours in unpaid_commission_work(period_start=period_start, period_end=period_end).values_list(
        "worker_id", "approved_hours"
    ):
        total, n = counts.get(worker_id, (ZERO, 0))
        counts[worker_id] = (total + hours, n + 1)
    workers = Worker.objects.select_related("user").defer("support_needs").in_bulk(list(counts))
    return sorted(
        (UnpaidWorkerRow(workers[pk], round_cents(hours), n) for pk, (hours, n) in counts.items()),
        key=lambda row: row.worker.display_name.lower(),
    )


def withholding_percent_for(*, worker: Worker, year: int) -> Decimal:
    """Prepayment register → 0 %; a tax card (for `year`, or without a year) → its percent; else 60 %."""
    return withholding_percent_of(WorkerTaxInfo.objects.filter(worker=worker).first(), year=year)


def withholding_percent_of(info: WorkerTaxInfo | None, *, year: int) -> Decimal:
    """`withholding_percent_for` on tax details already read (a payment run reads them all at once)."""
    if info is None:
        return NO_TAX_CARD_WITHHOLDING
    if info.in_prepayment_register:
        return ZERO
    if info.withholding_percent is not None and info.valid_for_year in (None, year):
        return info.withholding_percent
    return NO_TAX_CARD_WITHHOLDING


@transaction.atomic
def payout_attach_pdf(*, payout_id: int, content: bytes) -> Payout:
    """Store the rendered statement once (a second call keeps the first file). A draft run's payout
    keeps none: it may change until approval freezes it."""
    payout = Payout.objects.select_for_update().get(pk=payout_id)
    if not payout.pdf and payout.status != PayoutStatus.DRAFT:
        payout.pdf.save(f"payout-{payout.pk}.pdf", ContentFile(content), save=False)
        payout.save(update_fields=["pdf"])
    return payout


@transaction.atomic
def worker_tax_info_set(
    *,
    worker_id: int,
    withholding_percent: Decimal | None,
    in_prepayment_register: bool,
    valid_for_year: int | None,
    by,
) -> WorkerTaxInfo:
    _require_coordinator(by)
    info, _created = WorkerTaxInfo.objects.select_for_update().get_or_create(worker_id=worker_id)
    info.withholding_percent = withholding_percent
    info.in_prepayment_register = in_prepayment_register
    info.valid_for_year = valid_for_year
    info.updated_by = by
    info.full_clean()
    info.save()
    return info


# --- Reads ----------------------------------------------------------------------------------------
def payouts_in_period(*, period_start: dt.date, period_end: dt.date):
    return Payout.objects.filter(period_start__gte=period_start, period_end__lte=period_end).order_by(
        "worker_name", "pk"
    )


def payout_list_csv(*, period_start: dt.date, period_end: dt.date) -> str:
    """The payer's list: one row per payout in the period, semicolons, decimal comma. The names are
    text and neutralised as such; the amounts stay numbers (`jobcenter.csv_export`)."""
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(["worker", "email", "hours", "gross", "tax %", "tax", "net"])
    for payout in payouts_in_period(period_start=period_start, period_end=period_end):
        writer.writerow(
            [
                payout.worker_name,
                payout.worker_email,
                number_cell(payout.hours),
                number_cell(payout.gross),
                number_cell(payout.withholding_percent),
                number_cell(payout.tax_withheld),
                number_cell(payout.net),
            ]
        )
    return out.getvalue()


@dataclass(frozen=True)
class YearlyTotal:
    worker_id: int
    worker_name: str
    gross: Decimal
    yel_limit: Decimal | None
    approaching: bool  # at least 80 % of the YEL lower limit
    over: bool  # at or over the limit


def yearly_totals(*, year: int) -> list[YearlyTotal]:
    """Per worker: commission gross paid for work done in `year`, against that year's YEL limit."""
    limit_row = YelLowerLimit.objects.filter(year=year).first()
    limit = limit_row.amount if limit_row else None
    sums: dict[int, Decimal] = defaultdict(lambda: ZERO)
    names: dict[int, str] = {}
    # A released line's payment was rejected by the bank; its work is on a line of a later run. A
    # draft run's lines are not paid yet (the run may be discarded and made again).
    rows = (
        PayoutLine.objects.filter(date__year=year, released=False)
        .exclude(payout__status=PayoutStatus.DRAFT)
        .values("payout__worker_id", "payout__worker_name")
        .annotate(gross=Sum("amount"))
        .order_by()
    )
    for row in rows:
        worker_id = row["payout__worker_id"]
        sums[worker_id] += round_cents(row["gross"])
        names.setdefault(worker_id, row["payout__worker_name"])
    totals = [
        YearlyTotal(
            worker_id=worker_id,
            worker_name=names[worker_id],
            gross=gross,
            yel_limit=limit,
            approaching=limit is not None and gross >= limit * YEL_APPROACHING_SHARE,
            over=limit is not None and gross >= limit,
        )
        for worker_id, gross in sums.items()
    ]
    return sorted(totals, key=lambda t: (-t.gross, t.worker_name.lower()))


@dataclass(frozen=True)
class EmploymentCostRow:
    """Employment-contract work of one worker in a period, as the employer partner's cost."""

    worker: Worker
    hours: Decimal
    wages: Decimal
    side_costs: Decimal

    @property
    def total(self) -> Decimal:
        return self.wages + self.side_costs


def employment_costs(*, period_start: dt.date, period_end: dt.date) -> list[EmploymentCostRow]:
    """Approved employment-contract work in the period: the wage and side costs the employer partner
    carries (the partner pays the wages; the client is invoiced the full price). Prices follow the
    price list of each gig's date; amounts are rounded half up per gig, as on a wage slip line."""
    _check_period(period_start, period_end)
    assignments = (
        Assignment.objects.filter(
            status=AssignmentStatus.APPROVED,
            gig__order__contract_type=ContractType.EMPLOYMENT,
            gig__date__gte=period_start,
            gig__date__lte=period_end,
        )
        .select_related("gig", "worker__user")
        .defer("worker__support_needs")
        .order_by("worker__user__last_name", "worker__user__first_name", "worker_id", "gig__date")
    )
    rows: dict[int, dict] = {}
    rates = RateBook()
    for assignment in assignments:
        price = rates.price(contract_type=ContractType.EMPLOYMENT, day=assignment.gig.date)
        row = rows.setdefault(
            assignment.worker_id, {"worker": assignment.worker, "hours": ZERO, "wages": ZERO, "side_costs": ZERO}
        )
        row["hours"] += assignment.approved_hours
        row["wages"] += worker_pay(assignment.approved_hours, price.worker_hourly_pay)
        row["side_costs"] += hourly_amount(assignment.approved_hours, price.side_costs_hourly)
    return [EmploymentCostRow(**row) for row in rows.values()]
