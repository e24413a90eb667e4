"""The cache backend: Redis, and a per-process memory cache while Redis cannot be reached.

The cache holds rate-limit counters (ours and allauth's), the month-end progress and the retention
lock; sessions live in the database. When Redis is down, a page must not answer 500 because a
counter could not be counted, so `ResilientRedisCache` answers from a memory cache of its own
process instead:

- on a Redis connection error or timeout the operation is done on the memory cache, the outage is
  logged once (not once per request) and Redis is left alone for `RETRY_SECONDS`; then the next
  operation tries Redis again, and the first one that works logs that the cache is back;
- the socket timeouts in OPTIONS (settings) are short, so a request waits at most about a second
  for a Redis that does not answer;
- the memory cache is per process: a rate limit then holds per web process (N processes give N
  times the attempts) until Redis is back. SECURITY.md says why that was chosen.

What must be shared by every process or not happen at all (a lock) uses `add_shared`, which never
falls back: it raises `SharedCacheUnavailable` and the caller decides (the retention run skips).
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("jobcenter.cache")

# While Redis is down, the cache tries it again after this many seconds (at most one wait of the
# socket timeout per process and interval, instead of one per cache call).
RETRY_SECONDS = 10.0
REDIS_DOWN = (RedisConnectionError, RedisTimeoutError, OSError)


class SharedCacheUnavailable(Exception):
    """The shared cache (Redis) cannot be reached; a per-process value would not do."""


class _Outage:
    """One per Redis location and process (Django makes a backend per thread; this is shared)."""

    def __init__(self, name: str, params: dict) -> None:
        self.lock = threading.Lock()
        self.down_until = 0.0  # time.monotonic() before which Redis is not tried
        self.down = False
        kept = ("TIMEOUT", "KEY_PREFIX", "VERSION", "KEY_FUNCTION")
        memory_params = {key: params[key] for key in kept if key in params}
        memory_params["OPTIONS"] = {"MAX_ENTRIES": 10_000}
        self.memory = LocMemCache(f"jobcenter-cache-fallback:{name}", memory_params)

    def skip_redis(self) -> bool:
        return self.down and time.monotonic() < self.down_until

    def begin(self, exc: BaseException) -> None:
        with self.lock:
            first = not self.down
            self.down = True
            self.down_until = time.monotonic() + RETRY_SECONDS
        if first:
            logger.error(
                "cache: Redis unreachable (%s: %s); using a per-process memory cache, retrying every %s s",
                type(exc).__name__, exc, int(RETRY_SECONDS),
            )  # fmt: skip

    def end(self) -> None:
        if not self.down:
            return
        with self.lock:
            was_down, self.down = self.down, False
        if was_down:
            logger.warning("cache: Redis reachable again; the shared cache is back")


_outages: dict[str, _Outage] = {}
_outages_lock = threading.Lock()


def _outage_for(name: str, params: dict) -> _Outage:
    with _outages_lock:
        if name not in _outages:
            _outages[name] = _Outage(name, params)
        return _outages[name]


class ResilientRedisCache(RedisCache):
    """Django's RedisCache that answers from a per-process memory cache while Redis is down."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._outage = _outage_for(",".join(self._servers), params)

    def _call(self, name: str, *args, **kwargs):
        outage = self._outage
        if not outage.skip_redis():
            try:
                result = getattr(RedisCache, name)(self, *args, **kwargs)
            except REDIS_DOWN as exc:
                outage.begin(exc)
            else:
                outage.end()
                return result
        return getattr(outage.memory, name)(*args, **kwargs)

    def add(self, *args, **kwargs):
        return self._call("add", *args, **kwargs)

    def get(self, *args, **kwargs):
        return self._call("get", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._call("set", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._call("get_many", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._call("has_key", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._call("incr", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._call("set_many", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", *args, **kwargs)

    def clear(self):
        self._outage.memory.clear()
        return self._call("clear")

    # --- Never the fallback -----------------------------------------------------------------------
    def add_shared(self, key, value, timeout):
        try:
            result = RedisCache.add(self, key, value, timeout)
        except REDIS_DOWN as exc:
            self._outage.begin(exc)
            raise SharedCacheUnavailable(f"{type(exc).__name__}: {exc}") from exc
        self._outage.end()
        return result

    def ping(self) -> None:
        """Raise unless Redis itself answers (the readiness check; always tries Redis)."""
        try:
            self._cache.get_client(write=True).ping()
        except REDIS_DOWN as exc:
            raise SharedCacheUnavailable(f"{type(exc).__name__}: {exc}") from exc


def add_shared(key: str, value, timeout: int, alias: str = "default") -> bool:
    """`cache.add` in the cache every process shares, never in a per-process fallback. True when
    the key was added; raises SharedCacheUnavailable when Redis cannot be reached. (Without Redis,
    in development, the memory cache is the only cache there is and is used as such.)"""
    backend = caches[alias]
    if isinstance(backend, ResilientRedisCache):
        return backend.add_shared(key, value, timeout)
    return backend.add(key, value, timeout)


def ping(alias: str = "default") -> None:
    """Raise SharedCacheUnavailable unless the shared cache answers (a memory cache always does)."""
    backend = caches[alias]
    if isinstance(backend, ResilientRedisCache):
        backend.ping()
