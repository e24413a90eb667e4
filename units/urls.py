"""Unit staff pages (shared desktop computer or tablet)."""

from django.urls import path

from units import views

app_name = "units"

urlpatterns = [
    path("", views.needs, name="needs"),
]
