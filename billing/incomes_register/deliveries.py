"""Deliveries: the waiting reports of one payment date in one validated file, and its sending.

A delivery (the register's "aineisto", DeliveryId unique) is made with its file, validated
against the schema and stored with its SHA-256 (`ir_delivery_create`); it is sent through the
installation's transport (`ir_delivery_send`). Sent, its reports are sent and the delivery keeps
when and where; a failure keeps the error, marks the reports failed and loses nothing: the same
delivery is sent again by the coordinator's button or the task's retry.

A file that has not left may still change: a report in it that is corrected or cancelled before
sending is withdrawn and taken out, and the file is made again from the reports left, just before
it is sent. Locks are taken in one order, the deliveries first and then their reports, by every
service here and in reports.py, so that a send and a correction never wait for each other in a
circle.
"""

from __future__ import annotations

import hashlib
import uuid

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from billing.incomes_register.transports import PermanentTransportError, TransportError, get_transport
from billing.incomes_register.xml import FILED_KINDS, UNSENT, reports_in_file, wage_reports_xml
from billing.models import (
    IncomesRegisterDelivery,
    IncomesRegisterReport,
    IncomesRegisterReportKind,
    IncomesRegisterReportStatus,
)
from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.roles import is_coordinator, is_payer

Status = IncomesRegisterReportStatus
SENT, FAILED, TEMPORARY_FAILURE, SKIPPED = "sent", "failed", "temporary_failure", "skipped"
E_SERVICE = "Incomes Register e-service"


