from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from jobcenter import views

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),  # set_language (the language switcher posts here)
    path("healthz", views.healthz, name="healthz"),
]
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
    path("me/", include("workers.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
