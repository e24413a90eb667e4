"""The partner model's coordinator pages, under /coordinator/partners/ (names in the coordinator namespace)."""

from django.urls import path

from web.coordinator import partners as views

urlpatterns = [
    path("", views.partner_list, name="partner-list"),
    path("new/", views.partner_edit, name="partner-create"),
    path("<int:pk>/", views.partner_detail, name="partner"),
    path("<int:pk>/edit/", views.partner_edit, name="partner-edit"),
    path("<int:pk>/hours.pdf", views.hours_pdf, name="partner-hours-pdf"),
    path("<int:pk>/hours.csv", views.hours_csv, name="partner-hours-csv"),
    path("invoices/<int:pk>/paid/", views.invoice_paid, name="partner-invoice-paid"),
    path("orders/<int:order_pk>/partner/", views.order_partner, name="order-partner"),
]
