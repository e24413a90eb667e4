"""Fixtures of the worker-side tests: a worker, and a client logged in as that worker."""

import pytest

from tests.factories import WorkerFactory


@pytest.fixture
def worker():
    return WorkerFactory(user__first_name="Aino")


@pytest.fixture
def logged_in(client, worker):
    client.force_login(worker.user)
    return client
