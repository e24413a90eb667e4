"""The coordinator's work-certificate pages, mounted at `/coordinator/workers/`."""

from django.urls import path

from web.coordinator import export as views_export
from web.coordinator import workers as views

app_name = "worker_certificates"

urlpatterns = [
    path("", views.worker_list, name="workers"),
    path("<int:pk>/", views.worker_detail, name="worker"),
    path("certificates/<int:pk>/download/", views.certificate_download, name="certificate-download"),
    path("<int:pk>/export/json/", views_export.worker_export_json, name="worker-export-json"),
    path("<int:pk>/export/pdf/", views_export.worker_export_pdf, name="worker-export-pdf"),
]
