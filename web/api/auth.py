"""`Authorization: Bearer <token>`: the token an administrator made (`jobcenter.api_tokens`).

A missing, unknown or revoked token is a 401 with a message that says which; a session cookie does
not count. Each token may ask `TOKEN_RATE_LIMIT` times a minute; an address that keeps sending
wrong tokens is stopped for a while (`jobcenter.ratelimit`)."""

from __future__ import annotations

from allauth.account.adapter import get_adapter
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from ninja.security import HttpBearer

from jobcenter import ratelimit
from jobcenter.api_tokens.models import ApiScope
from jobcenter.api_tokens.selectors import api_token_by_secret
from jobcenter.api_tokens.services import api_token_mark_used
from web.api.errors import ApiError

TOKEN_RATE_LIMIT = 120  # requests a minute per token: a report asks a few times a day
TOKEN_RATE_WINDOW = 60
FAILED_RATE_LIMIT = 20  # wrong tokens per address in ten minutes
FAILED_RATE_WINDOW = 600
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="figures", error="invalid_token"'}


def _client_ip(request) -> str:
    # The same address the login rate limits see (allauth's adapter trusts only the configured proxies).
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return "unknown"


def _too_many() -> ApiError:
    return ApiError(429, "rate_limited", _("Too many requests. Try again in a minute."), headers={"Retry-After": "60"})


def _refuse(request, code: str, detail: str) -> ApiError:
    if not ratelimit.hit(f"api-token-failed:ip:{_client_ip(request)}", FAILED_RATE_LIMIT, FAILED_RATE_WINDOW):
        return _too_many()
    return ApiError(401, code, detail, headers=CHALLENGE)


class FiguresToken(HttpBearer):
    """A token with the "figures" scope. The OpenAPI document names it `FiguresToken` (HTTP bearer)."""

    def authenticate(self, request, token: str):
        found = api_token_by_secret(token.strip())
        if found is None:
            raise _refuse(request, "token_invalid", _("The API token is not valid. Check that you copied all of it."))
        if not found.is_active:
            raise _refuse(
                request, "token_revoked", _("The API token has been revoked. Ask an administrator for a new one.")
            )
        if found.scope != ApiScope.FIGURES:
            raise ApiError(403, "token_scope", _("This API token may not read the figures."))
        if not ratelimit.hit(f"api-token:{found.pk}", TOKEN_RATE_LIMIT, TOKEN_RATE_WINDOW):
            raise _too_many()
        api_token_mark_used(found)
        return found
