"""Session security for every request: staff always use a second factor, and sessions end for
real (AUTH-1 and AUTH-4 in docs/security-requirements.md).

`SessionSecurityMiddleware` does two things for a logged-in user, after Django's and allauth's
middleware have run:

1. **Timeouts.** A session ends after a time without requests (inactivity) and, whatever the
   activity, a fixed time after login (absolute). Staff get shorter limits than workers and client
   contacts; the four limits are settings (`JOBCENTER_*_TIMEOUT_MINUTES`). The session stores when it
   started and when it was last seen (a Unix time); "last seen" is written at most once a minute,
   so a user may be logged out up to a minute early, never late. A timed-out user is logged out
   (the server-side session is deleted) and sent to the login page.

2. **Staff MFA.** A staff user (administrator, `is_staff`, coordinator, the paying role, unit staff) reaches no page
   but the allowlist below unless this session has an allauth authentication record of the method
   "mfa". Without one:
   - a staff user with no authenticator yet is sent to set up TOTP (allauth's activate page, which
     also makes the recovery codes);
   - a staff user who has one is sent to allauth's MFA re-authentication (enter the app's code).
   Whether a user is staff is worked out at login (stored in the session) and again on the staff
   areas (/coordinator/, /unit/, /billing/ but the client's /billing/my/, /admin/ and the front
   page), so a role granted during a session is enforced where it matters without costing a query
   on every worker page.

The Django admin has no login of its own: `jobcenter/urls.py` sends `admin.site.login` to the
allauth flow (`allauth.account.decorators.secure_admin_login`), so the admin too is behind the
password + TOTP login and this middleware.
"""

from __future__ import annotations

import re
import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from jobcenter.roles import is_coordinator, is_payer, is_unit_staff

SESSION_STARTED_KEY = "jobcenter_session_started"
SESSION_LAST_SEEN_KEY = "jobcenter_session_last_seen"
SESSION_STAFF_KEY = "jobcenter_session_staff"
# "Last seen" is written when it is older than this (seconds): not a session write per request.
LAST_SEEN_WRITE_INTERVAL = 60

# Paths (without the /sv/ or /en/ prefix) a staff user may open before the second factor: what is
# needed to set up TOTP, to enter its code, to re-authenticate, to log out and to switch language.
MFA_ALLOWLIST = (
    "/accounts/logout/",
    "/accounts/login/",
    "/accounts/reauthenticate/",
    "/accounts/2fa/",
    "/i18n/",
    "/healthz",
    "/readyz",
    "/static/",
    "/media/",
)
# Where staff pages live: a staff user is recognised here even if the role came after login.
STAFF_AREAS = ("/coordinator/", "/unit/", "/billing/", "/benefits/", "/admin/")
CLIENT_AREAS = ("/billing/my/",)

_PREFIXED_LANGUAGES = "|".join(re.escape(code) for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE)
_LANGUAGE_PREFIX = re.compile(rf"^/(?:{_PREFIXED_LANGUAGES})(?=/)")


def _plain_path(path: str) -> str:
    """The path without a language prefix: "/sv/unit/" -> "/unit/"."""
    return _LANGUAGE_PREFIX.sub("", path, count=1)


def is_staff_user(user) -> bool:
    """Administrator, Django admin access, coordinator, the paying role or active unit staff."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return bool(user.is_superuser or user.is_staff or is_coordinator(user) or is_payer(user) or is_unit_staff(user))


def has_mfa_record(request) -> bool:
    """This session passed a second factor (allauth records "mfa" at login and at re-authentication)."""
    from allauth.account.authentication import get_authentication_records

    return any(record.get("method") == "mfa" for record in get_authentication_records(request, request.user))


def _stamp_new_session(sender, request, user, **kwargs) -> None:
    """On every login: the session starts now, and whether the user is staff is noted."""
    if request is None or not hasattr(request, "session"):
        return
    now = time.time()
    request.session[SESSION_STARTED_KEY] = now
    request.session[SESSION_LAST_SEEN_KEY] = now
    # A fresh copy: the role helpers cache on the instance, and the caller's copy must stay clean.
    fresh = type(user)._default_manager.filter(pk=user.pk).first()
    request.session[SESSION_STAFF_KEY] = is_staff_user(fresh)


user_logged_in.connect(_stamp_new_session, dispatch_uid="jobcenter.middleware.stamp_new_session")


def timeouts_for(staff: bool) -> tuple[int, int]:
    """(inactivity, absolute) limits in seconds for a staff or another session."""
    if staff:
        return (
            settings.JOBCENTER_STAFF_IDLE_TIMEOUT_MINUTES * 60,
            settings.JOBCENTER_STAFF_ABSOLUTE_TIMEOUT_MINUTES * 60,
        )
    return settings.JOBCENTER_IDLE_TIMEOUT_MINUTES * 60, settings.JOBCENTER_ABSOLUTE_TIMEOUT_MINUTES * 60


def _redirect(request, url: str) -> HttpResponse:
    if request.headers.get("HX-Request"):
        # htmx would swap the target page into a fragment; make it load the page instead.
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


def _with_next(url: str, request) -> str:
    if request.method in ("GET", "HEAD"):
        return f"{url}?{urlencode({'next': request.get_full_path()})}"
    return url


class SessionSecurityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response = self._check(request, user)
            if response is not None:
                return response
        return self.get_response(request)

    def _check(self, request, user) -> HttpResponse | None:
        session = request.session
        path = _plain_path(request.path_info)
        staff = session.get(SESSION_STAFF_KEY)
        if staff is None or (not staff and self._in_staff_area(path)):
            found = is_staff_user(user)
            if found != staff:
                session[SESSION_STAFF_KEY] = staff = found

        # 1. Timeouts.
        now = time.time()
        started = session.get(SESSION_STARTED_KEY)
        last_seen = session.get(SESSION_LAST_SEEN_KEY)
        idle_limit, absolute_limit = timeouts_for(staff)
        if started is None:
            session[SESSION_STARTED_KEY] = started = now
        if (last_seen is not None and now - last_seen > idle_limit) or now - started > absolute_limit:
            logout(request)
            messages.info(request, _("You were logged out because the session ended. Please log in again."))
            return _redirect(request, _with_next(reverse("account_login"), request))
        if last_seen is None or now - last_seen >= LAST_SEEN_WRITE_INTERVAL:
            session[SESSION_LAST_SEEN_KEY] = now

        # 2. Staff need the second factor in this session.
        if staff and not path.startswith(MFA_ALLOWLIST) and not has_mfa_record(request):
            from allauth.mfa.models import Authenticator

            if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                return _redirect(request, _with_next(reverse("mfa_reauthenticate"), request))
            messages.info(
                request,
                _("Staff log in with a password and a code from an authenticator app. Set up the app first."),
            )
            return _redirect(request, reverse("mfa_activate_totp"))
        return None

    @staticmethod
    def _in_staff_area(path: str) -> bool:
        if path == "/":
            return True
        return path.startswith(STAFF_AREAS) and not path.startswith(CLIENT_AREAS)
