"""Strong sessions: when special-category figures (benefits, debts, support needs) may be shown.

A session started with an emailed code alone never shows those figures (whoever reads the
mailbox could log in and see them; AUTH-5). They need a step-up: a second factor of the user's own
(allauth MFA: TOTP or a passkey), a login through an identity provider configured as strong, or a
staff member confirming the person in person (recorded). Pages ask `session_is_strong(request)`;
they never look at allauth's records themselves.
"""

from __future__ import annotations

import time

from django.conf import settings

# Set by the in-person confirmation service: a Unix time until which the session counts as strong.
IN_PERSON_SESSION_KEY = "jobcenter_stepup_in_person_until"
# The id of the worker's waiting in-person request (jobcenter.stepup_services), while one waits.
PENDING_SESSION_KEY = "jobcenter_stepup_pending"


def _authentication_records(request) -> list[dict]:
    from allauth.account.authentication import get_authentication_records

    return get_authentication_records(request, getattr(request, "user", None))


def session_is_strong(request) -> bool:
    """True when this browser session may show special-category figures."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    strong_providers = set(getattr(settings, "JOBCENTER_STRONG_SOCIAL_PROVIDERS", ()))
    for record in _authentication_records(request):
        method = record.get("method")
        if method == "mfa":
            return True
        if method == "socialaccount" and record.get("provider") in strong_providers:
            return True
    until = request.session.get(IN_PERSON_SESSION_KEY)
    if not (until and until > time.time()) and request.session.get(PENDING_SESSION_KEY):
        until = apply_confirmed_stepup(request)
    return bool(until and until > time.time())


def apply_confirmed_stepup(request) -> float | None:
    """If staff have confirmed this session's waiting in-person request, make the session strong.

    Returns the Unix time until which the session is strong, or None. Only the session that asked
    (its key's hash is stored with the request) and only the same user pick the confirmation up.
    """
    from jobcenter.models import StepUpRequest
    from jobcenter.stepup_services import hash_session_key

    pending_id = request.session.get(PENDING_SESSION_KEY)
    session_key = request.session.session_key
    if not pending_id or not session_key:
        return None
    stepup = (
        StepUpRequest.objects.filter(
            pk=pending_id, user_id=request.user.pk, session_key_hash=hash_session_key(session_key)
        )
        .only("confirmed_at", "strong_until", "cancelled_at", "expires_at")
        .first()
    )
    if stepup is None or stepup.cancelled_at is not None:
        request.session.pop(PENDING_SESSION_KEY, None)
        return None
    if stepup.confirmed_at is None or stepup.strong_until is None:
        if stepup.expires_at.timestamp() <= time.time():
            request.session.pop(PENDING_SESSION_KEY, None)
        return None
    until = stepup.strong_until.timestamp()
    request.session.pop(PENDING_SESSION_KEY, None)
    if until > time.time():
        request.session[IN_PERSON_SESSION_KEY] = until
        return until
    return None


def strong_until(request) -> float | None:
    """Until when (Unix time) an in-person confirmation keeps this session strong, if it does."""
    until = request.session.get(IN_PERSON_SESSION_KEY)
    return until if until and until > time.time() else None