def lock_reports(reports: QuerySet) -> list[IncomesRegisterReport]:
    """Lock the reports, after locking the unsent deliveries they are in (see the module's order)."""
    delivery_ids = sorted({pk for pk in reports.values_list("delivery_id", flat=True) if pk})
    if delivery_ids:
        list(
            IncomesRegisterDelivery.objects.select_for_update()
            .filter(pk__in=delivery_ids, sent_at__isnull=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    return list(reports.select_for_update().order_by("report_id", "version", "pk"))


def withdraw(report: IncomesRegisterReport) -> None:
    """A report that never reached the register: nothing of it goes. Out of its unsent delivery,
    whose file is made again before it is sent."""
    delivery_id = report.delivery_id
    report.status = Status.WITHDRAWN
    report.delivery = None
    report.save(update_fields=["status", "delivery"])
    if delivery_id:
        _discard_file(IncomesRegisterDelivery.objects.get(pk=delivery_id))


def _discard_file(delivery: IncomesRegisterDelivery) -> None:
    if delivery.sent_at or not delivery.file:
        return
    name, storage = delivery.file.name, delivery.file.storage
    delivery.file = ""
    delivery.sha256 = ""
    delivery.save(update_fields=["file", "sha256"])
    transaction.on_commit(lambda: storage.delete(name))


def _store_file(delivery: IncomesRegisterDelivery, reports: list[IncomesRegisterReport]) -> None:
    content = wage_reports_xml(delivery, reports)  # validated; raises DomainError before any write
    delivery.sha256 = hashlib.sha256(content).hexdigest()
    delivery.file.save(f"{delivery.delivery_id}.xml", ContentFile(content), save=False)
    delivery.save(update_fields=["file", "sha256"])


def new_delivery_id(payment_date) -> str:
    return f"JC-{payment_date:%Y%m%d}-{uuid.uuid4().hex[:16]}"


@transaction.atomic
def ir_delivery_create(*, payment_date, by=None) -> IncomesRegisterDelivery:
    """One delivery of the waiting reports of `payment_date` (new ones and replacements) that are
    in no delivery yet, with its validated file. An invalid file raises DomainError and nothing
    is written."""
    if by is not None and not (is_coordinator(by) or is_payer(by)):
        raise ActionNotPermitted(_("Only a coordinator or the paying role may send Incomes Register reports."))
    reports = list(
        IncomesRegisterReport.objects.select_for_update()
        .filter(payment_date=payment_date, status=Status.WAITING, kind__in=FILED_KINDS, delivery__isnull=True)
        .order_by("report_id", "version", "pk")
    )
    if not reports:
        raise DomainError(_("No reports of this payment date are waiting to be sent."))
    delivery = IncomesRegisterDelivery.objects.create(
        delivery_id=new_delivery_id(payment_date), payment_date=payment_date, created_by=by
    )
    _store_file(delivery, reports)
    IncomesRegisterReport.objects.filter(pk__in=[report.pk for report in reports]).update(delivery=delivery)
    return delivery


def _lock_delivery(delivery_id: int) -> IncomesRegisterDelivery | None:
    # The lock makes a delivery leave once, when the task and the page's button send it together.
    return IncomesRegisterDelivery.objects.select_for_update().filter(pk=delivery_id).first()


def _lock_unsent_reports(delivery: IncomesRegisterDelivery) -> list[IncomesRegisterReport]:
    return list(delivery.reports.select_for_update().filter(status__in=UNSENT, kind__in=FILED_KINDS).order_by("pk"))


def ir_delivery_send(delivery_id: int) -> str:
    """Send the delivery once, through JOBCENTER_IR_TRANSPORT. Returns SENT, SKIPPED (gone,
    already sent, or nothing left in it), TEMPORARY_FAILURE (try again later) or FAILED."""
    with transaction.atomic():
        delivery = _lock_delivery(delivery_id)
        if delivery is None or delivery.sent_at is not None:
            return SKIPPED
        reports = _lock_unsent_reports(delivery)
        if not reports:
            return SKIPPED
        if not delivery.sha256:
            try:
                _store_file(delivery, reports)
            except DomainError as err:
                _mark_failed(delivery, reports, str(err.message))
                return FAILED
        try:
            location = get_transport().send(delivery)
        except TransportError as exc:
            _mark_failed(delivery, reports, str(exc) or type(exc).__name__)
            return FAILED if isinstance(exc, PermanentTransportError) else TEMPORARY_FAILURE
        delivery.sent_at = timezone.now()
        delivery.location = str(location)[:500]
        delivery.last_error = ""
        delivery.save(update_fields=["sent_at", "location", "last_error"])
        IncomesRegisterReport.objects.filter(pk__in=[r.pk for r in reports]).update(status=Status.SENT)
        return SENT


def _mark_failed(delivery, reports, error: str) -> None:
    delivery.last_error = error
    delivery.save(update_fields=["last_error"])
    IncomesRegisterReport.objects.filter(pk__in=[r.pk for r in reports]).update(status=Status.FAILED)


def ir_delivery_send_now(*, payment_date, by) -> tuple[IncomesRegisterDelivery, str]:
    """The page's "Send now": the delivery of the payment date's waiting reports, sent at once."""
    delivery = ir_delivery_create(payment_date=payment_date, by=by)
    return delivery, ir_delivery_send(delivery.pk)


def ir_delivery_resend(*, delivery_id: int, by) -> str:
    if not (is_coordinator(by) or is_payer(by)):
        raise ActionNotPermitted(_("Only a coordinator or the paying role may send Incomes Register reports."))
    delivery = IncomesRegisterDelivery.objects.filter(pk=delivery_id).first()
    if delivery is None:
        raise DomainError(_("The delivery does not exist."))
    if delivery.sent_at is not None:
        raise DomainError(_("This delivery has been sent already."))
    return ir_delivery_send(delivery.pk)


@transaction.atomic
def ir_cancellation_mark_done(*, report_id: int, by) -> IncomesRegisterReport:
    """The coordinator cancelled the report in the register's e-service: the cancellation is done.
    Kept as a delivery of its own (who, when, where) with no file."""
    if not (is_coordinator(by) or is_payer(by)):
        raise ActionNotPermitted(_("Only a coordinator or the paying role may change Incomes Register reports."))
    cancellation = (
        IncomesRegisterReport.objects.select_for_update()
        .filter(pk=report_id, kind=IncomesRegisterReportKind.CANCELLATION)
        .first()
    )
    if cancellation is None:
        raise DomainError(_("The cancellation does not exist."))
    if cancellation.status == Status.SENT:
        raise DomainError(_("This cancellation has been marked done already."))
    now = timezone.now()
    cancellation.delivery = IncomesRegisterDelivery.objects.create(
        delivery_id=f"JC-CANCEL-{cancellation.pk}",
        payment_date=cancellation.payment_date,
        created_by=by,
        sent_at=now,
        location=E_SERVICE,
    )
    cancellation.status = Status.SENT
    cancellation.save(update_fields=["delivery", "status"])
    return cancellation


def delivery_worker_ids(delivery: IncomesRegisterDelivery) -> list[int]:
    """The workers whose reports the delivery's file holds (for the access log of a download)."""
    return list(
        dict.fromkeys(
            IncomesRegisterReport.objects.filter(delivery=delivery)
            .order_by("pk")
            .values_list("payout__worker_id", flat=True)
        )
    )


__all__ = [
    "FAILED",
    "SENT",
    "SKIPPED",
    "TEMPORARY_FAILURE",
    "delivery_worker_ids",
    "ir_cancellation_mark_done",
    "ir_delivery_create",
    "ir_delivery_resend",
    "ir_delivery_send",
    "ir_delivery_send_now",
    "lock_reports",
    "reports_in_file",
    "withdraw",
]
