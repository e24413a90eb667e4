"""A tiny fixed-window rate limit on Django's cache (Redis in production, memory in development).

    if not ratelimit.hit(f"order-form:ip:{ip}", limit=5, window_seconds=600):
        ...  # over the limit: answer 429

The counter lives in the shared cache, so every web process sees the same count. `cache.add` starts
a window only if none is running and `cache.incr` is atomic on Redis, so two requests at the same
moment are both counted.

While Redis is unreachable the cache backend (jobcenter/cache.py) counts in the memory of each web
process instead: the limit then holds per process, and the page keeps working (SECURITY.md,
"When the cache or the broker is down").
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache

PREFIX = "ratelimit:"


def _cache_key(key: str) -> str:
    # Keys hold client IPs and other free text: hash them so any key is a valid, short cache key.
    return PREFIX + hashlib.sha256(key.encode()).hexdigest()


def hit(key: str, limit: int, window_seconds: int) -> bool:
    """Count one hit on `key`. True while the hits in the current window are at most `limit`."""
    cache_key = _cache_key(key)
    if cache.add(cache_key, 1, timeout=window_seconds):
        return 1 <= limit
    try:
        count = cache.incr(cache_key)
    except ValueError:
        # The window ended between `add` and `incr`: this hit starts a new one.
        cache.add(cache_key, 1, timeout=window_seconds)
        count = 1
    return count <= limit


def reset(key: str) -> None:
    """Forget the hits on `key` (for support staff and tests)."""
    cache.delete(_cache_key(key))
