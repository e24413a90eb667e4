"""Payment-run pages (`/billing/payment-runs/`): the coordinator and the paying role."""

from django.urls import path

from web.coordinator import payment_runs as views

app_name = "payment_runs"

urlpatterns = [
    path("", views.run_list, name="list"),
    path("new/", views.RunCreateView.as_view(), name="create"),
    path("<int:pk>/", views.run_detail, name="detail"),
    path("<int:pk>/approve/", views.RunApproveView.as_view(), name="approve"),
    path("<int:pk>/discard/", views.RunDiscardView.as_view(), name="discard"),
    path("<int:pk>/bank-file/", views.bank_file_download, name="bank-file"),
    path("<int:pk>/status-report/", views.StatusReportUploadView.as_view(), name="status-report"),
]
