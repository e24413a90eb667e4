"""The error pages: 400, 403, 404, 410, 429, 500 and the CSRF failure, in the site's look and the
person's language, saying what happened and what to do next.

Each page is rendered without a request context: no context processor runs, so no session, user or
database query is needed, and the 500 page still renders when the database is what failed. The
active language is the one LocaleMiddleware chose for the request (Finnish, /sv/ Swedish, /en/
English). The exception is never passed to the template: no technical detail reaches the page
(the error itself is logged by Django as usual).

Wired in jobcenter/urls.py (handler400/403/404/500, and handler429, which allauth's rate limits
answer with) and CSRF_FAILURE_VIEW in settings. `gone` and `too_many_requests` are for views that
answer 410 or 429 without a page of their own.
"""

from __future__ import annotations

from email.utils import parseaddr

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template import loader

TEMPLATES = {
    400: "400.html",
    403: "403.html",
    404: "404.html",
    410: "410.html",
    429: "429.html",
    500: "500.html",
}
CSRF_FAILURE_TEMPLATE = "csrf_failure.html"


def _contact() -> dict[str, str]:
    return {
        "contact_email": settings.JOBCENTER_CONTACT_EMAIL or parseaddr(settings.DEFAULT_FROM_EMAIL)[1],
        "contact_phone": settings.JOBCENTER_CONTACT_PHONE or "",
    }


def error_page(status: int, template_name: str | None = None) -> HttpResponse:
    """The error page of `status` as a response (plain context: see the module docstring)."""
    context = {"status": status, **_contact()}
    content = loader.render_to_string(template_name or TEMPLATES[status], context)
    return HttpResponse(content, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(404)


def gone(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(410)


def too_many_requests(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    response = error_page(429)
    response["Retry-After"] = "300"  # the page asks for a few minutes' wait
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    return error_page(500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """The form's security check failed (an old page, or cookies off): nothing was saved."""
    return error_page(403, CSRF_FAILURE_TEMPLATE)
