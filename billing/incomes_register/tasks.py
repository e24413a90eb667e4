"""Celery entry points of the Incomes Register reports. Tasks take ids and call the services.

After a payment run is approved, `payment_run_approve` queues `ir_deliveries_after_approval` with
the run's id once its transaction commits (`jobcenter.tasks.enqueue_on_commit`): the run's waiting
reports are gathered into one delivery per payment date and each is sent. No periodic task is
needed: a delivery that could not be sent stays on the coordinator's page with its error and a
"Send again" button, and the page's "Send now" sends whatever still waits.
"""

from __future__ import annotations

import logging

from celery import shared_task

from billing.models import IncomesRegisterReport, IncomesRegisterReportKind, IncomesRegisterReportStatus
from jobcenter.errors import DomainError

logger = logging.getLogger("billing.incomes_register")

# A temporary failure (the outbound folder not mounted, the register's service down) is tried
# again after 1, 2, 4, 8 and 16 minutes; after that the delivery waits for the coordinator's button.
SEND_RETRIES = 5
SEND_BACKOFF_SECONDS = 60


@shared_task(bind=True, name="billing.ir_delivery_send")
def ir_delivery_send_task(self, delivery_id: int) -> str:
    """Send one delivery at most once: a delivery already sent, or gone, is skipped."""
    from billing.incomes_register.deliveries import TEMPORARY_FAILURE, ir_delivery_send

    outcome = ir_delivery_send(delivery_id)
    if outcome == TEMPORARY_FAILURE and not self.request.is_eager and self.request.retries < SEND_RETRIES:
        raise self.retry(countdown=SEND_BACKOFF_SECONDS * 2**self.request.retries, max_retries=SEND_RETRIES)
    return outcome


@shared_task(name="billing.ir_deliveries_after_approval")
def ir_deliveries_after_approval(run_id: int) -> dict[str, int]:
    """One delivery per payment date of the run's waiting reports, each sent. Safe to run twice:
    reports already in a delivery are not gathered again, and a sent delivery is not sent again."""
    from billing.incomes_register.deliveries import ir_delivery_create

    dates = sorted(
        set(
            IncomesRegisterReport.objects.filter(
                payout__run_id=run_id,
                status=IncomesRegisterReportStatus.WAITING,
                kind__in=(IncomesRegisterReportKind.NEW, IncomesRegisterReportKind.REPLACEMENT),
                delivery__isnull=True,
            ).values_list("payment_date", flat=True)
        )
    )
    made = 0
    for payment_date in dates:
        try:
            delivery = ir_delivery_create(payment_date=payment_date)
        except DomainError as err:
            # The reports wait; the page shows them as waiting and due (e.g. a bad business ID).
            logger.error("incomes register delivery of %s not made: %s", payment_date, err.message)
            continue
        made += 1
        ir_delivery_send_task.delay(delivery.pk)
    return {"payment_dates": len(dates), "deliveries": made}
