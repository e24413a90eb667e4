"""The worker's mobile view (phone, 360 px wide)."""

from django.urls import path

from workers import views

app_name = "workers"

urlpatterns = [
    path("", views.my_gigs, name="my-gigs"),
]
