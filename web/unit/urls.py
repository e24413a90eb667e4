"""Unit staff pages (shared desktop computer or tablet)."""

from django.urls import include, path

from web.unit import absence as unit_absence
from web.unit import calendar as unit_calendar
from web.unit import client_counts as unit_client_counts
from web.unit import day_sheet as unit_day_sheet
from web.unit import follow_ups as unit_follow_ups
from web.unit import language as unit_language
from web.unit import notify_by as unit_notify_by
from web.unit import partners as unit_partners
from web.unit import passkeys as unit_passkeys
from web.unit import paths as unit_paths
from web.unit import payment_details, views
from web.unit import production as unit_production
from web.unit import series as unit_series
from web.unit import stepup as views_stepup
from web.unit import worker_again as unit_worker_again

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
# "En pääse": a stand-in for a freed place, a gig not come to, a worker's attendance notes (web.unit.absence).
urlpatterns += [
    path("needs/<int:order_pk>/gigs/<int:gig_pk>/stand-in/", unit_absence.stand_in, name="stand-in"),
    path(
        "workers/<int:pk>/gigs/<int:assignment_pk>/no-show/",
        unit_absence.assignment_no_show,
        name="assignment-no-show",
    ),
    path("workers/<int:pk>/attendance/", unit_absence.worker_attendance, name="worker-attendance"),
    path(
        "workers/<int:pk>/gigs/<int:assignment_pk>/cant-come/",
        unit_absence.assignment_cant_come,
        name="assignment-cant-come",
    ),
]
urlpatterns += [path("identify/", views_stepup.identify, name="identify")]  # confirm a worker in person (AUTH-5)
urlpatterns += [path("calendar/", unit_calendar.calendar, name="calendar")]  # the gigs in my calendar app
urlpatterns += [path("workers/<int:pk>/language/", unit_language.worker_language, name="worker-language")]
urlpatterns += [path("workers/<int:pk>/notify-by/", unit_notify_by.worker_notify_by, name="worker-notify-by")]
# "Phone lost": remove the worker's passkeys (fingerprint or face login).
urlpatterns += [
    path("workers/<int:pk>/passkeys/remove/", unit_passkeys.worker_passkeys_remove, name="worker-passkeys-remove")
]
# A worker's employment contracts of the partner model (web.unit.partners).
urlpatterns += [
    path("workers/<int:pk>/contracts/", unit_partners.worker_contracts, name="worker-contracts"),
    path("workers/<int:pk>/contracts/new/", unit_partners.contract_create, name="contract-create"),
    path(
        "workers/<int:pk>/contracts/<int:contract_pk>/clarification/",
        unit_partners.clarification_record,
        name="contract-clarification",
    ),
    path(
        "workers/<int:pk>/contracts/<int:contract_pk>/activate/",
        unit_partners.contract_activate,
        name="contract-activate",
    ),
]
# The production orders the unit makes, and their prototype steps (web.unit.production).
urlpatterns += [
    path("production/", unit_production.production_list, name="production-list"),
    path("production/<int:pk>/", unit_production.production_detail, name="production"),
]
# Product sales (web.unit.products).
urlpatterns += [path("products/", include("web.unit.urls_products"))]
# The unit's week and the printable day sheet, for units that work on paper (web.unit.day_sheet).
urlpatterns += [
    path("week/", unit_day_sheet.week, name="week"),
    path("day-sheet/", unit_day_sheet.day_sheet, name="day-sheet"),
    path("day-sheet/<str:day>.pdf", unit_day_sheet.day_sheet_pdf, name="day-sheet-pdf"),
]
# Repeating gigs: make one, see its dates, propose the same workers for the coming ones (web.unit.series).
urlpatterns += [
    path("needs/<int:order_pk>/series/add/", unit_series.series_add, name="series-add"),
    path("needs/<int:order_pk>/series/<int:pk>/", unit_series.series_detail, name="series"),
    path("needs/<int:order_pk>/series/<int:pk>/change/", unit_series.series_change, name="series-change"),
    path("needs/<int:order_pk>/series/<int:pk>/skip/", unit_series.series_skip, name="series-skip"),
    path(
        "needs/<int:order_pk>/series/<int:pk>/propose-same-workers/",
        unit_series.series_propose_same,
        name="series-propose-same",
    ),
]
# A worker's path (jatkopolku), and the items before and after each gig (web.unit.paths, web.unit.follow_ups).
urlpatterns += [
    path("workers/<int:pk>/path/", unit_paths.worker_path, name="worker-path"),
    path("workers/<int:pk>/path/<int:step_pk>/end/", unit_paths.worker_path_end, name="worker-path-end"),
    path("workers/<int:pk>/path/<int:step_pk>/remove/", unit_paths.worker_path_remove, name="worker-path-remove"),
    path("workers/<int:pk>/follow-ups/", unit_follow_ups.worker_follow_ups, name="worker-follow-ups"),
    path("follow-ups/<int:pk>/", unit_follow_ups.follow_up, name="follow-up"),
]
# A client's wish for one of the unit's workers again, marked handled (web.unit.worker_again).
urlpatterns += [path("needs/wishes/<int:pk>/handled/", unit_worker_again.wish_handled, name="worker-again-handle")]
# The unit's number of work-activity clients per period, for the results report (web.unit.client_counts).
urlpatterns += [
    path("client-counts/", unit_client_counts.client_counts, name="client-counts"),
    path("client-counts/<int:pk>/", unit_client_counts.client_count_edit, name="client-count-edit"),
    path("client-counts/<int:pk>/remove/", unit_client_counts.client_count_delete, name="client-count-delete"),
]
