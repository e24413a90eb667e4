"""Public pages of the order flow: the order form, the signed terms link, the feedback link."""

from django.urls import path

from web.public import terms
from web.public import views as public

app_name = "orders"

urlpatterns = [
    path("", public.order_request, name="request"),
    path("sent/<int:pk>/", public.order_request_done, name="request-done"),
    path("price/", public.price_quote, name="price-quote"),
    path("terms/<str:token>/", terms.terms_accept, name="terms"),
    path("feedback/<str:token>/", public.feedback, name="feedback"),
]
