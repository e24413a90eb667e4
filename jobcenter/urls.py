from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from jobcenter import views
from web.calendar import feed as calendar_feed
from web.public import favicon, home

# No password-only way into the admin: its login page sends to the allauth login (password + TOTP),
# and jobcenter.middleware requires the second factor on /admin/ (AUTH-1).
admin.site.login = secure_admin_login(admin.site.login)
# The admin's own headings, in the person's language (Django's defaults say "Django administration").
admin.site.site_header = _("Jobcenter administration")
admin.site.site_title = _("Jobcenter administration")
admin.site.index_title = _("Data of the Jobcenter")

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),  # set_language (the language switcher posts here)
    path("healthz", views.healthz, name="healthz"),  # liveness: the process answers
    path("readyz", views.readyz, name="readyz"),  # readiness: database, cache, broker, email backlog
    path("favicon.ico", favicon.favicon, name="favicon"),
    # A person's gigs for her calendar app; no language prefix: the address stays the same whatever
    # language she reads the pages in (web.calendar.feed).
    path("calendar/<str:token>.ics", calendar_feed.calendar_feed, name="calendar-feed"),
    # The figures API for the city's reporting (web.api): token-authenticated JSON, no language prefix.
    path("api/v1/", include("web.api.urls")),
]
if settings.JOBCENTER_BENCH_VIEWS:  # the benchmark's baseline (bench/run.py); never on in production
    urlpatterns.append(path("bench/trivial/", views.bench_trivial, name="bench-trivial"))
# Finnish, the default language, has no prefix: "/" is Finnish, "/sv/" Swedish, "/en/" English.
urlpatterns += i18n_patterns(
    path("", home.home, name="home"),
    path("accounts/", include("allauth.urls")),
    path("order/", include("web.public.urls")),
    path("accessibility/", include("web.public.urls_accessibility")),
    path("coordinator/", include("web.coordinator.urls")),
    path("billing/payouts/", include("web.coordinator.urls_payouts")),
    path("billing/payment-runs/", include("web.coordinator.urls_payment_runs")),
    path("billing/incomes-register/", include("web.coordinator.urls_incomes_register")),
    path("billing/", include("web.urls_billing")),
    path("coordinator/workers/", include("web.coordinator.urls_workers")),
    path("unit/", include("web.unit.urls")),
    path("me/benefits/", include("web.me.urls_benefits")),
    path("me/", include("web.me.urls")),
    path("benefits/", include("web.unit.urls_benefits")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

# Error pages in the site's look and the person's language, with no technical detail
# (jobcenter/views_errors.py). allauth's rate limits answer with handler429.
handler400 = "jobcenter.views_errors.bad_request"
handler403 = "jobcenter.views_errors.permission_denied"
handler404 = "jobcenter.views_errors.page_not_found"
handler500 = "jobcenter.views_errors.server_error"
handler429 = "jobcenter.views_errors.too_many_requests"

# Uploaded and generated files (consent scans, certificates, PDFs) are never served from MEDIA_URL,
# not even in development: each is streamed by a view that checks permission and logs the access.
