"""Writes of the API tokens. The admin (jobcenter/api_tokens/admin.py), the API's authentication
(web/api/auth.py) and the tests call these.

Only an administrator makes or revokes a token. The secret is returned once, to be shown once;
only its sha256 is kept."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from jobcenter.api_tokens.models import ApiScope, ApiToken
from jobcenter.errors import ActionNotPermitted
from jobcenter.roles import is_administrator

# 32 random bytes, 43 characters: far beyond guessing. The prefix tells a leaked token apart in a
# log or a secret scanner.
TOKEN_BYTES = 32
TOKEN_PREFIX = "jcf_"  # noqa: S105 - the public start of every token, not a secret
# `last_used_at` is for "is this token still in use?", not an audit trail: one write a minute is enough.
LAST_USED_PRECISION = timedelta(minutes=1)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, name: str, created_by, scope: str = ApiScope.FIGURES) -> tuple[ApiToken, str]:
    """A new token and its secret. The secret is not stored: show it to the administrator now."""
    if not is_administrator(created_by):
        raise ActionNotPermitted()
    secret = TOKEN_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)
    token = ApiToken.objects.create(
        name=name.strip(), scope=scope, created_by=created_by, secret_hash=hash_secret(secret)
    )
    return token, secret


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by) -> bool:
    """Revoke the token: it answers 401 from now on. False if it was revoked already."""
    if not is_administrator(by):
        raise ActionNotPermitted()
    revoked = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token.refresh_from_db(fields=["revoked_at"])
    return bool(revoked)


@transaction.atomic
def api_token_mark_used(token: ApiToken) -> None:
    """Stamp the last use of an active token (at most one write a minute)."""
    now = timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_PRECISION:
        return
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(last_used_at=now)
    token.last_used_at = now
