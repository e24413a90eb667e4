"""Every write of billing: issue invoices and credit notes, record payments, attach the PDF, email
the client or dispatch the e-invoice, start the month-end run. Import from here; the modules are the
parts of one service layer (issuing, after issue, emails, dispatch, the month-end run)."""

from billing.pricing import RateBook
from billing.services.after_issue import credit_note_issue, invoice_attach_pdf, invoice_mark_paid
from billing.services.dispatch import (
    EINVOICE_FAILED,
    EINVOICE_QUEUED,
    EINVOICE_RETRIED,
    EINVOICE_SENT,
    einvoice_dispatch_queue,
    einvoice_dispatch_retry,
    einvoice_dispatch_send,
)
from billing.services.emails import (
    EMAILED,
    REMINDED,
    invoice_email_queue,
    invoice_last_reminder,
    invoice_send_reminder,
)
from billing.services.issuing import (
    SERIES_CODE,
    LineDraft,
    invoice_issue_for_order,
    invoice_issue_monthly,
    orders_to_invoice_monthly,
)
from billing.services.month_end import (
    PROGRESS_TIMEOUT,
    month_end_progress,
    month_end_progress_set,
    month_end_run_start,
)

__all__ = [
    "EINVOICE_FAILED",
    "EINVOICE_QUEUED",
    "EINVOICE_RETRIED",
    "EINVOICE_SENT",
    "EMAILED",
    "PROGRESS_TIMEOUT",
    "REMINDED",
    "SERIES_CODE",
    "LineDraft",
    "RateBook",
    "credit_note_issue",
    "einvoice_dispatch_queue",
    "einvoice_dispatch_retry",
    "einvoice_dispatch_send",
    "invoice_attach_pdf",
    "invoice_email_queue",
    "invoice_issue_for_order",
    "invoice_issue_monthly",
    "invoice_last_reminder",
    "invoice_mark_paid",
    "invoice_send_reminder",
    "month_end_progress",
    "month_end_progress_set",
    "month_end_run_start",
    "orders_to_invoice_monthly",
]
