"""Real faults for the degraded-mode tests: Redis (the cache) or the Celery broker on a closed port.

Nothing is mocked: the cache backend and Celery really try to connect to 127.0.0.1:<port>, where
nothing listens, and get "connection refused", as when Redis is down.

- `closed_port()`: a port nothing listens on (bound by this process, then closed again).
- `cache_unreachable()`: the default cache is the production backend (jobcenter.cache) on that port.
- `broker_unreachable()`: Celery publishes (not eagerly) to a broker and result store on that port;
  leaving the block is the moment "the broker is back" (the configured one is used again).
"""

from __future__ import annotations

import socket
import threading
from contextlib import contextmanager

from django.test.utils import override_settings


def closed_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on: the OS gave it to us, and we closed it."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return port


def closed_redis_url() -> str:
    return f"redis://127.0.0.1:{closed_port()}/0"


@contextmanager
def cache_unreachable():
    """The default cache is jobcenter.cache.ResilientRedisCache on a closed port (as in production,
    with the production socket timeouts). Yields the URL."""
    from django.conf import settings

    url = closed_redis_url()
    timeout = settings.REDIS_SOCKET_TIMEOUT
    caches = {
        "default": {
            "BACKEND": "jobcenter.cache.ResilientRedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": timeout, "socket_timeout": timeout},
        }
    }
    with override_settings(CACHES=caches):
        yield url


_CELERY_KEYS = ("broker_url", "broker_write_url", "broker_read_url", "result_backend", "task_always_eager")


def _reset_connections(app) -> None:
    """Forget the app's broker connection pool and result store, so the next publish uses the
    current configuration."""
    app._pool = None  # kombu keeps the pools by URL; the real one is found again on restore
    amqp = app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None
    app._backend_cache = None
    app._local = threading.local()


@contextmanager
def broker_unreachable():
    """Tasks are published for real (not eagerly) to a broker and result store on a closed port."""
    from jobcenter.celery import app

    saved = {key: app.conf[key] for key in _CELERY_KEYS}
    url = closed_redis_url()
    app.conf.update(
        broker_url=url, broker_write_url=url, broker_read_url=url, result_backend=url, task_always_eager=False
    )
    _reset_connections(app)
    try:
        yield url
    finally:
        app.conf.update(saved)
        _reset_connections(app)
