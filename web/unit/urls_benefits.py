"""Staff and coordinator pages of a worker's benefits, consents and clarifications (/benefits/)."""

from django.urls import path

from web.unit import benefits as views

app_name = "benefits"

urlpatterns = [
    path("yel/", views.yel_flags, name="yel"),
    path("workers/<int:pk>/", views.worker_benefits, name="worker"),
    path("workers/<int:pk>/consents/add/", views.consent_add, name="consent-add"),
    path("workers/<int:pk>/consent-form.pdf", views.consent_form_pdf, name="consent-form-pdf"),
    path("workers/<int:pk>/benefits/", views.received_set, name="received-set"),
    path("workers/<int:pk>/benefits/<slug:benefit>/remove/", views.received_remove, name="received-remove"),
    path("workers/<int:pk>/notes/", views.notes_set, name="notes"),
    path("workers/<int:pk>/clarifications/add/", views.clarification_add, name="clarification-add"),
    path("consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent-withdraw"),
    path("consents/<int:pk>/scan/", views.consent_scan, name="consent-scan"),
    path("consents/<int:pk>/scan/upload/", views.consent_scan_upload, name="consent-scan-upload"),
    path(
        "assignments/<int:assignment_pk>/commission-explained/",
        views.commission_explanation,
        name="commission-explanation",
    ),
]
