"""Fixtures of the query-count tests: the coordinator whose pages are counted."""

import pytest

from tests.factories import CoordinatorFactory


@pytest.fixture
def coordinator():
    return CoordinatorFactory(first_name="Kaisa", last_name="Koordinaattori")


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client
