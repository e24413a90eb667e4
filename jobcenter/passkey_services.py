"""A worker's passkeys: fingerprint or face login on her own phone (AUTH-5, docs/strong-sessions.md).

The passkeys are allauth's `Authenticator` rows of the type "webauthn"; the WebAuthn ceremonies
are allauth's (`allauth.mfa.webauthn.internal.auth`, on top of fido2). What is ours is who may do
what, and the record of it:

- **Adding** needs a strong session (the worker was confirmed in person, or opened her figures
  with a passkey she already has): the passkey then stands for a person someone identified. The
  new row carries a mark in its `data` (`jobcenter.stepup.PASSKEY_MARK`: when, and which way in
  made the session strong). A passkey without the mark (added on allauth's own pages, where a
  re-authentication is enough) never opens figures.
- **Opening the figures** (`passkey_stepup_begin` / `passkey_stepup_complete`): a WebAuthn
  assertion with user verification (the fingerprint or face), checked on the server; the session
  then stays strong while it lasts and while that passkey exists.
- **Removing** one or all of a worker's passkeys: the worker herself, staff of her home unit, or
  the coordinator ("Phone lost"). Sessions that a removed passkey made strong are weak on their
  next request (`jobcenter.stepup` checks that the passkey still exists).

Adding and removing are written to the access log (action "change"), so the worker sees on her
log page who changed her logins and when.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jobcenter.access_log import ACTION_CHANGE, log_access, register_data_label
from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.models import User
from jobcenter.roles import is_coordinator, is_unit_staff, worker_profile
from jobcenter.stepup import PASSKEY_MARK, PASSKEY_SESSION_KEY, marked_passkeys, strong_way_in

DATA_PASSKEYS = "passkeys"
register_data_label(DATA_PASSKEYS, _("Fingerprint or face login"))

NAME_MAX_LENGTH = 60

NOT_STRONG = _(
    "You can set up fingerprint or face login only when we know it is you. "
    "Go to your instructor first, or open your figures with a passkey you already have."
)
NOT_VERIFIED = _("The phone did not check your fingerprint or face. Try again.")
FAILED = _("It did not work. Try again, or show your code to your instructor.")


def default_passkey_name(day=None) -> str:
    """ "Phone, 3.12.2026": what the worker sees in her list if she types no name."""
    day = day or timezone.localdate()
    return gettext("Phone, %(date)s") % {"date": formats.date_format(day, "j.n.Y")}


def can_manage_passkeys(*, by: User, worker) -> bool:
    """The worker herself, staff of her home unit, or the coordinator."""
    if by is None or not by.is_authenticated:
        return False
    return by.pk == worker.user_id or is_coordinator(by) or is_unit_staff(by, worker.home_unit_id)


def _authenticator_model():
    from allauth.mfa.models import Authenticator

    return Authenticator


def _webauthn():
    from allauth.mfa.webauthn.internal import auth

    return auth


def _own_worker(request):
    worker = worker_profile(request.user)
    if worker is None:
        raise ActionNotPermitted()
    return worker


# --- Adding ---------------------------------------------------------------------------------------
def passkey_registration_begin(*, request) -> dict:
    """The options for the phone's `navigator.credentials.create()`; the challenge waits in the session."""
    _own_worker(request)
    if strong_way_in(request) is None:
        raise ActionNotPermitted(NOT_STRONG)
    # Discoverable and user-verified: the same passkey also logs her in from the login page.
    return _webauthn().begin_registration(request.user, True)


