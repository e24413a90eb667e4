"""The worker's mobile view (phone, 360 px wide). `<assignment_pk>` is the worker's own assignment."""

from django.urls import path

from web.me import absence as views_absence
from web.me import access_log as views_accesslog
from web.me import answer as views_answer
from web.me import calendar as views_calendar
from web.me import contact as views_contact
from web.me import export as views_export
from web.me import language as views_language
from web.me import money as views_money
from web.me import passkeys as views_passkeys
from web.me import stepup as views_stepup
from web.me import views

app_name = "workers"

urlpatterns = [
    path("", views.my_gigs, name="my-gigs"),
    path("gigs/<int:assignment_pk>/", views.gig, name="gig"),
    path("gigs/<int:assignment_pk>/accept/", views.gig_accept, name="gig-accept"),
    path("gigs/<int:assignment_pk>/accepted/", views.gig_accepted, name="gig-accepted"),
    path("gigs/<int:assignment_pk>/decline/", views.gig_decline, name="gig-decline"),
    path("gigs/<int:assignment_pk>/declined/", views.gig_declined, name="gig-declined"),
    path("gigs/<int:assignment_pk>/report/", views.report, name="report"),
    path("gigs/<int:assignment_pk>/reported/", views.gig_reported, name="gig-reported"),
    path("earnings/", views.earnings, name="earnings"),
    path("money/", views_money.money, name="money"),  # payments that have left a payment run
    path("money/<int:pk>/pdf/", views_money.money_pdf, name="money-pdf"),  # pk: the worker's own payout
    path("feedback/", views.feedback, name="feedback"),
    path("history/", views.history, name="history"),
]
urlpatterns += [
    path("cv/", views.cv, name="cv"),
    path("cv/pdf/", views.cv_pdf, name="cv-pdf"),
    path("certificates/", views.certificates, name="certificates"),
    path("certificates/<int:pk>/download/", views.certificate_download, name="certificate-download"),
]
urlpatterns += [
    path("my-data/", views_export.my_data, name="my-data"),
    path("my-data/json/", views_export.my_data_json, name="my-data-json"),
    path("my-data/pdf/", views_export.my_data_pdf, name="my-data-pdf"),
]
# "En pääse": a gig she took, and she cannot come after all (web.me.absence).
urlpatterns += [
    path("gigs/<int:assignment_pk>/cant-come/", views_absence.gig_cant_come, name="gig-cant-come"),
    path("gigs/<int:assignment_pk>/cant-come/done/", views_absence.gig_cant_come_done, name="gig-cant-come-done"),
]
# "Tulen" / "En pääse" to a gig reminder: the signed link from the email (no login), and "Tulen"
# on her gig page (web.me.answer).
urlpatterns += [
    path("answer/<str:token>/", views_answer.gig_answer, name="gig-answer"),
    path("gigs/<int:assignment_pk>/coming/", views_answer.gig_coming, name="gig-coming"),
]
urlpatterns += [path("identify/", views_stepup.identify, name="identify")]  # "Show my figures" (AUTH-5)
urlpatterns += [path("access-log/", views_accesslog.access_log, name="access-log")]  # who looked at my data (LOG-2)
urlpatterns += [path("language/", views_language.language, name="language")]  # the language of her emails and papers
urlpatterns += [path("contact/", views_contact.contact, name="contact")]  # email, text message or both
urlpatterns += [path("calendar/", views_calendar.calendar, name="calendar")]  # her gigs in her calendar app
# Fingerprint or face login on her phone: set up, open the figures, see and remove (AUTH-5).
urlpatterns += [
    path("passkeys/", views_passkeys.passkeys, name="passkeys"),
    path("passkeys/add/", views_passkeys.passkey_add_view, name="passkey-add"),
    path("passkeys/open/", views_passkeys.passkey_open, name="passkey-open"),
    path("passkeys/<int:pk>/remove/", views_passkeys.passkey_remove_view, name="passkey-remove"),
]
