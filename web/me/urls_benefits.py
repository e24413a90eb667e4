"""The worker's own benefits page (/me/benefits/)."""

from django.urls import path

from web.me import benefits as views_worker

app_name = "my_benefits"

urlpatterns = [
    path("", views_worker.my_benefits, name="overview"),
]
