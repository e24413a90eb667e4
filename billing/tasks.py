"""Celery entry points of billing. Tasks take ids and call services.

The services queue these tasks, so they import this module at their top; each task imports the
service it calls inside its body, which keeps the one cycle between the two from forming at import.
"""

from __future__ import annotations

import datetime as dt

import celery
from celery import shared_task
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from billing.channels import EINVOICE, einvoice_channel_q, invoice_channel
from billing.incomes_register import tasks as incomes_register_tasks  # noqa: F401 - Celery finds its tasks here
from billing.models import Invoice, InvoiceKind, Payout
from billing.pdf import render_invoice_pdf
from billing.pricing import RateBook
from jobcenter.errors import DomainError
from jobcenter.tasks import enqueue
from orders.models import ClientOrganisation, InvoicingMode


@shared_task(name="billing.render_invoice_pdf", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def render_invoice_pdf_task(invoice_id: int) -> str:
    """Render and store an invoice's PDF, then send it by its channel (billing.channels): an
    e-invoice client's invoice or credit note as Finvoice through the e-invoice transport, never as
    a PDF email; any other client's invoice by email with the PDF. Skips an invoice that is gone;
    a PDF already stored is not rendered again."""
    from billing.services import einvoice_dispatch_queue, invoice_attach_pdf, invoice_email_queue

    invoice = Invoice.objects.select_related("client").filter(pk=invoice_id).first()
    if invoice is None:
        return "skipped"
    stored = None
    if not invoice.pdf:
        stored = invoice_attach_pdf(invoice_id=invoice.pk, content=render_invoice_pdf(invoice))
    # Once per invoice (each service guards itself), also when the PDF was stored by a download first.
    if invoice_channel(invoice) == EINVOICE:
        einvoice_dispatch_queue(invoice_id=invoice.pk)
    else:
        invoice_email_queue(invoice_id=invoice.pk)
    return "rendered" if stored else "skipped"


@shared_task(bind=True, name="billing.send_einvoice")
def send_einvoice_task(self, dispatch_id: int) -> str:
    """Send one e-invoice dispatch, at most once (billing.services.dispatch): a retried, redelivered
    or duplicated task finds the row no longer waiting and skips it. A temporary transport error
    waits for the backoff and runs this task again (run inline, the periodic sweep does)."""
    from billing.services import dispatch

    outcome, delay = dispatch.einvoice_dispatch_send(dispatch_id=dispatch_id)
    if outcome == dispatch.RETRY and not self.request.is_eager:
        raise self.retry(countdown=delay, max_retries=None)
    return outcome


@shared_task(name="billing.requeue_stuck_einvoices")
def requeue_stuck_einvoices_task() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE): mark interrupted e-invoice sends failed, and queue again the
    waiting dispatches whose task was lost, 10 minutes after they were due. Returns how many."""
    from billing.services import dispatch

    dispatch.einvoice_dispatch_fail_interrupted()
    return sum(enqueue(send_einvoice_task, pk) for pk in dispatch.einvoice_dispatch_overdue_ids())


def invoices_waiting_for_pdf_task_ids(*, grace_seconds: int = 600, lookback_days: int = 7, limit: int = 200):
    """Invoices issued a while ago whose PDF task never ran (the broker was down at issue): no PDF
    yet, an email client's invoice never emailed, or an e-invoice client's invoice or credit note
    with no dispatch yet. Only the last `lookback_days`: an old invoice without an email is a
    decision made then, not a lost task."""
    now = timezone.now()
    einvoice = einvoice_channel_q()
    unsent_email = Q(kind=InvoiceKind.INVOICE, emailed_at__isnull=True, buyer_email__gt="") & ~einvoice
    undispatched = einvoice & Q(einvoice_dispatch__isnull=True, emailed_at__isnull=True)
    waiting = Q(pdf="") | (Q(pdf__gt="") & (unsent_email | undispatched))
    return list(
        Invoice.objects.filter(waiting)
        .filter(created_at__lt=now - dt.timedelta(seconds=grace_seconds))
        .filter(created_at__gte=now - dt.timedelta(days=lookback_days))
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )


@shared_task(name="billing.render_missing_invoice_pdfs")
def render_missing_invoice_pdfs_task() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE): queue the PDF task again for the invoices it never reached.
    Safe to repeat: the task stores a PDF once and emails an invoice once. Returns how many."""
    return sum(enqueue(render_invoice_pdf_task, pk) for pk in invoices_waiting_for_pdf_task_ids())


# Clients per task of the month-end run. Each task is one part of the run, so none comes near
# CELERY_TASK_SOFT_TIME_LIMIT however many clients a city has (50 clients take a few seconds).
MONTH_END_CHUNK = 50


