"""The coordinator's billing pages (`/billing/`). The client's own invoices (`/billing/my/`) share the
`billing` URL namespace: `web/urls_billing.py` puts both together."""

from django.urls import path

from web.coordinator import billing as views

coordinator_patterns = [
    path("", views.invoice_list, name="invoice-list"),
    path("invoices/<int:pk>/", views.invoice_detail, name="invoice-detail"),
    path("invoices/<int:pk>/pdf/", views.invoice_pdf, name="invoice-pdf"),
    path("invoices/<int:pk>/finvoice/", views.invoice_finvoice, name="invoice-finvoice"),
    path("invoices/<int:pk>/mark-paid/", views.InvoiceMarkPaidView.as_view(), name="invoice-mark-paid"),
    path("invoices/<int:pk>/credit-note/", views.CreditNoteView.as_view(), name="invoice-credit-note"),
    path("orders/<int:order_pk>/issue/", views.InvoiceIssueView.as_view(), name="invoice-issue"),
    path("invoices/<int:pk>/reminder/", views.InvoiceReminderView.as_view(), name="invoice-reminder"),
    path("month-end/", views.MonthEndView.as_view(), name="month-end"),
    path("month-end/<slug:run_id>/status/", views.month_end_status, name="month-end-status"),
    path("orders/<int:order_pk>/preview/", views.invoice_preview, name="invoice-preview"),
]
