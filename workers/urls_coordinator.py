"""The coordinator's work-certificate pages, mounted at `/coordinator/workers/`."""

from django.urls import path

from workers import views_coordinator as views

app_name = "worker_certificates"

urlpatterns = [
    path("", views.worker_list, name="workers"),
    path("<int:pk>/", views.worker_detail, name="worker"),
    path("certificates/<int:pk>/download/", views.certificate_download, name="certificate-download"),
]
