"""The coordinator's dashboard (desktop). Coordinators and administrators only."""

from django.urls import include, path

from web.coordinator import absence as views_absence
from web.coordinator import accepted_terms as views_accepted_terms
from web.coordinator import access_log as views_accesslog
from web.coordinator import accessibility as views_accessibility
from web.coordinator import outbox as views_outbox
from web.coordinator import outcomes as views_outcomes
from web.coordinator import views as coordinator
from web.coordinator.views import gig_changes as views_changes
from web.coordinator.views import gig_messages as views_messages
from web.coordinator.views import today as views_today

app_name = "coordinator"

urlpatterns = [
    path("", coordinator.dashboard, name="dashboard"),
    path("today/", views_today.TodayView.as_view(), name="today"),  # the coordinator's start page
    path("today/assignments/<int:pk>/approve/", views_today.TodayApproveView.as_view(), name="today-approve"),
    path("today/orders/<int:pk>/remind/", views_today.TodayRemindView.as_view(), name="today-remind"),
    path("orders/<int:pk>/", coordinator.OrderDetailView.as_view(), name="order"),
    path("orders/<int:pk>/send-terms/", coordinator.SendTermsView.as_view(), name="order-send-terms"),
    path(
        "orders/<int:pk>/accepted-terms.pdf", views_accepted_terms.accepted_terms_pdf, name="order-accepted-terms-pdf"
    ),
    path("orders/<int:pk>/reject/", coordinator.RejectView.as_view(), name="order-reject"),
    path("orders/<int:pk>/cancel/", coordinator.CancelView.as_view(), name="order-cancel"),
    path("orders/<int:pk>/inform-units/", coordinator.InformUnitsView.as_view(), name="order-inform-units"),
    path("orders/<int:pk>/gigs/add/", coordinator.GigAddView.as_view(), name="gig-add"),
    path("orders/<int:pk>/edit/", views_changes.OrderEditView.as_view(), name="order-edit"),
    path("gigs/<int:pk>/cancel/", views_changes.GigCancelView.as_view(), name="gig-cancel"),
    path("gigs/<int:pk>/edit/", views_changes.GigEditView.as_view(), name="gig-edit"),
    path("gigs/<int:pk>/message/", views_messages.GigMessageView.as_view(), name="gig-message"),
    path(
        "orders/<int:pk>/request-feedback/",
        coordinator.RequestFeedbackView.as_view(),
        name="order-request-feedback",
    ),
    path("orders/<int:pk>/close/", coordinator.CloseView.as_view(), name="order-close"),
    path("orders/<int:pk>/client/same/", coordinator.SameClientView.as_view(), name="order-client-same"),
    path("orders/<int:pk>/client/new/", coordinator.NewClientView.as_view(), name="order-client-new"),
    path("assignments/<int:pk>/offer/", coordinator.OfferView.as_view(), name="assignment-offer"),
    path("assignments/<int:pk>/approve/", coordinator.ApproveView.as_view(), name="assignment-approve"),
    path("assignments/<int:pk>/withdraw/", coordinator.WithdrawView.as_view(), name="assignment-withdraw"),
    path("assignments/<int:pk>/feedback/", coordinator.FeedbackRecordView.as_view(), name="assignment-feedback"),
    path("gigs/<int:pk>/stand-in/", views_absence.StandInView.as_view(), name="stand-in"),  # "En pääse"
    path("assignments/<int:pk>/no-show/", views_absence.NoShowView.as_view(), name="assignment-no-show"),
    path("emails/", views_outbox.OutboxView.as_view(), name="emails"),
    path("emails/<int:pk>/send-again/", views_outbox.ResendView.as_view(), name="email-resend"),
    path("emails/einvoices/<int:pk>/send-again/", views_outbox.EInvoiceResendView.as_view(), name="einvoice-resend"),
    path("access-log/", views_accesslog.access_log_search, name="access-log"),
    path("access-log/csv/", views_accesslog.access_log_csv, name="access-log-csv"),
    path("outcomes/", views_outcomes.outcomes, name="outcomes"),  # where workers went next (paths)
    path("outcomes/csv/", views_outcomes.outcomes_csv, name="outcomes-csv"),
    path("", include("web.coordinator.urls_results")),  # the results report and its exports
    path("accessibility-feedback/", views_accessibility.FeedbackListView.as_view(), name="accessibility-feedback"),
    path(
        "accessibility-feedback/<int:pk>/answered/",
        views_accessibility.FeedbackAnsweredView.as_view(),
        name="accessibility-feedback-answered",
    ),
    path("partners/", include("web.coordinator.urls_partners")),
    path("products/", include("web.coordinator.urls_products")),
    path("production/", include("web.coordinator.urls_production")),
    path("", include("web.coordinator.urls_series")),  # repeating gigs
]
