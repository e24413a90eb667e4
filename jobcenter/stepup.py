"""Strong sessions: when special-category figures (benefits, debts, support needs) may be shown.

TRUST.md, AUTH-5: a session started with an emailed code alone never shows those figures. They
need a step-up: a second factor of the user's own (allauth MFA: TOTP or a passkey), a login through
an identity provider configured as strong, or a staff member confirming the person in person
(recorded). Pages ask `session_is_strong(request)`; they never look at allauth's records themselves.
"""

from __future__ import annotations

import time

from django.conf import settings

# Set by the in-person confirmation service: a Unix time until which the session counts as strong.
IN_PERSON_SESSION_KEY = "jobcenter_stepup_in_person_until"


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
    return bool(until and until > time.time())
