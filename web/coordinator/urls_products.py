"""The coordinator's product sales pages, under /coordinator/products/ (names in the coordinator namespace)."""

from django.urls import path

from web.coordinator import products as views

urlpatterns = [
    path("", views.product_sales, name="product-sales"),
    path("agreements/<int:pk>/agree/", views.agreement_agree, name="product-agreement-agree"),
]
