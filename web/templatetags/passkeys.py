"""Passkeys (fingerprint or face login) on pages whose views know nothing of them.

- `{% passkey_offer as offer %}` on the worker's benefits and gig pages: `offer.open` when her
  session is weak and she has a passkey that opens the figures ("Open with fingerprint or face",
  shown before the way to her instructor), `offer.setup` when her instructor has just confirmed
  her in person (set one up on this phone).
- `{% worker_passkeys worker as passkeys %}` on the unit's worker page: the worker's passkeys for
  her unit's staff (the selector refuses anyone else).
"""

from __future__ import annotations

from django import template

from jobcenter.passkey_selectors import has_figure_passkey, worker_passkeys_for
from jobcenter.stepup import strong_way_in

register = template.Library()


@register.simple_tag(takes_context=True)
def passkey_offer(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    way_in = strong_way_in(request)
    if way_in is None:
        return {"open": has_figure_passkey(user=user), "next": request.get_full_path()}
    return {"setup": way_in == "in_person"}


@register.simple_tag(takes_context=True)
def worker_passkeys(context, worker) -> list:
    request = context.get("request")
    return worker_passkeys_for(by=request.user, worker=worker)
