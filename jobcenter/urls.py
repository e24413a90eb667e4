from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from jobcenter import views

# No password-only way into the admin: its login page sends to the allauth login (password + TOTP),
# and jobcenter.middleware requires the second factor on /admin/ (TRUST.md AUTH-1).
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),  # set_language (the language switcher posts here)
    path("healthz", views.healthz, name="healthz"),
]
if settings.JOBCENTER_BENCH_VIEWS:  # the benchmark's baseline (bench/run.py); never on in production
    urlpatterns.append(path("bench/trivial/", views.bench_trivial, name="bench-trivial"))
# Finnish, the default language, has no prefix: "/" is Finnish, "/sv/" Swedish, "/en/" English.
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("accounts/", include("allauth.urls")),
    path("order/", include("orders.urls")),
    path("coordinator/", include("orders.urls_coordinator")),
    path("billing/payouts/", include("billing.urls_payouts")),
    path("billing/", include("billing.urls")),
    path("coordinator/workers/", include("workers.urls_coordinator")),
    path("unit/", include("units.urls")),
    path("me/benefits/", include("benefits.urls_worker")),
    path("me/", include("workers.urls")),
    path("benefits/", include("benefits.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

# Uploaded and generated files (consent scans, certificates, PDFs) are never served from MEDIA_URL,
# not even in development: each is streamed by a view that checks permission and logs the access.
