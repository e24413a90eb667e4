"""The `billing` URL namespace (`/billing/`): the coordinator's invoice pages and, under `my/`, the
client contact's own invoices. One namespace for two audiences, because the URL names
(`billing:client-invoices`, ...) are older than the split of the pages by audience."""

from django.urls import path

from web.coordinator.urls_billing import coordinator_patterns
from web.portal import invoices

app_name = "billing"

urlpatterns = [
    *coordinator_patterns,
    path("my/", invoices.client_invoice_list, name="client-invoices"),
    path("my/<int:pk>/pdf/", invoices.client_invoice_pdf, name="client-invoice-pdf"),
]
