"""The coordinator's pages of production orders, under /coordinator/production/ (names in the
coordinator namespace)."""

from django.urls import path

from web.coordinator import production as views

urlpatterns = [
    path("", views.production_list, name="production-list"),
    path("new/", views.production_create, name="production-create"),
    path("<int:pk>/", views.production_detail, name="production"),
    path("<int:pk>/step/", views.production_step, name="production-step"),
    path("<int:pk>/price/", views.production_price, name="production-price"),
    path("<int:pk>/order/", views.production_make_order, name="production-make-order"),
    path("<int:pk>/produce/", views.production_produce, name="production-produce"),
    path("<int:pk>/stop/", views.production_stop, name="production-stop"),
    path("<int:pk>/reopen/", views.production_reopen, name="production-reopen"),
]
