"""Races for the concurrency tests: callables run in threads that start at the same moment."""

from __future__ import annotations

import threading

from django.db import connection
from django.utils import translation


def run_at_once(functions, *, timeout: float = 60) -> list:
    """Run the callables in threads that start together; each one's result, or the exception it raised.

    Each thread speaks English (the language is per thread, and the tests read the messages) and
    closes its own database connection when done."""
    barrier = threading.Barrier(len(functions))
    results: list = [None] * len(functions)

    def runner(index, function):
        translation.activate("en")
        try:
            barrier.wait(timeout=timeout)
            results[index] = function()
        except Exception as exc:  # noqa: BLE001 - the outcome is what the tests assert
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout + 30)
    assert not any(t.is_alive() for t in threads), "a thread hung"
    return results