def passkey_add(*, request, credential: dict, name: str = ""):
    """Check the phone's answer to `passkey_registration_begin` and store the passkey."""
    from allauth.mfa import signals

    worker = _own_worker(request)
    way_in = strong_way_in(request)
    if way_in is None:
        raise ActionNotPermitted(NOT_STRONG)
    auth = _webauthn()
    auth.parse_registration_response(credential)  # a malformed answer: a ValidationError
    binding = auth.complete_registration(credential)
    if not binding.is_user_verified():
        raise DomainError(NOT_VERIFIED)
    name = " ".join(str(name or "").split())[:NAME_MAX_LENGTH] or default_passkey_name()
    with transaction.atomic():
        # One passkey at a time per worker: two taps at once make two rows, never a half one.
        User.objects.select_for_update().only("pk").get(pk=request.user.pk)
        authenticator = auth.WebAuthn.add(request.user, name, credential).instance
        authenticator.data[PASSKEY_MARK] = {"added_at": timezone.now().isoformat(), "way_in": way_in}
        authenticator.save(update_fields=["data"])
        log_access(request, worker, DATA_PASSKEYS, action=ACTION_CHANGE)
    signals.authenticator_added.send(
        sender=type(authenticator), request=request, user=request.user, authenticator=authenticator
    )
    return authenticator


# --- Opening the figures with a passkey -----------------------------------------------------------
def passkey_stepup_begin(*, request) -> dict:
    """The options for `navigator.credentials.get()`, for the worker's own marked passkeys only."""
    from fido2.webauthn import UserVerificationRequirement

    _own_worker(request)
    auth = _webauthn()
    Authenticator = _authenticator_model()
    marked = Authenticator.objects.filter(
        user_id=request.user.pk, type=Authenticator.Type.WEBAUTHN, data__has_key=PASSKEY_MARK
    )
    credentials = [row.wrap().authenticator_data.credential_data for row in marked]
    if not credentials:
        raise DomainError(FAILED)
    options, state = auth.get_server().authenticate_begin(
        credentials=credentials, user_verification=UserVerificationRequirement.REQUIRED
    )
    auth.set_state(state)
    return dict(options)


def passkey_stepup_complete(*, request, credential: dict):
    """Check the phone's answer; on success this session is strong for as long as it lasts."""
    _own_worker(request)
    auth = _webauthn()
    auth.parse_authentication_response(credential)
    authenticator = auth.complete_authentication(request.user, credential)  # checks the challenge and UV
    if not marked_passkeys(request.user.pk, [authenticator.pk]):
        raise DomainError(FAILED)
    authenticator.record_usage()
    # A new session key: a session id seen before the step-up does not carry the strong session.
    request.session.cycle_key()
    request.session[PASSKEY_SESSION_KEY] = authenticator.pk
    return authenticator


# --- Removing -------------------------------------------------------------------------------------
def passkey_remove(*, authenticator_id: int, by: User, request=None) -> None:
    """Remove one passkey (the worker's own list, or staff on her behalf)."""
    Authenticator = _authenticator_model()
    with transaction.atomic():
        authenticator = (
            Authenticator.objects.select_for_update()
            .select_related("user")
            .filter(pk=authenticator_id, type=Authenticator.Type.WEBAUTHN)
            .first()
        )
        worker = worker_profile(authenticator.user) if authenticator else None
        if worker is None or not can_manage_passkeys(by=by, worker=worker):
            raise ActionNotPermitted()
        authenticator.delete()
        _delete_dangling_recovery_codes(authenticator.user_id)
        log_access(request or by, worker, DATA_PASSKEYS, action=ACTION_CHANGE, path=None if request else "")


def passkeys_remove_all(*, worker, by: User, request=None) -> int:
    """ "Phone lost": remove all the worker's passkeys. Returns how many were removed."""
    if not can_manage_passkeys(by=by, worker=worker):
        raise ActionNotPermitted()
    Authenticator = _authenticator_model()
    with transaction.atomic():
        User.objects.select_for_update().only("pk").get(pk=worker.user_id)
        removed, _per_model = Authenticator.objects.filter(
            user_id=worker.user_id, type=Authenticator.Type.WEBAUTHN
        ).delete()
        if removed:
            _delete_dangling_recovery_codes(worker.user_id)
            log_access(request or by, worker, DATA_PASSKEYS, action=ACTION_CHANGE, path=None if request else "")
    return removed


def _delete_dangling_recovery_codes(user_id: int) -> None:
    """Recovery codes alone protect nothing; allauth removes them with the last authenticator too."""
    Authenticator = _authenticator_model()
    rows = Authenticator.objects.filter(user_id=user_id)
    if not rows.exclude(type=Authenticator.Type.RECOVERY_CODES).exists():
        rows.delete()
