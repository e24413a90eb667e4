"""Reads of a worker's passkeys (allauth `Authenticator` rows of the type "webauthn").

Only what a person needs to recognise a passkey: its name, when it was added and last used, and
whether it opens the figures (added in a strong session, see `jobcenter.passkey_services`). The
credential itself (public key, ids) never leaves allauth's row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.http import Http404

from jobcenter.passkey_services import can_manage_passkeys
from jobcenter.stepup import PASSKEY_MARK


@dataclass(frozen=True)
class Passkey:
    pk: int
    name: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    opens_figures: bool


def _rows(user_id: int):
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user_id=user_id, type=Authenticator.Type.WEBAUTHN).order_by("created_at", "pk")


def passkeys_of(*, user) -> list[Passkey]:
    """The user's own passkeys, oldest first."""
    return _passkeys(user.pk)


def _passkeys(user_id: int) -> list[Passkey]:
    return [
        Passkey(
            pk=row.pk,
            name=str(row.data.get("name") or ""),
            created_at=row.created_at,
            last_used_at=row.last_used_at,
            opens_figures=PASSKEY_MARK in row.data,
        )
        for row in _rows(user_id)
    ]


def passkey_get_for(*, user, pk: int) -> Passkey:
    """One of the user's own passkeys; `Http404` for anyone else's."""
    for passkey in passkeys_of(user=user):
        if passkey.pk == pk:
            return passkey
    raise Http404


def worker_passkeys_for(*, by, worker) -> list[Passkey]:
    """A worker's passkeys for her, her unit's staff or the coordinator; `Http404` for anyone else."""
    if not can_manage_passkeys(by=by, worker=worker):
        raise Http404
    return _passkeys(worker.user_id)


def has_figure_passkey(*, user) -> bool:
    """Whether the user has a passkey that can open her figures."""
    return _rows(user.pk).filter(data__has_key=PASSKEY_MARK).exists()
