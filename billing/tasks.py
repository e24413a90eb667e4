"""Celery entry points of billing. Tasks take ids and call services."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="billing.render_invoice_pdf", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def render_invoice_pdf_task(invoice_id: int) -> str:
    """Render and store an invoice's PDF. Skips an invoice that is gone or already has its file."""
    from billing.models import Invoice
    from billing.pdf import render_invoice_pdf
    from billing.services import invoice_attach_pdf

    invoice = Invoice.objects.filter(pk=invoice_id).first()
    if invoice is None or invoice.pdf:
        return "skipped"
    stored = invoice_attach_pdf(invoice_id=invoice.pk, content=render_invoice_pdf(invoice))
    return "rendered" if stored else "skipped"


@shared_task(name="billing.run_monthly_invoices")
def run_monthly_invoices_task(year: int, month: int, by_id: int) -> dict[str, int]:
    """The month-end run: one collective invoice per monthly client. Safe to start twice: a client
    whose work of the month is already invoiced gets nothing more."""
    from django.contrib.auth import get_user_model

    from billing.services import invoice_issue_monthly
    from jobcenter.errors import DomainError
    from orders.models import ClientOrganisation, InvoicingMode

    by = get_user_model().objects.filter(pk=by_id).first()
    if by is None:
        return {"clients": 0, "issued": 0, "failed": 0}
    monthly = ClientOrganisation.objects.filter(invoicing_mode=InvoicingMode.MONTHLY).order_by("pk")
    client_ids = list(monthly.values_list("pk", flat=True))
    issued = failed = 0
    for client_id in client_ids:
        try:
            invoice = invoice_issue_monthly(client_id=client_id, year=year, month=month, by=by)
        except DomainError:
            failed += 1  # e.g. no price in force; the others are still invoiced
            continue
        issued += invoice is not None
    return {"clients": len(client_ids), "issued": issued, "failed": failed}
