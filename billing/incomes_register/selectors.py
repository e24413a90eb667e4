"""Reads of the Incomes Register reports for the coordinator's pages and the warning on them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max, Min, Q, QuerySet

from billing.models import (
    IncomesRegisterDelivery,
    IncomesRegisterReport,
    IncomesRegisterReportKind,
    IncomesRegisterReportStatus,
)

Kind = IncomesRegisterReportKind
Status = IncomesRegisterReportStatus
NOT_SENT = (Status.WAITING, Status.FAILED)


@dataclass(frozen=True)
class DueSoon:
    count: int
    due_by: dt.date | None
    overdue: int


def due_soon_q(today: dt.date) -> Q:
    """Not sent, and due within JOBCENTER_IR_WARN_DAYS days or overdue."""
    return Q(status__in=NOT_SENT, due_date__lte=today + dt.timedelta(days=settings.JOBCENTER_IR_WARN_DAYS))


def reports_due_soon(today: dt.date) -> DueSoon:
    """How many reports (cancellations to make included) are due soon and not sent, the latest of
    their due dates (all of them are due by it) and how many are overdue. One query."""
    found = IncomesRegisterReport.objects.filter(due_soon_q(today)).aggregate(
        count=Count("pk"), due_by=Max("due_date"), overdue=Count("pk", filter=Q(due_date__lt=today))
    )
    return DueSoon(count=found["count"], due_by=found["due_by"], overdue=found["overdue"])


def ir_report_list(*, status: str = "", payment_date: dt.date | None = None) -> QuerySet[IncomesRegisterReport]:
    reports = IncomesRegisterReport.objects.select_related("payout").order_by("due_date", "payment_date", "pk")
    if status:
        reports = reports.filter(status=status)
    if payment_date:
        reports = reports.filter(payment_date=payment_date)
    return reports


def ir_waiting_payment_dates() -> list[dict]:
    """The payment dates with reports waiting for a delivery: their count and earliest due date."""
    return list(
        IncomesRegisterReport.objects.filter(
            status=Status.WAITING, kind__in=(Kind.NEW, Kind.REPLACEMENT), delivery__isnull=True
        )
        .values("payment_date")
        .annotate(count=Count("pk"), due=Min("due_date"))
        .order_by("payment_date")
    )


def ir_cancellations_to_make() -> list[IncomesRegisterReport]:
    return list(
        IncomesRegisterReport.objects.filter(kind=Kind.CANCELLATION, status__in=NOT_SENT)
        .select_related("corrects")
        .order_by("due_date", "pk")
    )


def ir_deliveries_recent(limit: int = 20) -> list[IncomesRegisterDelivery]:
    """The newest deliveries, each with how many reports of it have not reached the register."""
    return list(
        IncomesRegisterDelivery.objects.annotate(
            report_count=Count("reports"),
            unsent=Count("reports", filter=Q(reports__status__in=NOT_SENT)),
        ).order_by("-created_at", "-pk")[:limit]
    )


def ir_delivery_get(pk: int) -> IncomesRegisterDelivery | None:
    return IncomesRegisterDelivery.objects.filter(pk=pk).first()


def ir_report_get(pk: int) -> IncomesRegisterReport | None:
    return IncomesRegisterReport.objects.select_related("payout").filter(pk=pk).first()


def ir_newest_correctable(report_ids) -> dict[str, int | None]:
    """For each ReportId, the version that a correction may start from: the newest one not
    withdrawn; None once the report is cancelled. One query for a page of reports."""
    newest: dict[str, int | None] = {}
    cancelled: set[str] = set()
    rows = IncomesRegisterReport.objects.filter(report_id__in=set(report_ids)).values_list(
        "report_id", "version", "kind", "status"
    )
    for report_id, version, kind, status in rows:
        if kind == Kind.CANCELLATION:
            cancelled.add(report_id)
        elif status != Status.WITHDRAWN and version > (newest.get(report_id) or 0):
            newest[report_id] = version
    return {report_id: None if report_id in cancelled else newest.get(report_id) for report_id in set(report_ids)}
