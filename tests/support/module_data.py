"""Data made once for a whole test module and rolled back at its end.

Inside the fixture's transaction each test runs in a savepoint of its own (pytest-django), so what a
test changes is undone after it, as with data of its own; only the making is shared. Used where the
making is slow: the demo seeding takes about 13 s."""

from __future__ import annotations

from contextlib import contextmanager

from django.db import transaction
from django.test import override_settings


@contextmanager
def module_transaction(django_db_blocker, **settings):
    """Unblock the database, apply `settings`, and hold a transaction that is rolled back on exit."""
    with override_settings(**settings), django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)
