"""Fixtures of the coordinator's dashboard tests (test_dashboard*.py)."""

import pytest

from tests.factories import CoordinatorFactory


@pytest.fixture
def coordinator(client):
    """A coordinator, logged in on the test client."""
    user = CoordinatorFactory()
    client.force_login(user)
    return user