@shared_task(name="billing.run_monthly_invoices", bind=True)
def run_monthly_invoices_task(
    self, year: int, month: int, by_id: int, run_id: str | None = None, chunk_size: int = MONTH_END_CHUNK
) -> dict[str, int]:
    """The month-end run: one collective invoice per monthly client. Safe to start twice: a client
    whose work of the month is already invoiced gets nothing more. With `run_id`, the progress
    (done / total, the invoices issued) is kept in the cache after each client.

    Up to `chunk_size` clients are invoiced here, and the result says how many were issued. More
    clients are split into parts of `chunk_size`, run one after another as a chain of
    `issue_monthly_invoices_task` (one at a time: invoice numbers are taken one by one anyway), and
    the result says how many parts were queued; the last part marks the progress finished and returns
    the totals."""
    from billing.services import month_end_progress_set

    by = get_user_model().objects.filter(pk=by_id).first()
    if by is None:
        if run_id:
            month_end_progress_set(run_id, total=0, finished=True)
        return {"clients": 0, "issued": 0, "failed": 0}
    monthly = ClientOrganisation.objects.filter(invoicing_mode=InvoicingMode.MONTHLY).order_by("pk")
    client_ids = list(monthly.values_list("pk", flat=True))
    if run_id:
        month_end_progress_set(run_id, total=len(client_ids), done=0, issued=[], failed=0, finished=False)
    chunks = [client_ids[i : i + chunk_size] for i in range(0, len(client_ids), chunk_size)]
    if len(chunks) <= 1:
        return _issue_monthly(year, month, by, client_ids, run_id, last=True)
    # The parts go to the queue this task came from (a worker serving a billing queue runs them too).
    queue = (self.request.delivery_info or {}).get("routing_key")
    parts = [
        issue_monthly_invoices_task.si(year, month, by_id, chunk, run_id, last=number == len(chunks)).set(
            **({"queue": queue} if queue else {})
        )
        for number, chunk in enumerate(chunks, start=1)
    ]
    celery.chain(*parts).apply_async()
    return {"clients": len(client_ids), "parts": len(chunks)}


@shared_task(name="billing.issue_monthly_invoices")
def issue_monthly_invoices_task(
    year: int, month: int, by_id: int, client_ids: list[int], run_id: str | None = None, last: bool = False
) -> dict[str, int]:
    """One part of the month-end run: the invoices of these clients. Safe to run again (see above)."""
    by = get_user_model().objects.filter(pk=by_id).first()
    if by is None:
        if run_id and last:
            from billing.services import month_end_progress_set

            month_end_progress_set(run_id, finished=True)
        return {"clients": 0, "issued": 0, "failed": 0}
    return _issue_monthly(year, month, by, client_ids, run_id, last=last)


def _issue_monthly(year: int, month: int, by, client_ids: list[int], run_id: str | None, *, last: bool) -> dict:
    """Invoice each client in turn; a client that cannot be invoiced is counted and the others go on.
    The progress of the run (when `run_id`) adds this part's clients to what earlier parts did."""
    from billing.services import invoice_issue_monthly, month_end_progress, month_end_progress_set

    before = (month_end_progress(run_id) or {}) if run_id else {}
    done_before, failed_before = before.get("done") or 0, before.get("failed") or 0
    issued_before = list(before.get("issued") or [])
    rates = RateBook()  # the prices and VAT rates of the month's dates, read once for this part
    issued_ids: list[int] = []
    failed = 0
    for done, client_id in enumerate(client_ids, start=1):
        try:
            invoice = invoice_issue_monthly(client_id=client_id, year=year, month=month, by=by, rates=rates)
        except DomainError:
            failed += 1  # e.g. no price in force; the others are still invoiced
        else:
            if invoice is not None:
                issued_ids.append(invoice.pk)
        if run_id:
            month_end_progress_set(
                run_id, done=done_before + done, issued=issued_before + issued_ids, failed=failed_before + failed
            )
    if run_id and last:
        month_end_progress_set(run_id, finished=True)
    return {"clients": len(client_ids), "issued": len(issued_ids), "failed": failed}


# Statements per task after a payment run's approval: a run of thousands of workers is many short
# tasks, none near CELERY_TASK_SOFT_TIME_LIMIT (a statement renders in well under a second).
PAYOUT_PDF_CHUNK = 50


@shared_task(name="billing.render_payout_pdfs", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def render_payout_pdfs_task(payout_ids: list[int]) -> int:
    """Render and store the fee statements of these payouts (queued by a payment run's approval).
    Skips a payout that is gone or already has its PDF. Returns how many were rendered."""
    from billing.payout_pdf import render_payout_pdf
    from billing.payouts import payout_attach_pdf

    rendered = 0
    for payout in Payout.objects.filter(pk__in=payout_ids, pdf="").order_by("pk"):
        payout_attach_pdf(payout_id=payout.pk, content=render_payout_pdf(payout))
        rendered += 1
    return rendered
