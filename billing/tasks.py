"""Celery entry points of billing. Tasks take ids and call services."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="billing.render_invoice_pdf", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def render_invoice_pdf_task(invoice_id: int) -> str:
    """Render and store an invoice's PDF. Skips an invoice that is gone or already has its file."""
    from billing.models import Invoice
    from billing.pdf import render_invoice_pdf
    from billing.services import invoice_attach_pdf, invoice_email_queue

    invoice = Invoice.objects.filter(pk=invoice_id).first()
    if invoice is None:
        return "skipped"
    stored = None
    if not invoice.pdf:
        stored = invoice_attach_pdf(invoice_id=invoice.pk, content=render_invoice_pdf(invoice))
    # Once per invoice (guarded in the service), also when the PDF was stored by a download first.
    invoice_email_queue(invoice_id=invoice.pk)
    return "rendered" if stored else "skipped"


@shared_task(name="billing.run_monthly_invoices")
def run_monthly_invoices_task(year: int, month: int, by_id: int, run_id: str | None = None) -> dict[str, int]:
    """The month-end run: one collective invoice per monthly client. Safe to start twice: a client
    whose work of the month is already invoiced gets nothing more. With `run_id`, the progress
    (done / total, the invoices issued) is kept in the cache after each client."""
    from django.contrib.auth import get_user_model

    from billing.services import invoice_issue_monthly, month_end_progress_set
    from jobcenter.errors import DomainError
    from orders.models import ClientOrganisation, InvoicingMode

    by = get_user_model().objects.filter(pk=by_id).first()
    if by is None:
        if run_id:
            month_end_progress_set(run_id, total=0, finished=True)
        return {"clients": 0, "issued": 0, "failed": 0}
    monthly = ClientOrganisation.objects.filter(invoicing_mode=InvoicingMode.MONTHLY).order_by("pk")
    client_ids = list(monthly.values_list("pk", flat=True))
    issued_ids: list[int] = []
    failed = 0
    if run_id:
        month_end_progress_set(run_id, total=len(client_ids), done=0, issued=[], failed=0, finished=False)
    for done, client_id in enumerate(client_ids, start=1):
        try:
            invoice = invoice_issue_monthly(client_id=client_id, year=year, month=month, by=by)
        except DomainError:
            failed += 1  # e.g. no price in force; the others are still invoiced
        else:
            if invoice is not None:
                issued_ids.append(invoice.pk)
        if run_id:
            month_end_progress_set(run_id, done=done, issued=list(issued_ids), failed=failed)
    if run_id:
        month_end_progress_set(run_id, finished=True)
    return {"clients": len(client_ids), "issued": len(issued_ids), "failed": failed}
