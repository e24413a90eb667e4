from django.urls import path

from orders import views

app_name = "orders"

urlpatterns = [
    path("terms/<str:token>/", views.terms_accept, name="terms"),
]
