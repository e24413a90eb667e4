"""Reads of the API tokens."""

from __future__ import annotations

from jobcenter.api_tokens.models import ApiToken
from jobcenter.api_tokens.services import hash_secret

# A secret is 47 characters; anything much longer is not one of ours and is not hashed.
MAX_SECRET_LENGTH = 200


def api_token_by_secret(secret: str) -> ApiToken | None:
    """The token (active or revoked) whose secret this is; None for an unknown or malformed one."""
    if not secret or len(secret) > MAX_SECRET_LENGTH:
        return None
    return ApiToken.objects.filter(secret_hash=hash_secret(secret)).first()
