"""Strong sessions: when special-category figures (benefits, debts, support needs) may be shown.

A session started with an emailed code alone never shows those figures (whoever reads the
mailbox could log in and see them; AUTH-5). Pages ask one question, `session_is_strong(request)`;
they never look at allauth's records or the session keys themselves.

The answer is "yes" when one of the **ways in** (`WAYS_IN`, in this order) admits the session:

1. `in_person`: a staff member of the worker's unit saw her and confirmed her code
   (`jobcenter.stepup_services`); strong for `JOBCENTER_STEPUP_IN_PERSON_MINUTES`.
2. `passkey_stepup`: in this session the worker opened her figures with a passkey of hers
   (fingerprint or face, `jobcenter.passkey_services.passkey_stepup_complete`); strong for the rest
   of the session, as long as that passkey exists.
3. `allauth_mfa`: allauth recorded a second factor in this session: a TOTP code, a recovery code,
   or a passkey login. A passkey counts only if it was added through `passkey_services` (in a
   strong session, so it stands for a person someone identified) and only while it exists: when
   the unit removes a lost phone's passkeys, the sessions made with them stop being strong.
4. `strong_identity_provider`: the login came through an identity provider that identifies
   strongly (`JOBCENTER_STRONG_SOCIAL_PROVIDERS`, allauth social account provider ids).

A new way in is a function `(request) -> bool` with a name, added to `WAYS_IN`. The City's strong
identification (Suomi.fi through Helsinki-profiili, an OpenID Connect provider) is either simply
its provider id in `JOBCENTER_STRONG_SOCIAL_PROVIDERS`, or, when only some of its logins are strong
(its `loa` claim is "substantial" or "high"), a way in of its own that reads what the login stored.
docs/strong-sessions.md tells the whole story.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings

# Set by the in-person confirmation service: a Unix time until which the session counts as strong.
IN_PERSON_SESSION_KEY = "jobcenter_stepup_in_person_until"
# The id of the worker's waiting in-person request (jobcenter.stepup_services), while one waits.
PENDING_SESSION_KEY = "jobcenter_stepup_pending"
# Set by the passkey step-up: the id of the allauth Authenticator (a passkey) that opened the figures.
PASSKEY_SESSION_KEY = "jobcenter_stepup_passkey"
# The mark `passkey_services` puts in a passkey's `Authenticator.data`: it was added in a strong session.
PASSKEY_MARK = "jobcenter"


@dataclass(frozen=True)
class WayIn:
    """One way a session becomes strong: `admits(request)` says whether it did for this session."""

    name: str
    admits: Callable[[object], bool]


def _authentication_records(request) -> list[dict]:
    from allauth.account.authentication import get_authentication_records

    return get_authentication_records(request, getattr(request, "user", None))


def marked_passkeys(user_id: int, ids) -> set[int]:
    """Of the Authenticator ids, those that are passkeys of the user added in a strong session."""
    from allauth.mfa.models import Authenticator

    ids = [pk for pk in ids if isinstance(pk, int)]
    if not ids:
        return set()
    return set(
        Authenticator.objects.filter(
            pk__in=ids, user_id=user_id, type=Authenticator.Type.WEBAUTHN, data__has_key=PASSKEY_MARK
        ).values_list("pk", flat=True)
    )


def _in_person(request) -> bool:
    until = request.session.get(IN_PERSON_SESSION_KEY)
    if not (until and until > time.time()) and request.session.get(PENDING_SESSION_KEY):
        until = apply_confirmed_stepup(request)
    return bool(until and until > time.time())


def _passkey_stepup(request) -> bool:
    authenticator_id = request.session.get(PASSKEY_SESSION_KEY)
    if not authenticator_id:
        return False
    if marked_passkeys(request.user.pk, [authenticator_id]):
        return True
    request.session.pop(PASSKEY_SESSION_KEY, None)  # removed: this session is weak again
    return False


def _allauth_mfa(request) -> bool:
    passkey_ids = []
    for record in _authentication_records(request):
        if record.get("method") != "mfa":
            continue
        if record.get("type") != "webauthn":
            return True  # TOTP or a recovery code
        passkey_ids.append(record.get("id"))
    return bool(marked_passkeys(request.user.pk, passkey_ids))


def _strong_identity_provider(request) -> bool:
    strong_providers = set(getattr(settings, "JOBCENTER_STRONG_SOCIAL_PROVIDERS", ()))
    if not strong_providers:
        return False
    return any(
        record.get("method") == "socialaccount" and record.get("provider") in strong_providers
        for record in _authentication_records(request)
    )


WAYS_IN: tuple[WayIn, ...] = (
    WayIn("in_person", _in_person),
    WayIn("passkey_stepup", _passkey_stepup),
    WayIn("allauth_mfa", _allauth_mfa),
    WayIn("strong_identity_provider", _strong_identity_provider),
)


def strong_way_in(request) -> str | None:
    """The name of the first way in that admits this session, or None (a weak session)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    for way in WAYS_IN:
        if way.admits(request):
            return way.name
    return None


def session_is_strong(request) -> bool:
    """True when this browser session may show special-category figures (see the module's doc)."""
    return strong_way_in(request) is not None


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
    """Until when (Unix time) an in-person confirmation keeps this session strong, if it does.

    None also when the session is strong in another way that has no end of its own (a passkey)."""
    until = request.session.get(IN_PERSON_SESSION_KEY)
    return until if until and until > time.time() else None
