"""Product sales pages of the unit staff, under /unit/products/ (names in the units namespace)."""

from django.urls import path

from web.unit import products as views

urlpatterns = [
    path("", views.product_list, name="products"),
    path("new/", views.product_create, name="product-create"),
    path("<int:pk>/", views.product_detail, name="product"),
    path("<int:pk>/photo/", views.product_photo, name="product-photo"),
    path("<int:pk>/made/", views.product_made_more, name="product-made-more"),
    path("<int:pk>/agreements/new/", views.agreement_create, name="product-agreement-create"),
    path("<int:pk>/agreements/<int:agreement_pk>/review/", views.review_create, name="product-review"),
    path(
        "<int:pk>/agreements/<int:agreement_pk>/<str:party>/",
        views.agreement_party,
        name="product-agreement-party",
    ),
    path("<int:pk>/deliveries/", views.delivery_create, name="product-delivery-create"),
]
