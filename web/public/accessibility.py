"""The accessibility statement and its feedback form (Act on the Provision of Digital Services
306/2019: a statement with a feedback channel, answered within 14 days). No login.

The form is open to anyone, so it has the order form's defences: a honeypot, a minimum time to
fill it in and a per-connection limit. A message is stored and the coordinators get one email
(`jobcenter.feedback.services`).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from jobcenter import ratelimit
from jobcenter.feedback.services import accessibility_feedback_submit
from web.public.forms import STARTED_FIELD, form_started_token
from web.public.forms.accessibility import AccessibilityFeedbackForm
from web.public.views import _client_ip, _contact, _min_fill_seconds, error_summary

security_log = logging.getLogger("jobcenter.security")

# The day the statement was last checked against the site (shown on the page; update with it).
STATEMENT_DATE = dt.date(2026, 12, 3)
# Messages one connection may send in a window (seconds). A person rarely sends more than one.
FEEDBACK_RATE_LIMIT = 5
FEEDBACK_RATE_WINDOW = 60 * 60


@require_safe
def statement(request: HttpRequest) -> HttpResponse:
    return render(request, "public/accessibility_statement.html", {"statement_date": STATEMENT_DATE, **_contact()})


def _form_page(request: HttpRequest, form: AccessibilityFeedbackForm, *, status: int = 200, **extra) -> HttpResponse:
    context = {
        "form": form,
        "errors": error_summary(form) if form.is_bound else [],
        "honeypot": form["website"],
        **_contact(),
        **extra,
    }
    return render(request, "public/accessibility_feedback.html", context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def feedback(request: HttpRequest) -> HttpResponse:
    """The feedback form. POST/redirect/GET to the thank-you page."""
    if request.method != "POST":
        # The page the person came from, when they followed the link in the footer of that page.
        initial = {STARTED_FIELD: form_started_token(), "page_url": request.GET.get("page", "")[:500]}
        return _form_page(request, AccessibilityFeedbackForm(initial=initial))

    form = AccessibilityFeedbackForm(request.POST)
    ip = _client_ip(request)
    if form.honeypot_filled():
        ratelimit.hit(f"a11y-feedback:ip:{ip}", FEEDBACK_RATE_LIMIT, FEEDBACK_RATE_WINDOW)
        security_log.warning("accessibility feedback: honeypot filled, nothing saved (ip %s)", ip)
        return redirect("accessibility:feedback-sent")
    minimum = _min_fill_seconds()
    seconds = form.fill_seconds()
    if minimum > 0 and (seconds is None or seconds < minimum):
        security_log.warning("accessibility feedback: sent too soon after it was shown (ip %s)", ip)
        form.is_valid()
        form.data = form.data.copy()
        form.data[STARTED_FIELD] = form_started_token()
        return _form_page(request, form, too_fast=True)
    if not form.is_valid():
        return _form_page(request, form)
    if not ratelimit.hit(f"a11y-feedback:ip:{ip}", FEEDBACK_RATE_LIMIT, FEEDBACK_RATE_WINDOW):
        security_log.warning("accessibility feedback: rate limit reached (ip %s)", ip)
        return _form_page(request, form, status=429, rate_limited=True)
    data = form.cleaned_data
    try:
        accessibility_feedback_submit(
            message=data["message"],
            name=data["name"],
            email=data["email"],
            page_url=data["page_url"],
            language=(translation.get_language() or "fi")[:2],
        )
    except ValidationError as err:
        for message in err.messages:
            form.add_error(None, message)
        return _form_page(request, form)
    return redirect("accessibility:feedback-sent")


@require_safe
def feedback_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "public/accessibility_feedback_sent.html", _contact())
