"""Tokens of the figures API for tests: a working token and the header that sends it."""

from __future__ import annotations

from jobcenter.api_tokens.services import api_token_create


def api_token(*, name: str = "City reporting", by=None):
    """(token, secret) of a new active token, made by an administrator (a new one unless given)."""
    from tests.factories import AdministratorFactory

    return api_token_create(name=name, created_by=by or AdministratorFactory())


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}
