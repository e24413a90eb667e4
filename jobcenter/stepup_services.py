"""In-person step-up (AUTH-5): staff confirm a worker face to face, and it is recorded.

1. The worker, logged in on their phone (often with an emailed code only), opens "Show my figures"
   (`/me/identify/`) and gets a 6-digit code from a CSPRNG, valid `JOBCENTER_STEPUP_CODE_MINUTES`.
   `stepup_request_create` stores only hashes: the code keyed with the secret key, and the phone's
   session key. A new code replaces the worker's earlier ones.
2. The worker shows the code to their instructor. Unit staff of the worker's home unit, or the
   coordinator, in their own strong session, enter it (`/unit/identify/`): `stepup_request_find`
   tells them whose code it is; after they confirm they saw that person, `stepup_confirm` records
   who confirmed and when, and until when the worker counts as identified
   (`JOBCENTER_STEPUP_IN_PERSON_MINUTES`).
3. The worker's session picks the confirmation up (`jobcenter.stepup.apply_confirmed_stepup`):
   only the session whose key hash matches, and only until `strong_until`.

A wrong code, an expired or replaced one, and a code of a worker the staff member may not confirm
all give the same message, so codes cannot be probed across units. Staff attempts are rate-limited
in the view.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from jobcenter.errors import ActionNotPermitted, DomainError
from jobcenter.models import StepUpRequest, User
from jobcenter.roles import is_coordinator, is_unit_staff, worker_profile

CODE_DIGITS = 6
_HMAC_SALT = "jobcenter.stepup.code"

WRONG_CODE = _("The code is wrong or no longer valid. Ask the person to get a new code on their phone.")


def hash_session_key(session_key: str) -> str:
    return hashlib.sha256(session_key.encode()).hexdigest()


def hash_code(code: str) -> str:
    return salted_hmac(_HMAC_SALT, normalize_code(code), algorithm="sha256").hexdigest()


def normalize_code(code: str) -> str:
    """People type "123 456" or "123-456"; only the digits count."""
    return "".join(ch for ch in str(code) if ch.isdigit())


def _pending():
    return StepUpRequest.objects.filter(
        confirmed_at__isnull=True, cancelled_at__isnull=True, expires_at__gt=timezone.now()
    )


def can_confirm_in_person(*, by: User, worker) -> bool:
    """Unit staff of the worker's home unit, or the coordinator; never the worker themself."""
    if by.pk == worker.user_id:
        return False
    return is_coordinator(by) or is_unit_staff(by, worker.home_unit_id)


def stepup_request_create(*, user: User, session_key: str) -> tuple[StepUpRequest, str]:
    """A new code for the worker's session. Returns the request and the code (shown once, never stored)."""
    if worker_profile(user) is None:
        raise ActionNotPermitted()
    if not session_key:
        raise DomainError(_("Your session has no key. Log in again."))
    now = timezone.now()
    with transaction.atomic():
        # Lock the user's row: two taps at once give one pending code.
        User.objects.select_for_update().only("pk").get(pk=user.pk)
        StepUpRequest.objects.filter(user=user, confirmed_at__isnull=True, cancelled_at__isnull=True).update(
            cancelled_at=now
        )
        for _attempt in range(20):
            code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
            code_hash = hash_code(code)
            # Staff find a request by its code alone, so no two pending codes may be equal.
            if not _pending().filter(code_hash=code_hash).exists():
                break
        else:  # pragma: no cover - a million codes, a handful pending
            raise DomainError(_("Could not make a code. Try again."))
        stepup = StepUpRequest.objects.create(
            user=user,
            session_key_hash=hash_session_key(session_key),
            code_hash=code_hash,
            created_at=now,
            expires_at=now + dt.timedelta(minutes=settings.JOBCENTER_STEPUP_CODE_MINUTES),
        )
    return stepup, code


def stepup_request_find(*, code: str, by: User) -> StepUpRequest:
    """The pending request with this code, if `by` may confirm its worker (else DomainError)."""
    code = normalize_code(code)
    if len(code) != CODE_DIGITS:
        raise DomainError(WRONG_CODE)
    stepup = (
        _pending()
        .select_related("user", "user__worker", "user__worker__home_unit")
        .filter(code_hash=hash_code(code))
        .first()
    )
    worker = getattr(stepup.user, "worker", None) if stepup else None
    if stepup is None or worker is None or not can_confirm_in_person(by=by, worker=worker):
        raise DomainError(WRONG_CODE)
    return stepup


def stepup_confirm(*, stepup_id: int, code: str, by: User) -> StepUpRequest:
    """`by` saw the person: record it; the worker's session counts as identified for a while."""
    with transaction.atomic():
        stepup = (
            StepUpRequest.objects.select_for_update(of=("self",))
            .select_related("user__worker")
            .filter(pk=stepup_id)
            .first()
        )
        if stepup is None or not constant_time_compare(stepup.code_hash, hash_code(code)):
            raise DomainError(WRONG_CODE)
        if stepup.confirmed_at is not None:
            raise DomainError(_("This code has already been used."))
        if stepup.cancelled_at is not None or stepup.expires_at <= timezone.now():
            raise DomainError(WRONG_CODE)
        worker = getattr(stepup.user, "worker", None)
        if worker is None or not can_confirm_in_person(by=by, worker=worker):
            raise DomainError(WRONG_CODE)
        now = timezone.now()
        stepup.confirmed_by = by
        stepup.confirmed_at = now
        stepup.strong_until = now + dt.timedelta(minutes=settings.JOBCENTER_STEPUP_IN_PERSON_MINUTES)
        stepup.save(update_fields=["confirmed_by", "confirmed_at", "strong_until"])
    return stepup
