"""Unit staff pages (shared desktop computer or tablet)."""

from django.urls import path

from web.unit import payment_details, views
from web.unit import stepup as views_stepup

app_name = "units"

urlpatterns = [
    path("", views.needs, name="needs"),
    path("needs/<int:order_pk>/gigs/add/", views.gig_add, name="gig-add"),
    path("needs/<int:order_pk>/gigs/<int:gig_pk>/propose/", views.propose, name="propose"),
    path("workers/", views.worker_list, name="workers"),
    path("workers/<int:pk>/", views.worker_detail, name="worker"),
    path("workers/<int:pk>/support-needs/", views.worker_support_needs, name="worker-support-needs"),
    path("workers/<int:pk>/payment-details/", payment_details.worker_payment_details, name="worker-payment-details"),
    path("workers/<int:pk>/gigs/<int:assignment_pk>/accept/", views.assignment_accept, name="assignment-accept"),
    path("workers/<int:pk>/gigs/<int:assignment_pk>/decline/", views.assignment_decline, name="assignment-decline"),
    path("workers/<int:pk>/gigs/<int:assignment_pk>/report/", views.assignment_report, name="assignment-report"),
    path("workers/<int:pk>/gigs/<int:assignment_pk>/withdraw/", views.assignment_withdraw, name="assignment-withdraw"),
]
urlpatterns += [path("identify/", views_stepup.identify, name="identify")]  # confirm a worker in person (AUTH-5)
