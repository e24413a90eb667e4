"""Public pages of the order flow: the order form, the signed terms link, the feedback link."""

from django.urls import path

from web.public import client_account, client_hired, client_orders, terms
from web.public import views as public

app_name = "orders"

urlpatterns = [
    path("", public.order_request, name="request"),
    path("sent/<int:pk>/", public.order_request_done, name="request-done"),
    path("price/", public.price_quote, name="price-quote"),
    path("terms/<str:token>/", terms.terms_accept, name="terms"),
    path("feedback/<str:token>/", public.feedback, name="feedback"),
    path("my-orders/", client_account.client_account, name="client-account"),
    path("my-orders/<int:pk>/terms.pdf", client_account.client_accepted_terms_pdf, name="client-accepted-terms-pdf"),
    path("my-orders/<int:pk>/worker-again/", client_account.client_worker_again, name="client-worker-again"),
    path("my-orders/<int:pk>/", client_orders.client_order, name="client-order"),
    path("my-orders/<int:pk>/hired/", client_hired.client_hired, name="client-hired"),  # onto the client's payroll
    path("my-orders/<int:pk>/gigs/<int:gig_pk>/cancel/", client_orders.client_gig_cancel, name="client-gig-cancel"),
    path("link/<str:token>/", client_orders.client_link, name="client-link"),
    path(
        "link/<str:token>/gigs/<int:gig_pk>/cancel/",
        client_orders.client_link_gig_cancel,
        name="client-link-gig-cancel",
    ),
]
