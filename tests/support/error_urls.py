"""A test-only URLconf: the project's URLs and error handlers, plus one URL per error that raises it
the way a view would (tests/pages/test_error_pages.py). Used with override_settings(ROOT_URLCONF=...)."""

from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404
from django.urls import path

from jobcenter import urls as project_urls
from jobcenter import views_errors

SECRET = "secret-detail-7f3a"  # the text of each raised exception: it must never reach the page


def _raise(request, status: int):
    if status == 400:
        raise BadRequest(f"bad input {SECRET}")
    if status == 403:
        raise PermissionDenied(f"not yours {SECRET}")
    if status == 404:
        raise Http404(f"no such thing {SECRET}")
    if status == 410:
        return views_errors.gone(request)
    if status == 429:
        return views_errors.too_many_requests(request)
    raise RuntimeError(f"boom {SECRET}")


# The project's handlers, whichever it defines (Django's defaults for the others).
for _name in ("handler400", "handler403", "handler404", "handler500", "handler429"):
    if hasattr(project_urls, _name):
        globals()[_name] = getattr(project_urls, _name)

urlpatterns = [
    *i18n_patterns(path("test-errors/<int:status>/", _raise), prefix_default_language=False),
    *project_urls.urlpatterns,
]
