"""The worker's "Show my figures" page: `/me/identify/` (AUTH-5, in-person step-up).

A worker logged in with an emailed code only does not see special-category figures (benefits,
debts, support needs). Here they get a short code to show to their instructor; when the instructor
has confirmed them in person (`/unit/identify/`), this phone's session counts as identified for a
while (`jobcenter.stepup`). The page also links to setting up an authenticator app of their own.

GET shows where things stand; POST makes a new code and shows it (the code is never stored, only
its hash). While a code waits, htmx asks the same address every few seconds for the status part.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from jobcenter.errors import DomainError
from jobcenter.gates import worker_required
from jobcenter.stepup import PENDING_SESSION_KEY, session_is_strong, strong_until
from jobcenter.stepup_services import stepup_request_create


def _context(request: HttpRequest) -> dict:
    strong = session_is_strong(request)
    until = strong_until(request) if strong else None
    return {
        "strong": strong,
        "strong_until": dt.datetime.fromtimestamp(until, tz=dt.UTC) if until else None,
        "waiting": bool(request.session.get(PENDING_SESSION_KEY)),
    }


@require_http_methods(["GET", "HEAD", "POST"])
@worker_required
def identify(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        context = _context(request)
        if not context["strong"]:
            try:
                stepup, code = stepup_request_create(user=request.user, session_key=request.session.session_key)
            except DomainError as error:
                context["error"] = error.message
            else:
                request.session[PENDING_SESSION_KEY] = stepup.pk
                context.update(
                    code=f"{code[:3]} {code[3:]}",
                    code_expires=timezone.localtime(stepup.expires_at),
                    waiting=True,
                )
        return render(request, "workers/stepup_identify.html", context)
    context = _context(request)
    if request.headers.get("HX-Request"):
        response = render(request, "workers/stepup_status.html", context)
        if context["strong"]:
            response["HX-Refresh"] = "true"  # show the whole "You are identified" page
        return response
    return render(request, "workers/stepup_identify.html", context)
