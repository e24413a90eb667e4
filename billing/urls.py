"""Billing pages (coordinators and administrators only)."""

from django.urls import path

from billing import views

app_name = "billing"

urlpatterns = [
    path("", views.invoice_list, name="invoice-list"),
    path("invoices/<int:pk>/", views.invoice_detail, name="invoice-detail"),
    path("invoices/<int:pk>/pdf/", views.invoice_pdf, name="invoice-pdf"),
    path("invoices/<int:pk>/finvoice/", views.invoice_finvoice, name="invoice-finvoice"),
    path("invoices/<int:pk>/mark-paid/", views.InvoiceMarkPaidView.as_view(), name="invoice-mark-paid"),
    path("invoices/<int:pk>/credit-note/", views.CreditNoteView.as_view(), name="invoice-credit-note"),
    path("orders/<int:order_pk>/issue/", views.InvoiceIssueView.as_view(), name="invoice-issue"),
]
