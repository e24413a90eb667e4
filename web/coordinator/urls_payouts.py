"""Payout pages (coordinators and administrators only)."""

from django.urls import path

from web.coordinator import payment_details
from web.coordinator import payouts as views

app_name = "payouts"

urlpatterns = [
    path("", views.payout_list, name="list"),
    path("csv/", views.payout_csv, name="csv"),
    path("<int:pk>/pdf/", views.payout_pdf, name="pdf"),
    path("workers/<int:worker_pk>/tax/", views.TaxInfoView.as_view(), name="tax-info"),
    path(
        "workers/<int:worker_pk>/payment-details/",
        payment_details.PaymentDetailsView.as_view(),
        name="payment-details",
    ),
]
