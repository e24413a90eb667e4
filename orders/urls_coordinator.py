"""The coordinator's dashboard (desktop)."""

from django.urls import path

from orders.views import coordinator

app_name = "coordinator"

urlpatterns = [
    path("", coordinator.dashboard, name="dashboard"),
]
